import { ScrollView, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { scrollRegion } from '../../page-landmarks'
import type { ListingRowsProps } from './types'
import './index.scss'

export type { ListingRowsProps } from './types'

const DESIGN_WIDTH = 750

// getSystemInfoSync is deprecated in WeChat's newer base libraries; older ones lack getWindowInfo.
function windowSize(): { windowWidth: number; windowHeight: number } {
  return typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync()
}

/* Design px on screen. The mini-program's rpx is the window's width / 750. H5's is Taro's rem,
   which its script sets on <html> from the width but clamps to 20–40 px (a 40th of it per design
   px): on a phone narrower than 375 px the width alone would give rows shorter than the cards. */
function designPxToCss(designPx: number, windowWidth: number): number {
  if (process.env.TARO_ENV === 'h5') {
    const rootPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize)
    if (rootPx > 0) return (designPx * rootPx) / 40
  }
  return (designPx * windowWidth) / DESIGN_WIDTH
}

/* Rows of a long catalog, windowed: a county's catalog runs to thousands of listings, and a
   cheap phone (or the mini-program's setData bridge) slows down with thousands of nodes, so only
   the rows in view (plus a few) are drawn, each at its place in a body as tall as all of them.
   Every row has one height, so which rows are in view is arithmetic on the scroll offset. (Taro's
   VirtualList did the same with 19 KB of the main package, and two more levels of nesting.)

   Rows are placed in pixels: the row height is converted from design px (750 wide, the unit our
   scss is written in) by the window's width. The list is the scroll view itself, one level of
   nesting less (each level costs the main package, config/index.ts); it takes the height its
   page's layout gives it (a flex item), and that height is measured to know how many rows fill
   it. */
let instances = 0

/** The laid-out height of the list's box in px, or 0 while it has none (a hidden page). */
function useBoxHeight(id: string, ref: { current: unknown }, deps: unknown[]): number {
  const [height, setHeight] = useState(0)
  const measure = useCallback(() => {
    const apply = (box: { height?: number } | null | undefined) => {
      if (box && Number(box.height) > 0) setHeight(Math.round(Number(box.height)))
    }
    if (process.env.TARO_ENV === 'h5') {
      apply((ref.current as HTMLElement | null)?.getBoundingClientRect?.())
      return
    }
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .boundingClientRect()
        .exec(([box]) => apply(box))
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
  rowHeightPx,
  renderRow,
  overscan = 4,
  onEndReached,
  endThreshold = 600,
  resetKey = '',
  footer = null,
  label,
  className = '',
}: ListingRowsProps<T>) {
  const id = useMemo(() => `listing-rows-${++instances}`, [])
  const ref = useRef(null)
  const { windowWidth, windowHeight } = useMemo(windowSize, [])
  const rowPx = rowHeightPx ?? designPxToCss(rowHeight, windowWidth)
  // Until the box is measured, most of the window's height: it decides only how many rows are drawn.
  const heightPx = useBoxHeight(id, ref, [items.length > 0, resetKey]) || Math.round(windowHeight * 0.6)
  // The first row in view; a render only when it changes, not on every scroll event.
  const [topRow, setTopRow] = useState(0)
  const lastOffset = useRef(0)
  useEffect(() => {
    setTopRow(0)
    lastOffset.current = 0
  }, [resetKey])

  const first = Math.max(0, topRow - overscan)
  const last = Math.min(items.length, topRow + Math.ceil(heightPx / rowPx) + 1 + overscan)
  const rows: ReactNode[] = []
  for (let index = first; index < last; index++) {
    rows.push(
      <View key={index} className='listing-rows__row' style={{ top: `${index * rowPx}px`, height: `${rowPx}px` }}>
        {renderRow(items[index], index)}
      </View>,
    )
  }

  return (
    <ScrollView
      id={id}
      ref={ref}
      // A new search starts again from the top.
      key={resetKey}
      scrollY
      className={`listing-rows ${className}`.trim()}
      onScroll={(event) => {
        const offset = event.detail.scrollTop
        const forward = offset > lastOffset.current
        lastOffset.current = offset
        setTopRow(Math.max(0, Math.floor(offset / rowPx)))
        if (forward && offset + heightPx >= items.length * rowPx - endThreshold) onEndReached?.()
      }}
      {...scrollRegion(label)}
    >
      <View className='listing-rows__body' style={{ height: `${items.length * rowPx}px` }}>
        {rows}
      </View>
      {footer}
    </ScrollView>
  )
}
