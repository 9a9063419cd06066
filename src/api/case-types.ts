/* After-sale cases (售后) as the server sends them: on an order (`cases`), in the county's list,
   and beside each line of the farmer's sales page. Types of the server's contract only (see ./types.ts). */

export type { AfterSaleCase, CaseDecision, CountyCase, ReportCaseInput } from '../../server/contract/cases'
