import type { ColumnType } from 'kysely'

/** A job's claim on a row (migration 012): until when one server process works on it. Written
 *  only by the jobs' claims, so an insert leaves it out and row types elsewhere do not carry it. */
export interface JobClaim {
  claimedUntil: ColumnType<string | null, string | null | undefined, string | null>
}
