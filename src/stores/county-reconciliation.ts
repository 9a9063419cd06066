import * as reconciliationApi from '../api/reconciliation-client'
import { chinaMonth } from '../domain/china-time'
import { perUser } from './per-user'
import { ReconciliationStore } from './reconciliation-store'
import { saveReportFile } from './report-file'

/** 月度对账: the county's month, reached only from the packages/county subpackage. */
export const reconciliationFor = perUser(
  () =>
    new ReconciliationStore({
      fetchFigures: reconciliationApi.reconciliation,
      fetchCsv: reconciliationApi.reconciliationCsv,
      thisMonth: () => chinaMonth(new Date()),
      saveFile: saveReportFile,
    }),
)
