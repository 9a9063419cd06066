import type { VillageRun as VillageRunPage } from '../../server/contract/parcels'

/* The parcels' way from the village to the county center and the pickup desk, as the server
   sends them (API.md "Orders", second half): types of the server's contract only (see ./types.ts). */

export type {
  CommissionEntry,
  CommissionKind,
  CommissionStatement,
  DeskOrder,
  DeskOrderLine,
  Manifest,
  ManifestVillage,
  PickupVerifyInput,
} from '../../server/contract/parcels'

/** GET /village/parcels?date=: a village's run is always one page, so the app reads no cursor. */
export type VillageRun = Omit<VillageRunPage, 'nextCursor'>
