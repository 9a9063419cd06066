import type { Kysely } from 'kysely'
import type { DB, Role, UserTable } from '../../db/schema'
import type { User } from '../../contract/users'

/** A user as API.md shows them: optional places only when they have them. */
export type UserView = User

export function toUserView(user: UserTable): UserView {
  return {
    id: user.id,
    role: user.role,
    name: user.name,
    ...(user.villageId ? { villageId: user.villageId } : {}),
    ...(user.countyId ? { countyId: user.countyId } : {}),
    ...(user.farmerId ? { farmerId: user.farmerId } : {}),
  }
}

export async function findUser(db: Kysely<DB>, id: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

const roleOrder: Record<Role, number> = { buyer: 0, farmer: 1, operator: 2, county_staff: 3, admin: 4 }

/** The demo users, grouped by role then by name, for the H5 chooser. */
export async function listDemoUsers(db: Kysely<DB>): Promise<UserView[]> {
  const users = await db.selectFrom('users').selectAll().where('wechatOpenid', 'is', null).where('deletedAt', 'is', null).execute()
  return users
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id))
    .map(toUserView)
}
