import type { Kysely } from 'kysely'
import { gramsPerUnit } from '../../../src/domain/units'
import type { DB, UserTable } from '../../db/schema'
import type { ListingFields } from '../../contract/listings'

/* A farmer on village 3G taps 提交, the listing is made, and the answer is lost on the way: the
   app still holds the draft and the farmer taps again. That second request must not list the
   goods twice. Every photo is a fresh upload, so the request names its listing by itself: the
   same actor, the same farmer, the very same photos in the same order and the same fields, within
   a day, is the same listing, and the retry is answered with it. (A listing edited since no longer
   matches, and the retry makes a new one, as a new request would.) */

export const REPLAY_WINDOW_MS = 24 * 3600_000

export async function listingOfSameRequest(
  tx: Kysely<DB>,
  actor: UserTable,
  farmerId: string,
  fields: ListingFields,
  since: string,
): Promise<string | null> {
  const sameFirstPhoto = tx
    .selectFrom('listings')
    .innerJoin('listingPhotos', 'listingPhotos.listingId', 'listings.id')
    .selectAll('listings')
    .where('listingPhotos.photoId', '=', fields.photoIds[0])
    .where('listingPhotos.position', '=', 0)
    .where('listings.farmerId', '=', farmerId)
    .where('listings.createdAt', '>=', since)
    // Withdrawn is a farmer's deliberate end: the same photos listed again are a new listing.
    .where('listings.status', '!=', 'withdrawn')
  // The same hand: an operator's proxy listing records the operator, a farmer's own records nobody.
  const byTheSameActor = actor.role === 'operator' ? sameFirstPhoto.where('listings.listedByUserId', '=', actor.id) : sameFirstPhoto.where('listings.listedByUserId', 'is', null)
  const candidates = await byTheSameActor.execute()
  for (const listing of candidates) {
    const sameFields =
      listing.title === fields.title &&
      listing.category === fields.category &&
      listing.unit === fields.unit &&
      listing.unitWeightGrams === gramsPerUnit(fields.unit, fields.unitWeightGrams) &&
      listing.priceFen === fields.priceFen &&
      listing.stock === fields.stock &&
      listing.description === fields.description
    if (!sameFields) continue
    const photos = await tx.selectFrom('listingPhotos').select('photoId').where('listingId', '=', listing.id).orderBy('position').execute()
    if (photos.map((p) => p.photoId).join(',') === fields.photoIds.join(',')) return listing.id
  }
  return null
}
