import { makeAutoObservable } from 'mobx'
import { toApiError } from '../api/api-error'
import type { AfterSaleCase, ReportCaseInput } from '../api/case-types'
import type { CaseReportProblem } from '../api/problems'
import type { Photo } from '../api/types'
import { CASE_NOTE_MAX_LENGTH, CASE_PHOTOS_MAX, type CaseKind } from '../domain/after-sale'
import { runInAction } from './run-in-action'

/* Reporting a problem with one line (申请售后 for the buyer, 登记问题 at the county desk): the
   photos go up through the upload pipeline first, then the case. A photo already uploaded is
   remembered by its local path, so sending again after a dropped signal uploads none twice. */

export interface CaseReportDeps {
  uploadPhoto(localPath: string): Promise<Photo>
  report(orderId: string, input: ReportCaseInput): Promise<AfterSaleCase>
}

export interface CaseReportForm {
  listingId: string
  kind: CaseKind | null
  note: string
  /** Local paths from the camera or album, in the order chosen. */
  photoPaths: string[]
}


export class CaseReportStore {
  busy = false
  problem: CaseReportProblem | null = null
  private readonly uploaded = new Map<string, string>()

  constructor(private readonly deps: CaseReportDeps) {
    makeAutoObservable<this, 'deps' | 'uploaded'>(this, { deps: false, uploaded: false }, { autoBind: true })
  }

  /** The case as the server recorded it, or null (see `problem`). */
  async submit(orderId: string, form: CaseReportForm): Promise<AfterSaleCase | null> {
    if (this.busy) return null
    if (!form.kind) return this.fail({ kind: 'no-kind' })
    if (form.note.trim().length > CASE_NOTE_MAX_LENGTH) return this.fail({ kind: 'note-too-long' })
    this.busy = true
    this.problem = null
    try {
      const photoIds: string[] = []
      for (const path of form.photoPaths.slice(0, CASE_PHOTOS_MAX)) {
        let id = this.uploaded.get(path)
        if (!id) {
          id = (await this.deps.uploadPhoto(path)).id
          this.uploaded.set(path, id)
        }
        photoIds.push(id)
      }
      const recorded = await this.deps.report(orderId, { listingId: form.listingId, kind: form.kind, note: form.note.trim(), photoIds })
      runInAction('caseReported', () => {
        this.busy = false
      })
      return recorded
    } catch (error) {
      return this.fail({ kind: 'refused', error: toApiError(error) })
    }
  }

  /** A new form: the last one's problem no longer applies. */
  reset(): void {
    this.problem = null
  }

  private fail(problem: CaseReportProblem): null {
    runInAction('caseReportFailed', () => {
      this.busy = false
      this.problem = problem
    })
    return null
  }
}
