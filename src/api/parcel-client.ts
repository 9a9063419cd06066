/* The cun xiao'er's parcels and commission, and the county center's collection run and pickup
   desk (API.md "Orders", second half). Imported only by the operator and county subpackages'
   stores, so none of it weighs on the buyer's main package. */
import type { ChinaDate } from '../domain/china-time'
import type { AfterSaleCase, CaseDecision, CountyCase, ReportCaseInput } from './case-types'
import type { Parcel } from './order-types'
import type { CommissionStatement, DeskOrder, Manifest, PickupVerifyInput, VillageRun } from './parcel-types'
import { request } from './request'

const parcelPath = (id: string) => `/parcels/${encodeURIComponent(id)}`

/** Without a date, the run the server chooses (the next with parcels to collect); its date is in the answer. */
export const villageParcels = (date?: ChinaDate) => request<VillageRun>('GET', '/village/parcels', { query: { date } })
export const collectParcel = (id: string) => request<Parcel>('POST', `${parcelPath(id)}/collect`)
export const commissions = (month: string) => request<CommissionStatement>('GET', '/operator/commissions', { query: { month } })

/** Without a date, the earliest run with parcels on their way (else today); its date is in the answer. */
export const manifest = (date?: ChinaDate) => request<Manifest>('GET', '/county/manifest', { query: { date } })
export const receiveParcel = (id: string) => request<Parcel>('POST', `${parcelPath(id)}/receive`)
/** Takes back one's own collect or receive within 10 minutes: the parcel as it now is. */
export const undoParcelStep = (id: string) => request<Parcel>('POST', `${parcelPath(id)}/undo`)
export const readyPickups = () => request<{ items: DeskOrder[] }>('GET', '/county/pickups')
/** The center's order with this short number, whatever its state; 404 when the center has none. */
export const pickupByNumber = (number: string) => request<{ items: DeskOrder[] }>('GET', '/county/pickups', { query: { number } })
/** Hands the order over: the server marks it picked up exactly once. */
export const verifyPickup = (input: PickupVerifyInput) => request<DeskOrder>('POST', '/pickups/verify', { body: input })
/** The month's orders with shipping charged and subsidy granted, as the CSV the county files its claim with. */
export const subsidyReportCsv = (month: string) => request<string>('GET', '/county/reports/subsidy', { query: { month }, text: true })

/** 登记问题 at the desk: a problem with one line of an order waiting here (or picked up within 24 hours). */
export const recordCase = (orderId: string, input: ReportCaseInput) => request<AfterSaleCase>('POST', `/orders/${encodeURIComponent(orderId)}/cases`, { body: input })
/** The county's cases, open ones first. */
export const countyCases = () => request<{ items: CountyCase[] }>('GET', '/county/cases')
export const decideCase = (id: string, decision: CaseDecision) => request<AfterSaleCase>('POST', `/cases/${encodeURIComponent(id)}/decide`, { body: decision })
