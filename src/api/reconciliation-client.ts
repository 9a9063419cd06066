/* The county's monthly reconciliation (GET /county/reconciliation): the figures for the page, and
   the same month as the CSV the bookkeeper files. Imported only by the county subpackage. */
import type { Reconciliation } from './reconciliation-types'
import { request } from './request'

export const reconciliation = (month: string) => request<Reconciliation>('GET', '/county/reconciliation', { query: { month } })
export const reconciliationCsv = (month: string) => request<string>('GET', '/county/reconciliation', { query: { month, format: 'csv' }, text: true })
