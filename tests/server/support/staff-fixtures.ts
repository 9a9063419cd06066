import { seedId } from '../../../server/ids'
import { signInAs, type TestApp } from './test-app'

/** Another county staff member at the demo county's center, signed in: a desk with no history. */
export async function secondStaff(t: TestApp): Promise<string> {
  const userId = seedId('usr', `staff-new-${Math.random()}`)
  const staffRow = await t.database.db.selectFrom('users').select('countyId').where('id', '=', seedId('usr', 'staff-gao')).executeTakeFirstOrThrow()
  await t.database.db.insertInto('users').values({ id: userId, role: 'county_staff', name: '县小二 新人', villageId: null, countyId: staffRow.countyId, farmerId: null, wechatOpenid: null, createdAt: new Date().toISOString() }).execute()
  return signInAs(t.app, '', userId)
}
