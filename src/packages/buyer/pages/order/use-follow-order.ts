import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { OrderStatus } from '../../../../api'

// A parcel moves a few times a day; a minute late is soon enough, and cheap on 3G.
const FOLLOW_MS = 30_000

/** While the order is on its way and its page is on screen, it is read again now and then, so
 *  each step (collected, arrived, ready, picked up) shows up without pulling to refresh. */
export function useFollowOrder(status: OrderStatus | undefined, reload: () => void): void {
  const [shown, setShown] = useState(true)
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  const moving = status === 'paid' || status === 'ready_for_pickup'
  useEffect(() => {
    if (!shown || !moving) return undefined
    const timer = setInterval(reload, FOLLOW_MS)
    return () => clearInterval(timer)
    // `reload` is a new closure each render; the timer only needs the latest order id, which
    // does not change while the page lives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, moving])
}
