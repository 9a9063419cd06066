import { type Kysely, type Selectable, sql } from 'kysely'
import { CATEGORIES, type Category } from '../../../src/domain/catalog'
import type { Unit } from '../../../src/domain/units'
import { canManageListing, canViewListing, type ListingPlace } from '../../../src/domain/listing-access'
import { LISTING_STATUSES_IN_REVIEW_QUEUE } from '../../../src/domain/listing-status'
import type { PhotoCheck } from '../../../src/domain/content-check'
import { parseFlags } from '../content/text-checks'
import type { DB, ListingTable, PhotoTable, UserTable } from '../../db/schema'
import { notFound } from '../service-error'
import type { PhotoStorage } from '../../storage/photo-storage'
import { decodeCursor, encodeCursor, type Page } from '../page-cursor'
import { toPhotoView } from '../photos/photos'
import type { ContentCheck, Listing } from '../../contract/listings'

/* The catalog buyers browse: live listings only, newest first, paged by the cursor of
   page-cursor.ts. In every list a buyer or a farmer scrolls (catalog, home, search, 我的商品),
   listings in stock come first and the sold-out ones after them: a buyer should not scroll
   past what cannot be had to find what can. The cursor names which run its item was in. */

export type ListingView = Listing

export interface CatalogFilter {
  category?: Category
  q?: string
  villageId?: string
  countyId?: string
}

