import { type Kysely, type Selectable, sql } from 'kysely'
import { canManageListing, canReviewListing, canViewListing } from '../../../src/domain/listing-access'
import { type ListingStatus, listingStatusAfterEdit, listingStatusMachine } from '../../../src/domain/listing-status'
import { gramsPerUnit, type Unit } from '../../../src/domain/units'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, ListingAction, ListingTable, UserTable } from '../../db/schema'
import { writeTransaction } from '../../db/write-transaction'
import { ServiceError, forbidden, notFound, validationFailed } from '../service-error'
import { newId } from '../../ids'
import { asPlace } from './catalog'
import { listingOfSameRequest, REPLAY_WINDOW_MS } from './listing-replay'
import type { ListingFields } from '../../contract/listings'
import { moveListing } from './move-listing'
import { recordListingEvent } from './listing-events'
import { approvalByPhotoChecks, type CheckedTextField } from '../../../src/domain/content-check'
import { flagsText, mergeFlags, parseFlags, type TextChecks } from '../content/text-checks'
import type { PhotoChecks } from '../content/photo-checks'

/* The farmer's and the cun xiao'er's changes to listings. Each one is a transaction that
   checks who may act, moves the status only through the domain's state machine (guarded by a
   conditional update, so two operators clicking at once cannot both win), and records an event. */

export interface ListingDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  /** WeChat's content security (or the local checker): text before saving, photos after. */
  content: ContentChecks
  log: { warn(obj: unknown, msg: string): void }
}

export interface ContentChecks {
  text: TextChecks
  photos: PhotoChecks
}

/** The actor of a history event no person caused. */
export const CONTENT_CHECK_ACTOR = { id: 'wechat_content_check', name: '微信内容安全检测' }

const riskyPhotos = (photoIds: string[]) => new ServiceError('CONTENT_RISKY', "WeChat's content check found a photo risky; replace it", { fields: ['photoIds'], photoIds })

type Tx = Kysely<DB>

const invalidTransition = (from: string, to: string, message: string) =>
  new ServiceError('INVALID_TRANSITION', message, { from, to })

