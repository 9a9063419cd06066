import { ApiError } from '../../src/api/api-error'
import { csvFields, readSubsidyTotals, type SubsidyReportDeps, SubsidyReportStore } from '../../src/stores/subsidy-report-store'

/* The county's subsidy report: the totals read from the server's CSV, and the file saved as shown,
   with the byte order mark a spreadsheet needs to read its Chinese headers. */

const HEADER = '订单号,支付时间（北京时间）,状态,商品金额（元）,运费（元）,运费补贴（元）,实付（元）'
const csvOf = (month: string, orders: number, subsidy: string) =>
  [HEADER, 'ord_1,2026-11-02 10:00:00,picked_up,136.00,12.00,' + subsidy + ',124.00', `合计 ${orders} 单,${month},,136.00,12.00,${subsidy},124.00`].join('\r\n') + '\r\n'

describe('csvFields', () => {
  it('splits on commas outside quotes and unescapes doubled quotes', () => {
    expect(csvFields('a,b,,d')).toEqual(['a', 'b', '', 'd'])
    expect(csvFields('"羊排, 2 斤","说 ""好"""')).toEqual(['羊排, 2 斤', '说 "好"'])
  })
})

describe('readSubsidyTotals', () => {
  it('reads the totals row, with or without a byte order mark', () => {
    const totals = { orders: 1, goodsYuan: '136.00', shippingYuan: '12.00', subsidyYuan: '6.00', paidYuan: '124.00' }
    expect(readSubsidyTotals(csvOf('2026-11', 1, '6.00'))).toEqual(totals)
    expect(readSubsidyTotals('\uFEFF' + csvOf('2026-11', 1, '6.00'))).toEqual(totals)
  })

  it('gives null for what is not the report', () => {
    expect(readSubsidyTotals('')).toBeNull()
    expect(readSubsidyTotals(HEADER)).toBeNull()
    expect(readSubsidyTotals('<html>not found</html>\nnothing')).toBeNull()
  })
})

describe('SubsidyReportStore', () => {
  type SaveFile = jest.Mock<ReturnType<SubsidyReportDeps['saveFile']>, Parameters<SubsidyReportDeps['saveFile']>>
  const saving = (outcome: 'saved' | 'cancelled'): SaveFile => jest.fn(async (_fileName: string, _csv: string) => outcome)

  function storeWith(saveFile: SaveFile = saving('saved')) {
    const store = new SubsidyReportStore({
      fetchCsv: async (month) => csvOf(month, month === '2026-11' ? 1 : 0, month === '2026-11' ? '6.00' : '0.00'),
      thisMonth: () => '2026-11',
      saveFile,
    })
    return { store, saveFile }
  }

  it('shows this month’s totals and saves the text it showed, marked as UTF-8, under the month’s name', async () => {
    const { store, saveFile } = storeWith()
    await store.report.load()
    expect(store.totals).toMatchObject({ orders: 1, subsidyYuan: '6.00' })
    expect(await store.save()).toBe(true)
    expect(saveFile).toHaveBeenCalledWith('运费补贴-2026-11.csv', '\uFEFF' + csvOf('2026-11', 1, '6.00'))

    await store.report.previousMonth()
    expect(store.totals).toMatchObject({ orders: 0, subsidyYuan: '0.00' })
    await store.save()
    expect(saveFile).toHaveBeenLastCalledWith('运费补贴-2026-10.csv', expect.stringContaining('合计 0 单,2026-10'))
  })

  it('keeps a byte order mark the text already has, once', async () => {
    const saveFile = saving('saved')
    const store = new SubsidyReportStore({ fetchCsv: async () => '\uFEFF' + csvOf('2026-11', 1, '6.00'), thisMonth: () => '2026-11', saveFile })
    await store.report.load()
    await store.save()
    expect(saveFile.mock.calls[0][1].startsWith('\uFEFF订单号')).toBe(true)
  })

  it('saves nothing before the report has come', async () => {
    const { store, saveFile } = storeWith()
    expect(await store.save()).toBe(false)
    expect(saveFile).not.toHaveBeenCalled()
  })

  it('says a closed share sheet is not saved, and a failure why', async () => {
    const cancelled = storeWith(saving('cancelled')).store
    await cancelled.report.load()
    expect(await cancelled.save()).toBe(false)
    expect(cancelled.saveError).toBeNull()

    const failing = storeWith(jest.fn((_fileName: string, _csv: string) => Promise.reject(new ApiError(0, 'SAVE_FAILED', 'shareFileMessage:fail no space')))).store
    await failing.report.load()
    expect(await failing.save()).toBe(false)
    expect(failing.saveError?.code).toBe('SAVE_FAILED')
    expect(failing.saving).toBe(false)
  })
})
