import type { Named } from '../api/types'
import type { Parcel } from '../api/order-types'
import type { Manifest, VillageRun } from '../api/parcel-types'

/* How a run's parcels are read: by farmer at the village (whom to collect from), and the
   run's views with one parcel replaced by the server's answer. */

export interface FarmerParcels {
  farmer: Named
  parcels: Parcel[]
  weightGrams: number
  /** Still with the farmer: what the cun xiao'er has yet to collect from them. */
  waiting: number
}

/** Parcels by farmer, in the order the server sent them (by farmer's name, then oldest first). */
export function parcelsByFarmer(parcels: readonly Parcel[]): FarmerParcels[] {
  const groups = new Map<string, FarmerParcels>()
  for (const parcel of parcels) {
    let group = groups.get(parcel.farmer.id)
    if (!group) {
      group = { farmer: parcel.farmer, parcels: [], weightGrams: 0, waiting: 0 }
      groups.set(parcel.farmer.id, group)
    }
    group.parcels.push(parcel)
    group.weightGrams += parcel.weightGrams
    if (parcel.status === 'awaiting_collection') group.waiting++
  }
  return [...groups.values()]
}

export function countWithStatus(parcels: readonly Parcel[], status: Parcel['status']): number {
  return parcels.filter((parcel) => parcel.status === status).length
}

const replaced = (parcels: Parcel[], parcel: Parcel) => parcels.map((p) => (p.id === parcel.id ? parcel : p))

export function villageRunWithParcel(run: VillageRun, parcel: Parcel): VillageRun {
  return { ...run, items: replaced(run.items, parcel) }
}

export function manifestWithParcel(manifest: Manifest, parcel: Parcel): Manifest {
  return { ...manifest, villages: manifest.villages.map((entry) => ({ ...entry, parcels: replaced(entry.parcels, parcel) })) }
}
