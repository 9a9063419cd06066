import { type Static, Type } from '@sinclair/typebox'
import { literals } from './common'

/* Who is signed in (POST /auth/*, GET /me). */

export const ROLES = ['buyer', 'farmer', 'operator', 'county_staff', 'admin'] as const
export const Role = literals(ROLES)
export type Role = Static<typeof Role>

export const User = Type.Object({
  id: Type.String(),
  role: Role,
  name: Type.String(),
  villageId: Type.Optional(Type.String()),
  countyId: Type.Optional(Type.String()),
  farmerId: Type.Optional(Type.String()),
})
export type User = Static<typeof User>

export const SignedIn = Type.Object({ token: Type.String(), user: User })
export type SignedIn = Static<typeof SignedIn>