export function createListingCommands({ db, dialect, clock, content, log }: ListingDeps) {
  async function load(tx: Tx, id: string): Promise<Selectable<ListingTable>> {
    const row = await tx.selectFrom('listings').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound('listing')
    return row
  }

  /** Someone who may not even see the listing learns nothing of it: 404. Someone who may see it
   *  (it is live) but not change it: 403. */
  function refuse(row: Selectable<ListingTable>, actor: UserTable): never {
    throw canViewListing(asPlace(row), actor) ? forbidden('only its farmer or the village operator may change this listing') : notFound('listing')
  }

  const record = (tx: Tx, listingId: string, actor: UserTable, action: ListingAction, from: ListingStatus | null, to: ListingStatus, extra: { reason?: string; changed?: string[] } = {}) =>
    recordListingEvent(tx, clock().toISOString(), listingId, actor.id, action, from, to, extra)

  /** Photos must be the actor's own uploads (or already on this listing): nobody lists with
   *  another village's pictures. */
  async function checkPhotos(tx: Tx, photoIds: string[], actor: UserTable, listingId?: string): Promise<void> {
    if (new Set(photoIds).size !== photoIds.length) throw validationFailed({ photoIds: 'a photo is listed twice' })
    const rows = await tx.selectFrom('photos').select(['id', 'uploadedBy']).where('id', 'in', photoIds).execute()
    const onListing = listingId
      ? new Set((await tx.selectFrom('listingPhotos').select('photoId').where('listingId', '=', listingId).execute()).map((r) => r.photoId))
      : new Set<string>()
    const usable = new Set(rows.filter((r) => r.uploadedBy === actor.id || onListing.has(r.id)).map((r) => r.id))
    const bad = photoIds.filter((id) => !usable.has(id))
    if (bad.length > 0) throw validationFailed({ photoIds: `unknown photos: ${bad.join(', ')}` })
  }

  /** A photo WeChat found risky never goes on a listing; the others are queued for their check. */
  async function setPhotos(tx: Tx, listingId: string, photoIds: string[], author: UserTable) {
    const risky = await content.photos.riskyAmong(tx, photoIds)
    if (risky.length > 0) throw riskyPhotos(risky)
    await tx.deleteFrom('listingPhotos').where('listingId', '=', listingId).execute()
    await tx.insertInto('listingPhotos').values(photoIds.map((photoId, position) => ({ listingId, photoId, position }))).execute()
    await content.photos.queue(tx, photoIds, author.wechatOpenid)
  }

  /** Sends the photos' checks once the listing is saved; the jobs send whatever this misses. */
  async function sendPhotoChecks(photoIds: string[] | undefined) {
    if (!photoIds) return
    try {
      await content.photos.sendDue(photoIds)
    } catch (error) {
      log.warn({ err: error }, 'photo checks not sent; the jobs will send them')
    }
  }

  /** A farmer lists their own goods for review; an operator lists for a farmer of the village
   *  (one without a phone), live at once, recorded as listed by the operator. A retry of a
   *  request whose answer was lost is answered with the listing it made (listing-replay.ts). */
  async function create(actor: UserTable, fields: ListingFields & { farmerId?: string }): Promise<string> {
    // Asked before the transaction: no row stays locked while WeChat answers.
    const text = await content.text.check(actor, { title: fields.title, description: fields.description })
    const id = await writeTransaction(db, dialect, async (tx) => {
      let farmerId: string
      let status: ListingStatus
      if (actor.role === 'farmer' && actor.farmerId) {
        if (fields.farmerId !== undefined) throw validationFailed({ farmerId: 'only a village operator lists for a farmer' })
        farmerId = actor.farmerId
        status = 'pending_review'
      } else if (actor.role === 'operator') {
        if (fields.farmerId === undefined) throw validationFailed({ farmerId: 'is required when an operator lists' })
        farmerId = fields.farmerId
        status = 'live'
      } else {
        throw forbidden('only farmers and village operators list goods')
      }
      const farmer = await tx.selectFrom('farmers').innerJoin('villages', 'villages.id', 'farmers.villageId').select(['farmers.id', 'farmers.villageId', 'villages.countyId']).where('farmers.id', '=', farmerId).executeTakeFirst()
      if (!farmer || (actor.role === 'operator' && farmer.villageId !== actor.villageId)) throw notFound('farmer')
      await checkPhotos(tx, fields.photoIds, actor)
      // Before the replay: a retry whose photo was found risky meanwhile hears why, not the hidden listing.
      const risky = await content.photos.riskyAmong(tx, fields.photoIds)
      if (risky.length > 0) throw riskyPhotos(risky)
      // A retry racing its first try waits for it here (SQLite's write transaction runs alone).
      if (dialect === 'postgres') await sql`select id from farmers where id = ${farmerId} for update`.execute(tx)
      const since = new Date(clock().getTime() - REPLAY_WINDOW_MS).toISOString()
      const replayed = await listingOfSameRequest(tx, actor, farmerId, fields, since)
      if (replayed) return replayed

      const id = newId('lst')
      const at = clock().toISOString()
      await tx
        .insertInto('listings')
        .values({
          id,
          farmerId,
          villageId: farmer.villageId,
          countyId: farmer.countyId,
          title: fields.title,
          category: fields.category,
          unit: fields.unit,
          unitWeightGrams: gramsPerUnit(fields.unit, fields.unitWeightGrams),
          priceFen: fields.priceFen,
          stock: fields.stock,
          status,
          description: fields.description,
          listedByUserId: actor.role === 'operator' ? actor.id : null,
          rejectionReason: null,
          textCheck: text.check,
          textFlags: flagsText(text.flags),
          createdAt: at,
          updatedAt: at,
        })
        .execute()
      await setPhotos(tx, id, fields.photoIds, actor)
      await record(tx, id, actor, 'created', null, status)
      return id
    })
    await sendPhotoChecks(fields.photoIds)
    return id
  }

  async function edit(actor: UserTable, id: string, changes: Partial<ListingFields>): Promise<void> {
    const textFields = { ...(changes.title !== undefined ? { title: changes.title } : {}), ...(changes.description !== undefined ? { description: changes.description } : {}) }
    const text = await content.text.check(actor, textFields)
    await db.transaction().execute(async (tx) => {
      const row = await load(tx, id)
      if (!canManageListing(asPlace(row), actor)) refuse(row, actor)
      const from = row.status
      const after = listingStatusAfterEdit(from, actor.role === 'operator' ? 'operator' : 'farmer')
      if (!after.ok) throw invalidTransition(from, from, after.message)
      if (changes.photoIds) await checkPhotos(tx, changes.photoIds, actor, id)
      // A listing hidden for a risky photo comes back only without it: the edit that keeps it is refused.
      const keptPhotoIds = changes.photoIds ?? (await tx.selectFrom('listingPhotos').select('photoId').where('listingId', '=', id).execute()).map((r) => r.photoId)
      const risky = await content.photos.riskyAmong(tx, keptPhotoIds)
      if (risky.length > 0) throw riskyPhotos(risky)

      const { photoIds, ...columns } = changes
      const unit = columns.unit ?? (row.unit as Unit)
      const unitWeightGrams = gramsPerUnit(unit, columns.unitWeightGrams ?? row.unitWeightGrams)
      const flags = mergeFlags(parseFlags(row.textFlags), Object.keys(textFields) as CheckedTextField[], text.flags)
      const written = {
        ...columns,
        unitWeightGrams,
        rejectionReason: after.status === 'pending_review' ? null : row.rejectionReason,
        hiddenReason: after.status === 'hidden' ? row.hiddenReason : null,
        textCheck: flags.check,
        textFlags: flagsText(flags.flags),
      }
      const now = clock().toISOString()
      // An edit that keeps the status (an operator's of a live listing, anyone's under review) is
      // no move of the machine, only the same guard against a change meanwhile.
      const updated =
        after.status === from
          ? Number((await tx.updateTable('listings').set({ ...written, updatedAt: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst()).numUpdatedRows) === 1
          : await moveListing(tx, id, from, after.status, now, written)
      if (!updated) throw invalidTransition(from, after.status, 'the listing changed meanwhile; reload it')
      if (photoIds) await setPhotos(tx, id, photoIds, actor)
      await record(tx, id, actor, 'edited', from, after.status, { changed: Object.keys(changes) })
    })
    await sendPhotoChecks(changes.photoIds)
  }

  /** approve, reject and withdraw: one status move each, through the state machine. */
  async function move(actor: UserTable, id: string, action: Exclude<ListingAction, 'created' | 'edited' | 'hidden'>, reason?: string): Promise<void> {
    const to: ListingStatus = action === 'approved' ? 'live' : action === 'rejected' ? 'rejected' : 'withdrawn'
    // The reason is the operator's text shown to the farmer: checked as his.
    if (reason !== undefined) await content.text.check(actor, { reason })
    await db.transaction().execute(async (tx) => {
      const row = await load(tx, id)
      const allowed = action === 'withdrawn' ? canManageListing(asPlace(row), actor) : canReviewListing(asPlace(row), actor)
      if (!allowed) refuse(row, actor)
      const from = row.status
      const verdict = listingStatusMachine.transition(from, to)
      // An edit sends a listing back to review, but approving or rejecting needs one under review.
      if (!verdict.ok || (action !== 'withdrawn' && from !== 'pending_review')) {
        throw invalidTransition(from, to, verdict.ok ? `only a listing under review can be ${action}` : verdict.message)
      }
      if (action === 'approved') {
        const photoIds = (await tx.selectFrom('listingPhotos').select('photoId').where('listingId', '=', id).execute()).map((r) => r.photoId)
        const risky = await content.photos.riskyAmong(tx, photoIds)
        const approval = approvalByPhotoChecks(risky.map(() => 'risky' as const))
        if (!approval.ok) throw new ServiceError('CONTENT_RISKY', approval.message, { fields: ['photoIds'], photoIds: risky, reason: approval.reason })
      }
      const rejectionReason = action === 'rejected' ? (reason ?? null) : action === 'approved' ? null : row.rejectionReason
      if (!(await moveListing(tx, id, from, to, clock().toISOString(), { rejectionReason }))) throw invalidTransition(from, to, 'the listing changed meanwhile; reload it')
      await record(tx, id, actor, action, from, to, { reason })
    })
  }

  async function history(actor: UserTable, id: string) {
    const row = await db.selectFrom('listings').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row || !canManageListing(asPlace(row), actor)) throw notFound('listing')
    const events = await db
      .selectFrom('listingEvents')
      .leftJoin('users', 'users.id', 'listingEvents.actorUserId')
      .selectAll('listingEvents')
      .select('users.name as actorName')
      .where('listingId', '=', id)
      .orderBy('seq')
      .execute()
    return events.map((e) => ({
      at: e.at,
      // No person hid it: WeChat's content check did (see API.md, listing history).
      actor: e.actorUserId ? { id: e.actorUserId, name: e.actorName ?? '' } : CONTENT_CHECK_ACTOR,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      ...(e.reason ? { reason: e.reason } : {}),
      ...(e.changedFields ? { changedFields: e.changedFields.split(',') } : {}),
    }))
  }

  return {
    create,
    edit,
    approve: (actor: UserTable, id: string) => move(actor, id, 'approved'),
    reject: (actor: UserTable, id: string, reason: string) => move(actor, id, 'rejected', reason),
    withdraw: (actor: UserTable, id: string) => move(actor, id, 'withdrawn'),
    history,
  }
}

export type ListingCommands = ReturnType<typeof createListingCommands>
