import { View } from '@tarojs/components'
import VirtualList from '@tarojs/components-advanced/dist/components/virtual-list'
import Taro, { useDidShow } from '@tarojs/taro'
import { type ComponentType, useCallback, useEffect, useMemo, useRef, useState } from 'react'
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

/* Rows of a long catalog through Taro's VirtualList: a county's catalog runs to thousands of
   listings, and a cheap phone (or the mini-program's setData bridge) slows down with thousands
   of nodes, so only the rows in view (plus a few) are drawn.

   VirtualList counts in pixels: the row height is converted from design px (750 wide, the unit
   our scss is written in) by the window's width, and the list's box is measured (the filters
   above take a varying share of the screen). We measure it ourselves and hand VirtualList both
   figures as numbers: given anything else ('100%') it queries the box itself, and on H5 that
   query throws, uncaught, when it runs while another page is sliding in. */
let instances = 0

interface BoxSize {
  width: number
  height: number
}

/** The laid-out size of the list's box in px, or zeros while it has none (a hidden page). */
function useBoxSize(id: string, ref: { current: unknown }, deps: unknown[]): BoxSize {
  const [size, setSize] = useState<BoxSize>({ width: 0, height: 0 })
  const measure = useCallback(() => {
    const apply = (box: { width?: number; height?: number } | null | undefined) => {
      if (!box || !(Number(box.height) > 0)) return
      const next = { width: Math.round(Number(box.width) || 0), height: Math.round(Number(box.height)) }
      setSize((last) => (last.width === next.width && last.height === next.height ? last : next))
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
  return size
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
  const box = useBoxSize(id, ref, [items.length > 0, resetKey])
  // Until the box is measured: the full width (the catalog's list spans the page) and most of the height.
  const widthPx = box.width || windowWidth
  const heightPx = box.height || Math.round(windowHeight * 0.6)
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
        width={widthPx}
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
        {...scrollRegion(label)}
      />
    </View>
  )
}
