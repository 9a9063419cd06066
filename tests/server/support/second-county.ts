import { seedId } from '../../../server/ids'
import { signInAs, type TestApp } from './test-app'

/* A second county beside the demo one (清水河县): its center, a village, a farmer with one live
   listing, and a staff member signed in. Its orders are numbered on a sequence of their own. */

export interface SecondCounty {
  countyId: string
  pickupPointId: string
  listingId: string
  staffId: string
  staff: string
}

export async function createSecondCounty(t: TestApp, key = 'qingshuihe'): Promise<SecondCounty> {
  const now = new Date().toISOString()
  const db = t.database.db
  const countyId = seedId('cty', key)
  const pickupPointId = seedId('pup', `${key}-center`)
  const villageId = seedId('vil', `${key}-village`)
  const farmerId = seedId('frm', `${key}-farmer`)
  const listingId = seedId('lst', `${key}-millet`)
  await db.insertInto('counties').values({ id: countyId, name: '清水河县', shippingFirstKgFen: 800, shippingExtraKgFen: 200, commissionRateBp: 500, subsidyCapFen: null, subsidyValidFrom: null, subsidyValidUntil: null, cutoffTime: '16:00', collectionRunTime: '08:00', runDurationMinutes: 120, createdAt: now }).execute()
  await db.insertInto('pickupPoints').values({ id: pickupPointId, countyId, name: '清水河县服务中心', address: '城关镇', phone: null, opensAt: '08:30', closesAt: '18:00', closedWeekdays: '' }).execute()
  await db.insertInto('villages').values({ id: villageId, countyId, name: '北堡村', serviceCenterAddress: '北堡村村委会' }).execute()
  await db.insertInto('farmers').values({ id: farmerId, villageId, name: '赵三', phone: null, createdAt: now }).execute()
  await db
    .insertInto('listings')
    .values({ id: listingId, farmerId, villageId, countyId, title: '清水河小米', category: 'grain', unit: 'jin', unitWeightGrams: 500, priceFen: 800, stock: 1000, status: 'live', description: '', listedByUserId: null, rejectionReason: null, createdAt: now, updatedAt: now })
    .execute()
  const staffId = seedId('usr', `staff-${key}`)
  await db.insertInto('users').values({ id: staffId, role: 'county_staff', name: '县小二 清水河', villageId: null, countyId, farmerId: null, wechatOpenid: null, createdAt: now }).execute()
  return { countyId, pickupPointId, listingId, staffId, staff: await signInAs(t.app, '', staffId) }
}
