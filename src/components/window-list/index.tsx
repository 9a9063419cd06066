import { ScrollView, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { WindowListProps } from './types'
import './index.scss'

export type { WindowListProps } from './types'

const DESIGN_WIDTH = 750
let instances = 0

// getSystemInfoSync is deprecated in WeChat's newer base libraries; older ones lack getWindowInfo.
function windowSize(): { windowWidth: number; windowHeight: number } {
  return typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync()
}

/* A list that only draws the rows in view. A county's catalog runs to thousands of listings,
   and a cheap phone (or the mini-program's setData bridge) slows down with thousands of nodes.

   Why not Taro's VirtualList: @tarojs/components-advanced has no 4.2.1 release, and its 4.2.0
   pins @tarojs/components 4.2.0, a second copy of the components in the H5 bundle. Rows here
   share one height, which keeps this small: the index of the first visible row is
   scrollTop / rowHeight, and two spacers stand in for the rows not drawn. */
export function WindowList<T>({
  items,
  rowHeight,
  renderRow,
  keyOf,
  overscan = 6,
  onEndReached,
  endThreshold = 600,
  resetKey = '',
  footer = null,
  className = '',
}: WindowListProps<T>) {
  const id = useMemo(() => `window-list-${++instances}`, [])
  const estimate = useMemo(() => {
    const { windowWidth, windowHeight } = windowSize()
    return { rowPx: (rowHeight * windowWidth) / DESIGN_WIDTH, viewportPx: windowHeight }
  }, [rowHeight])
  const [size, setSize] = useState(estimate)
  const [firstVisible, setFirstVisible] = useState(0)
  const scrollTop = useRef(0)

  // The estimate above assumes rpx scaling; H5's rem scaling differs a little, so measure.
  const hasRows = items.length > 0
  useEffect(() => {
    if (!hasRows) return
    Taro.nextTick(() => {
      try {
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .boundingClientRect()
          .select(`#${id} .window-list__row`)
          .boundingClientRect()
          .exec(([list, row]) => {
            const rowPx = row?.height > 0 ? row.height : estimate.rowPx
            const viewportPx = list?.height > 0 ? list.height : estimate.viewportPx
            setSize({ rowPx, viewportPx })
            setFirstVisible(Math.floor(scrollTop.current / rowPx))
          })
      } catch {
        // No layout to query (a test renderer): the estimate stands.
      }
    })
  }, [id, hasRows, estimate])

  useEffect(() => {
    scrollTop.current = 0
    setFirstVisible(0)
  }, [resetKey])

  const visibleCount = Math.ceil(size.viewportPx / size.rowPx) + 1
  const start = Math.max(0, Math.min(firstVisible, items.length) - overscan)
  const end = Math.min(items.length, firstVisible + visibleCount + overscan)

  return (
    <ScrollView
      key={resetKey}
      id={id}
      className={`window-list ${className}`.trim()}
      scrollY
      lowerThreshold={endThreshold}
      onScrollToLower={() => onEndReached?.()}
      onScroll={(event) => {
        scrollTop.current = event.detail.scrollTop
        // Only a change of first row re-renders: most scroll events change nothing.
        setFirstVisible(Math.floor(event.detail.scrollTop / size.rowPx))
      }}
    >
      <View style={{ height: Taro.pxTransform(start * rowHeight) }} />
      {items.slice(start, end).map((item, offset) => (
        <View key={keyOf(item)} className='window-list__row' style={{ height: Taro.pxTransform(rowHeight) }}>
          {renderRow(item, start + offset)}
        </View>
      ))}
      <View style={{ height: Taro.pxTransform((items.length - end) * rowHeight) }} />
      {footer}
    </ScrollView>
  )
}
