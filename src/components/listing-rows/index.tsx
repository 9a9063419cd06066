import { View } from '@tarojs/components'
import VirtualList from '@tarojs/components-advanced/dist/components/virtual-list'
import Taro, { useDidShow } from '@tarojs/taro'
import { type ComponentType, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ListingRowsProps } from './types'
import './index.scss'

export type { ListingRowsProps } from './types'

const DESIGN_WIDTH = 750

// getSystemInfoSync is deprecated in WeChat's newer base libraries; older ones lack getWindowInfo.
function windowSize(): { windowWidth: number; windowHeight: number } {
  return typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync()
}

/* Rows of a long catalog through Taro's VirtualList: a county's catalog runs to thousands of
   listings, and a cheap phone (or the mini-program's setData bridge) slows down with thousands
   of nodes, so only the rows in view (plus a few) are drawn.

   VirtualList counts in pixels: the row height is converted from design px (750 wide, the unit
   our scss is written in) by the window's width, and the list's height is measured from its box
   (the filters above take a varying share of the screen). We measure it ourselves rather than
   let VirtualList query it: on H5 that query throws when it runs while another page is
   sliding in. */
let instances = 0

/** The laid-out height of the list's box in px, or 0 while it has none (a hidden page). */
function useBoxHeight(id: string, ref: { current: unknown }, deps: unknown[]): number {
  const [height, setHeight] = useState(0)
  const measure = useCallback(() => {
    if (process.env.TARO_ENV === 'h5') {
      const box = (ref.current as HTMLElement | null)?.getBoundingClientRect?.()
      if (box && box.height > 0) setHeight(Math.round(box.height))
      return
    }
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .boundingClientRect()
        .exec(([box]) => {
          if (box?.height > 0) setHeight(Math.round(box.height))
        })
    } catch {
      // No layout to ask (a simulator without one): the estimate stands.
    }
  }, [id, ref])
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void Taro.nextTick(measure), [measure, ...deps])
  useDidShow(() => Taro.nextTick(measure))
  return height
}

export function ListingRows<T>({
  items,
  rowHeight,
  renderRow,
  overscan = 4,
  onEndReached,
  endThreshold = 600,
  resetKey = '',
  footer = null,
  className = '',
}: ListingRowsProps<T>) {
  const id = useMemo(() => `listing-rows-${++instances}`, [])
  const ref = useRef(null)
  const { windowWidth, windowHeight } = useMemo(windowSize, [])
  const rowPx = (rowHeight * windowWidth) / DESIGN_WIDTH
  const heightPx = useBoxHeight(id, ref, [items.length > 0, resetKey]) || Math.round(windowHeight * 0.6)
  // The row component's identity must stay stable, or VirtualList would remount every row.
  const Row: ComponentType<{ id: string; index: number; data: T[] }> = useMemo(
    () =>
      function Row({ id: rowId, index, data }) {
        return (
          <View id={rowId} className='listing-rows__row' style={{ height: `${rowPx}px` }}>
            {renderRow(data[index], index)}
          </View>
        )
      },
    [renderRow, rowPx],
  )

  return (
    <View id={id} ref={ref} className={`listing-rows ${className}`.trim()}>
      <VirtualList
        key={resetKey}
        height={heightPx}
        width='100%'
        item={Row}
        itemData={items as T[]}
        itemCount={items.length}
        itemSize={rowPx}
        overscanCount={overscan}
        // VirtualList 4.2 does not pass onScrollToLower through, so the end is found from the offset.
        onScroll={({ scrollDirection, scrollOffset, detail }) => {
          const viewport = detail?.clientHeight ?? 0
          if (scrollDirection === 'forward' && scrollOffset + viewport >= items.length * rowPx - endThreshold) onEndReached?.()
        }}
        renderBottom={footer}
      />
    </View>
  )
}
