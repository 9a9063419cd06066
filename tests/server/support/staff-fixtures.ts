import { seedId } from '../../../server/ids'
import { signInAs, type TestApp } from './test-app'

/** Another county staff member at the demo county's center, signed in: a desk with no history. */
export async function secondStaff(t: TestApp): Promise<string> {
  const userId = seedId('usr', `staff-new-${Math.random()}`)
  const staffRow = await t.database.db.selectFrom('users').select('countyId').where('id', '=', seedId('usr', 'staff-gao')).executeTakeFirstOrThrow()
  await t.database.db.insertInto('users').values({ id: userId, role: 'county_staff', name: '县小二 新人', villageId: null, countyId: staffRow.countyId, farmerId: null, wechatOpenid: null, createdAt: new Date().toISOString() }).execute()
  return signInAs(t.app, '', userId)
}

/** County staff of another county (清水河县) with a center of its own, signed in. */
export async function staffOfAnotherCounty(t: TestApp): Promise<string> {
  const now = new Date().toISOString()
  const db = t.database.db
  const countyId = seedId('cty', 'qingshuihe')
  await db.insertInto('counties').values({ id: countyId, name: '清水河县', shippingFirstKgFen: 800, shippingExtraKgFen: 200, commissionRateBp: 500, subsidyCapFen: null, subsidyValidFrom: null, subsidyValidUntil: null, cutoffTime: '16:00', collectionRunTime: '08:00', runDurationMinutes: 120, createdAt: now }).execute()
  await db.insertInto('pickupPoints').values({ id: seedId('pup', 'qingshuihe-center'), countyId, name: '清水河县服务中心', address: '城关镇', phone: null, opensAt: '08:30', closesAt: '18:00', closedWeekdays: '' }).execute()
  const userId = seedId('usr', 'staff-qingshuihe')
  await db.insertInto('users').values({ id: userId, role: 'county_staff', name: '县小二 清水河', villageId: null, countyId, farmerId: null, wechatOpenid: null, createdAt: now }).execute()
  return signInAs(t.app, '', userId)
}