/** `%` and `_` typed by a buyer are searched for literally. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export interface CatalogDeps {
  db: Kysely<DB>
  storage: PhotoStorage
}

export function createCatalogService(deps: CatalogDeps) {
  const { db } = deps

  function listingsQuery() {
    return db
      .selectFrom('listings')
      .innerJoin('farmers', 'farmers.id', 'listings.farmerId')
      .innerJoin('villages', 'villages.id', 'listings.villageId')
      .leftJoin('users as lister', 'lister.id', 'listings.listedByUserId')
      .selectAll('listings')
      .select(['farmers.name as farmerName', 'villages.name as villageName', 'lister.name as listerName'])
  }

  type Row = Selectable<ListingTable> & { farmerName: string; villageName: string; listerName: string | null }

  type CheckedPhoto = PhotoTable & { check: PhotoCheck | null }

  async function photosOf(listingIds: string[]): Promise<Map<string, CheckedPhoto[]>> {
    const byListing = new Map<string, CheckedPhoto[]>()
    if (listingIds.length === 0) return byListing
    const rows = await db
      .selectFrom('listingPhotos')
      .innerJoin('photos', 'photos.id', 'listingPhotos.photoId')
      .leftJoin('photoChecks', 'photoChecks.photoId', 'listingPhotos.photoId')
      .selectAll('photos')
      .select(['listingPhotos.listingId', 'listingPhotos.position', 'photoChecks.status as check'])
      .where('listingPhotos.listingId', 'in', listingIds)
      .orderBy('listingPhotos.listingId')
      .orderBy('listingPhotos.position')
      .execute()
    for (const { listingId, position: _position, ...photo } of rows) {
      const list = byListing.get(listingId) ?? []
      list.push(photo)
      byListing.set(listingId, list)
    }
    return byListing
  }

  /** Its farmer and operator see how WeChat found it; buyers never do. */
  function contentCheckOf(row: Row, photos: CheckedPhoto[]): ContentCheck {
    return {
      text: row.textCheck,
      textFlags: parseFlags(row.textFlags),
      // A photo saved before the checks began was never checked.
      photos: photos.map((photo) => ({ photoId: photo.id, check: photo.check ?? 'unchecked' })),
    }
  }

  function toView(row: Row, photos: CheckedPhoto[], withChecks = false): ListingView {
    return {
      id: row.id,
      title: row.title,
      category: row.category as Category,
      unit: row.unit as Unit,
      unitWeightGrams: row.unitWeightGrams,
      priceFen: row.priceFen,
      stock: row.stock,
      soldOut: row.stock === 0,
      status: row.status,
      description: row.description,
      photos: photos.map(({ check: _check, ...photo }) => toPhotoView(photo, deps.storage)),
      farmer: { id: row.farmerId, name: row.farmerName },
      village: { id: row.villageId, name: row.villageName },
      ...(row.listedByUserId && row.listerName ? { listedBy: { id: row.listedByUserId, name: row.listerName } } : {}),
      ...(row.rejectionReason ? { rejectionReason: row.rejectionReason } : {}),
      ...(row.hiddenReason ? { hiddenReason: row.hiddenReason } : {}),
      ...(withChecks ? { contentCheck: contentCheckOf(row, photos) } : {}),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }
  }

  type Query = ReturnType<typeof listingsQuery>
  type Order = 'newest' | 'oldest'

  /** One page of listings in creation order (in stock first if `soldOutLast`), after the
   *  cursor (the last item seen). */
  async function pageOf(query: Query, order: Order, limit: number, cursor: string | undefined, soldOutLast = false, withChecks = false): Promise<Page<ListingView>> {
    if (cursor) {
      const after = decodeCursor(cursor)
      const beyond = order === 'newest' ? '<' : '>'
      query = query.where((eb) => {
        const later = eb.or([
          eb('listings.createdAt', beyond, after.createdAt),
          eb.and([eb('listings.createdAt', '=', after.createdAt), eb('listings.id', beyond, after.id)]),
        ])
        if (!soldOutLast) return later
        // After an item in stock: the rest of that run, then every sold-out one; after a
        // sold-out item, the rest of its run. (A cursor from before this order counts as in stock.)
        return after.soldOut ? eb.and([eb('listings.stock', '=', 0), later]) : eb.or([eb('listings.stock', '=', 0), eb.and([eb('listings.stock', '>', 0), later])])
      })
    }
    const direction = order === 'newest' ? 'desc' : 'asc'
    if (soldOutLast) query = query.orderBy(sql`case when listings.stock = 0 then 1 else 0 end`)
    const rows = (await query.orderBy('listings.createdAt', direction).orderBy('listings.id', direction).limit(limit + 1).execute()) as Row[]
    const pageRows = rows.slice(0, limit)
    const photos = await photosOf(pageRows.map((r) => r.id))
    const last = pageRows[pageRows.length - 1]
    return {
      items: pageRows.map((row) => toView(row, photos.get(row.id) ?? [], withChecks)),
      nextCursor: rows.length > limit && last ? encodeCursor(soldOutLast ? { createdAt: last.createdAt, id: last.id, soldOut: last.stock === 0 } : last) : null,
    }
  }

  async function listLive(filter: CatalogFilter, limit: number, cursor: string | undefined): Promise<Page<ListingView>> {
    let query = listingsQuery().where('listings.status', '=', 'live')
    if (filter.category) query = query.where('listings.category', '=', filter.category)
    if (filter.villageId) query = query.where('listings.villageId', '=', filter.villageId)
    if (filter.countyId) query = query.where('listings.countyId', '=', filter.countyId)
    const q = filter.q?.trim()
    if (q) {
      const pattern = likePattern(q)
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(listings.title)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(listings.description)`, 'like', sql`${pattern} escape '\\'`),
        ]),
      )
    }
    return pageOf(query, 'newest', limit, cursor, true)
  }

  /** The operator's review queue: the village's listings waiting for review, and those WeChat's
   *  content check hid (so he learns why), oldest first, with each photo's verdict. */
  function reviewQueue(villageId: string, limit: number, cursor: string | undefined) {
    const query = listingsQuery().where('listings.villageId', '=', villageId).where('listings.status', 'in', [...LISTING_STATUSES_IN_REVIEW_QUEUE])
    return pageOf(query, 'oldest', limit, cursor, false, true)
  }

  /** A farmer's own listings in every status, newest first. */
  function farmersListings(farmerId: string, limit: number, cursor: string | undefined) {
    return pageOf(listingsQuery().where('listings.farmerId', '=', farmerId), 'newest', limit, cursor, true, true)
  }

  /** Anyone sees a live listing; otherwise only its farmer and its village's operator do. */
  async function getListing(id: string, viewer: UserTable | null): Promise<ListingView> {
    const row = (await listingsQuery().where('listings.id', '=', id).executeTakeFirst()) as Row | undefined
    if (!row || !canViewListing(asPlace(row), viewer)) throw notFound('listing')
    const photos = await photosOf([row.id])
    return toView(row, photos.get(row.id) ?? [], canManageListing(asPlace(row), viewer))
  }

  async function countsByCategory(countyId?: string): Promise<Record<string, number>> {
    let query = db
      .selectFrom('listings')
      .select(['category', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('status', '=', 'live')
    if (countyId) query = query.where('countyId', '=', countyId)
    const rows = await query.groupBy('category').execute()
    const counts: Record<string, number> = Object.fromEntries(CATEGORIES.map((category) => [category, 0]))
    // PostgreSQL returns count(*) as a bigint string; SQLite as a number.
    for (const row of rows) counts[row.category] = Number(row.count)
    return counts
  }

  return { listLive, reviewQueue, farmersListings, getListing, countsByCategory }
}

/** The fields the domain's access rules read. */
export const asPlace = (row: Pick<ListingTable, 'status' | 'farmerId' | 'villageId'>): ListingPlace => ({ status: row.status, farmerId: row.farmerId, villageId: row.villageId })

export type CatalogService = ReturnType<typeof createCatalogService>
