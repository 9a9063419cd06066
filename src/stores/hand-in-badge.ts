import { mySales } from '../api/sales-client'
import { LatestAnswer } from './latest-answer'
import { perUser } from './per-user'

/* The count on 我的's 我卖出的 entry: her paid lines still to hand in. One small call (a single
   run's page) each time 我的 shows, so it is never a day old. */
export const handInBadgeFor = perUser(() => new LatestAnswer<number>('HandInCount'))

export function loadHandInBadge(userId: string): Promise<void> {
  return handInBadgeFor(userId).load(async () => (await mySales({ limit: 1 })).toHandIn)
}
