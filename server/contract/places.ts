import { type Static, Type } from '@sinclair/typebox'

/* The county, its villages and its pickup points (GET /counties, /villages, /pickup-points). */

export const County = Type.Object({ id: Type.String(), name: Type.String() })
export type County = Static<typeof County>

export const Village = Type.Object({
  id: Type.String(),
  countyId: Type.String(),
  name: Type.String(),
  serviceCenterAddress: Type.String(),
})
export type Village = Static<typeof Village>

export const PickupPoint = Type.Object({
  id: Type.String(),
  countyId: Type.String(),
  name: Type.String(),
  address: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  openingHours: Type.Object({
    opens: Type.String(),
    closes: Type.String(),
    closedWeekdays: Type.Array(Type.Integer({ minimum: 0, maximum: 6 })),
  }),
})
export type PickupPoint = Static<typeof PickupPoint>
