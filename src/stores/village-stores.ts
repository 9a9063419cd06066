import * as parcelApi from '../api/parcel-client'
import type { VillageRun } from '../api/parcel-types'
import { chinaMonth } from '../domain/china-time'
import { CollectionRunStore } from './collection-run-store'
import { MonthStore } from './month-store'
import { villageRunWithParcel } from './parcel-groups'
import { perUser } from './per-user'

/* The cun xiao'er's parcels and commission stores, reached only from the operator subpackage
   (see per-user.ts), so the parcel calls stay out of the main package and the farmer's. */

export const villageRunFor = perUser(
  () => new CollectionRunStore<VillageRun>({ fetchRun: parcelApi.villageParcels, withParcel: villageRunWithParcel, parcelsOf: (run) => run.items }),
)

export const commissionsFor = perUser(() => new MonthStore({ fetchMonth: parcelApi.commissions, thisMonth: () => chinaMonth(new Date()) }, 'Commissions'))
