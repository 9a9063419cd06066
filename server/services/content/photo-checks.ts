import type { Kysely } from 'kysely'
import { LISTING_STATUSES_HIDDEN_BY_RISKY_PHOTO } from '../../../src/domain/listing-status'
import {
  PHOTO_CHECK_SCENE,
  PHOTO_CHECK_TRIES,
  PHOTO_VERDICT_WAIT_MINUTES,
  type PhotoCheck,
  photoCheckAfterVerdict,
  type WeChatSuggestion,
} from '../../../src/domain/content-check'
import type { Clock } from '../../clock'
import type { DB } from '../../db/schema'
import { type WriteTx, writeTransaction } from '../../db/write-transaction'
import type { DialectName } from '../../db/database'
import { CLAIM_LEASE_MS, skippingLocked } from '../../db/job-claims'
import type { ContentChecker } from '../../integrations/wechat-content-security'
import { moveListing } from '../listings/move-listing'
import { recordListingEvent } from '../listings/listing-events'

/* Each photo of a listing is checked once at WeChat (mediaCheckAsync v2). The listing's save
   queues the check in its own transaction; it is sent right after (and by the jobs, should that
   fail), and WeChat's verdict comes on the message push, matched by trace_id. A risky verdict
   hides every listing showing the photo at once, live or under review, through the listing
   machine, with an event in its history; the review queue tells the operator why. A verdict
   that never comes is asked for again after PHOTO_VERDICT_WAIT_MINUTES, PHOTO_CHECK_TRIES times
   in all, and the photo is then marked unchecked for the operator to look at. */

/** Why a listing was hidden, as the app words it (src/strings). */
export const HIDDEN_FOR_RISKY_PHOTO = 'content.photo_risky'

/** A failed send (WeChat away, over quota) is tried again after this. */
const RESEND_AFTER_MS = 5 * 60_000

export interface PhotoCheckDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  checker: ContentChecker
  /** The photo's public https URL WeChat fetches (XIANGJI_PUBLIC_URL + its path). */
  mediaUrlOf(photoPath: string): string
  log: { info(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void }
}

export type VerdictOutcome = 'applied' | 'unchanged' | 'unknown_trace'

export function createPhotoChecks(deps: PhotoCheckDeps) {
  const { db, clock } = deps
  const later = (ms: number) => new Date(clock().getTime() + ms).toISOString()

  /** In the listing's transaction: a check for each photo that has none yet. */
  async function queue(tx: WriteTx, photoIds: readonly string[], authorOpenid: string | null): Promise<void> {
    if (photoIds.length === 0) return
    const known = new Set((await tx.selectFrom('photoChecks').select('photoId').where('photoId', 'in', [...photoIds]).execute()).map((row) => row.photoId))
    const photos = await tx.selectFrom('photos').select(['id', 'storageKey']).where('id', 'in', [...photoIds]).execute()
    const now = clock().toISOString()
    const fresh = photos.filter((photo) => !known.has(photo.id))
    if (fresh.length === 0) return
    await tx
      .insertInto('photoChecks')
      .values(fresh.map((photo) => ({ photoId: photo.id, status: 'pending' as const, submitted: 0, label: null, mediaUrl: deps.mediaUrlOf(`/photos/${photo.storageKey}`), openid: authorOpenid, tries: 0, nextAttemptAt: now, lastError: null, createdAt: now, decidedAt: null })))
      // Two listings saved at once with the same photo: one check is enough.
      .onConflict((conflict) => conflict.column('photoId').doNothing())
      .execute()
  }

  /** Photos WeChat found risky among these: a listing may not be saved or approved with one. */
  async function riskyAmong(tx: Kysely<DB>, photoIds: readonly string[]): Promise<string[]> {
    if (photoIds.length === 0) return []
    const rows = await tx.selectFrom('photoChecks').select('photoId').where('photoId', 'in', [...photoIds]).where('status', '=', 'risky').execute()
    return rows.map((row) => row.photoId)
  }

  async function checksOf(photoIds: readonly string[]): Promise<Map<string, PhotoCheck>> {
    if (photoIds.length === 0) return new Map()
    const rows = await db.selectFrom('photoChecks').select(['photoId', 'status']).where('photoId', 'in', [...photoIds]).execute()
    return new Map(rows.map((row) => [row.photoId, row.status]))
  }

  /** Sends the checks not sent yet (these photos, or all that are due). */
  async function sendDue(photoIds?: readonly string[]): Promise<number> {
    let query = db.selectFrom('photoChecks').select('photoId').where('status', '=', 'pending').where('submitted', '=', 0).where('nextAttemptAt', '<=', clock().toISOString())
    if (photoIds) {
      if (photoIds.length === 0) return 0
      query = query.where('photoId', 'in', [...photoIds])
    }
    // Claimed as the outboxes are (db/job-claims.ts): the next try moves to the lease's end, so
    // the listing's save and the jobs of N processes never send one photo twice.
    const claimed = await db
      .updateTable('photoChecks')
      .set({ nextAttemptAt: later(CLAIM_LEASE_MS) })
      .where('photoId', 'in', skippingLocked(db, query.orderBy('nextAttemptAt').limit(100)))
      .returning('photoId')
      .execute()
    if (claimed.length === 0) return 0
    const due = await db.selectFrom('photoChecks').selectAll().where('photoId', 'in', claimed.map((row) => row.photoId)).orderBy('createdAt').execute()
    for (const check of due) {
      const submission = await deps.checker.submitPhoto({ mediaUrl: check.mediaUrl, scene: PHOTO_CHECK_SCENE, openid: check.openid })
      const tries = check.tries + 1
      if (!submission.ok) {
        deps.log.warn({ photoId: check.photoId, reason: submission.reason, tries }, 'photo check not sent to WeChat')
        const giveUp = tries >= PHOTO_CHECK_TRIES
        await db
          .updateTable('photoChecks')
          .set({ tries, lastError: submission.reason, nextAttemptAt: later(RESEND_AFTER_MS), ...(giveUp ? { status: 'unchecked', decidedAt: clock().toISOString() } : {}) })
          .where('photoId', '=', check.photoId)
          .where('status', '=', 'pending')
          .where('submitted', '=', 0)
          .execute()
        continue
      }
      await db.insertInto('photoCheckTraces').values({ traceId: submission.traceId, photoId: check.photoId, submittedAt: clock().toISOString() }).execute()
      await db
        .updateTable('photoChecks')
        .set({ tries, submitted: 1, lastError: null, nextAttemptAt: later(PHOTO_VERDICT_WAIT_MINUTES * 60_000) })
        .where('photoId', '=', check.photoId)
        .where('status', '=', 'pending')
        .where('submitted', '=', 0)
        .execute()
      // The local checker answers at once, through the same door as WeChat's push.
      if (submission.verdict) await applyVerdict(submission.traceId, submission.verdict.suggest, submission.verdict.label)
    }
    return due.length
  }

  /** Verdicts that did not come in time: ask again, or, after the last try, mark it unchecked. */
  async function followUpLate(): Promise<number> {
    const now = clock().toISOString()
    const late = await db.selectFrom('photoChecks').select(['photoId', 'tries']).where('status', '=', 'pending').where('submitted', '=', 1).where('nextAttemptAt', '<=', now).limit(100).execute()
    for (const check of late) {
      const giveUp = check.tries >= PHOTO_CHECK_TRIES
      await db
        .updateTable('photoChecks')
        .set(giveUp ? { status: 'unchecked', decidedAt: now } : { submitted: 0, nextAttemptAt: now })
        .where('photoId', '=', check.photoId)
        .where('status', '=', 'pending')
        .where('submitted', '=', 1)
        .execute()
      if (giveUp) deps.log.warn({ photoId: check.photoId, tries: check.tries }, 'no verdict from WeChat after every try; the photo is marked unchecked for the operator')
    }
    return late.length
  }

  /** The jobs' step: follow up on late verdicts, then send what is due. */
  async function runDue(): Promise<number> {
    return (await followUpLate()) + (await sendDue())
  }

  /** WeChat's verdict on a trace (the message push, or the local checker). Idempotent: the same
   *  verdict twice changes nothing; a risky one hides the photo's listings once. */
  async function applyVerdict(traceId: string, suggest: WeChatSuggestion, label: number | null): Promise<VerdictOutcome> {
    return writeTransaction(db, deps.dialect, async (tx) => {
      const trace = await tx.selectFrom('photoCheckTraces').select('photoId').where('traceId', '=', traceId).executeTakeFirst()
      if (!trace) return 'unknown_trace'
      const check = await tx.selectFrom('photoChecks').select(['status']).where('photoId', '=', trace.photoId).executeTakeFirst()
      if (!check) return 'unknown_trace'
      const after = photoCheckAfterVerdict(check.status, suggest)
      const now = clock().toISOString()
      if (after === check.status) return 'unchanged'
      await tx.updateTable('photoChecks').set({ status: after, label, decidedAt: now }).where('photoId', '=', trace.photoId).where('status', '=', check.status).execute()
      if (after === 'risky') await hideListingsShowing(tx, trace.photoId, now)
      deps.log.info({ photoId: trace.photoId, traceId, verdict: after, label }, 'photo check verdict')
      return 'applied'
    })
  }

  async function hideListingsShowing(tx: WriteTx, photoId: string, now: string): Promise<void> {
    const listings = await tx
      .selectFrom('listingPhotos')
      .innerJoin('listings', 'listings.id', 'listingPhotos.listingId')
      .select(['listings.id', 'listings.status'])
      .where('listingPhotos.photoId', '=', photoId)
      .where('listings.status', 'in', [...LISTING_STATUSES_HIDDEN_BY_RISKY_PHOTO])
      .execute()
    for (const listing of listings) {
      if (await moveListing(tx, listing.id, listing.status, 'hidden', now, { hiddenReason: HIDDEN_FOR_RISKY_PHOTO })) {
        await recordListingEvent(tx, now, listing.id, null, 'hidden', listing.status, 'hidden', { reason: HIDDEN_FOR_RISKY_PHOTO })
      }
    }
  }

  return { queue, riskyAmong, checksOf, sendDue, runDue, applyVerdict }
}

export type PhotoChecks = ReturnType<typeof createPhotoChecks>
