import { ApiError } from '../../src/api/api-error'
import type { AfterSaleCase, CaseDecision, CountyCase, ReportCaseInput } from '../../src/api/case-types'
import { CaseReportStore } from '../../src/stores/case-report-store'
import { CountyCasesStore } from '../../src/stores/county-cases-store'
import { describeCaseProblem, describeDecisionProblem } from '../../src/strings/after-sale'

/* After-sale cases in the app, against fakes: the buyer's report sends its photos once however
   often it is retried; the county's decision is read in yuan, checked against what is left on the
   line before it leaves the phone, and the list is read again after each decision. */

const reported = (overrides: Partial<CountyCase> = {}): CountyCase => ({
  id: 'cas_1',
  orderId: 'ord_1',
  listingId: 'lst_lamb',
  title: '草原羔羊肉 羊排',
  kind: 'short_weight',
  note: '少了半斤',
  photos: [],
  reportedBy: 'buyer',
  status: 'reported',
  refundFen: null,
  declineReason: null,
  fault: 'farmer',
  refund: null,
  createdAt: '2026-11-30T02:00:00.000Z',
  decidedAt: null,
  buyer: { id: 'usr_chen', name: '陈晓（呼和浩特）' },
  quantity: 2,
  unit: 'jin',
  lineTotalFen: 13600,
  refundableFen: 13600,
  ...overrides,
})

describe('CaseReportStore', () => {
  function setup() {
    const uploads: string[] = []
    const sent: [string, ReportCaseInput][] = []
    let failNext: ApiError | null = null
    const store = new CaseReportStore({
      uploadPhoto: async (path) => {
        uploads.push(path)
        return { id: `pho_${uploads.length}`, url: '', thumbUrl: '', width: 1, height: 1 }
      },
      report: async (orderId, input) => {
        sent.push([orderId, input])
        if (failNext) {
          const error = failNext
          failNext = null
          throw error
        }
        return { ...reported(), kind: input.kind, note: input.note } as AfterSaleCase
      },
    })
    return { store, uploads, sent, failOnce: (error: ApiError) => (failNext = error) }
  }

  it('uploads the photos, then reports the case with their ids', async () => {
    const { store, uploads, sent } = setup()
    const result = await store.submit('ord_1', { listingId: 'lst_lamb', kind: 'spoiled', note: ' 有异味 ', photoPaths: ['a.jpg', 'b.jpg'] })
    expect(result).toMatchObject({ kind: 'spoiled' })
    expect(uploads).toEqual(['a.jpg', 'b.jpg'])
    expect(sent).toEqual([['ord_1', { listingId: 'lst_lamb', kind: 'spoiled', note: '有异味', photoIds: ['pho_1', 'pho_2'] }]])
    expect(store.busy).toBe(false)
  })

  it('sends no photo twice when the report is retried after a dropped signal', async () => {
    const { store, uploads, sent, failOnce } = setup()
    failOnce(new ApiError(0, 'NETWORK', 'request:fail'))
    const form = { listingId: 'lst_lamb', kind: 'damaged' as const, note: '', photoPaths: ['a.jpg'] }
    expect(await store.submit('ord_1', form)).toBeNull()
    expect(describeCaseProblem(store.problem!)).toMatch(/网络/)
    expect(await store.submit('ord_1', form)).not.toBeNull()
    expect(uploads).toEqual(['a.jpg'])
    expect(sent.map(([, input]) => input.photoIds)).toEqual([['pho_1'], ['pho_1']])
  })

  it('asks for a kind, and says when the 24 hours are over', async () => {
    const { store, sent, failOnce } = setup()
    expect(await store.submit('ord_1', { listingId: 'lst_lamb', kind: null, note: '', photoPaths: [] })).toBeNull()
    expect(describeCaseProblem(store.problem!)).toBe('请选择问题类型')
    failOnce(new ApiError(409, 'INVALID_TRANSITION', 'late', { reason: 'case.window_closed' }))
    await store.submit('ord_1', { listingId: 'lst_lamb', kind: 'spoiled', note: '', photoPaths: [] })
    expect(describeCaseProblem(store.problem!)).toBe('取货已超过 24 小时，不能再申请售后')
    expect(sent).toHaveLength(1)
  })
})

describe('CountyCasesStore', () => {
  function setup(items: CountyCase[]) {
    const decisions: [string, CaseDecision][] = []
    let list = items
    let refusal: ApiError | null = null
    const store = new CountyCasesStore({
      fetchCases: async () => ({ items: list }),
      decide: async (id, decision) => {
        decisions.push([id, decision])
        if (refusal) throw refusal
        list = list.map((c) => (c.id === id ? { ...c, status: 'refundFen' in decision ? 'refunded' : 'declined', refundFen: 'refundFen' in decision ? decision.refundFen : null, refundableFen: 0 } : c))
        return list.find((c) => c.id === id)!
      },
    })
    return { store, decisions, refuse: (error: ApiError) => (refusal = error), setList: (next: CountyCase[]) => (list = next) }
  }

  it('refunds the amount typed in yuan, exactly, and reads the list again', async () => {
    const { store, decisions } = setup([reported(), reported({ id: 'cas_2', status: 'declined', declineReason: '无误' })])
    await store.load()
    expect(store.open.map((c) => c.id)).toEqual(['cas_1'])
    expect(await store.refund('cas_1', '34.29')).toBe(true)
    expect(decisions).toEqual([['cas_1', { refundFen: 3429, fault: 'farmer' }]])
    expect(store.open).toEqual([])
    expect(store.decided.map((c) => c.id)).toEqual(['cas_1', 'cas_2'])
  })

  it('sends whose fault staff found: the transport, when the county answers for it', async () => {
    const { store, decisions } = setup([reported()])
    await store.load()
    expect(await store.refund('cas_1', '12', 'transport')).toBe(true)
    expect(decisions).toEqual([['cas_1', { refundFen: 1200, fault: 'transport' }]])
  })

  it('never sends an amount that is not yuan, zero, or more than is left on the line', async () => {
    const { store, decisions } = setup([reported({ refundableFen: 5000 })])
    await store.load()
    for (const [typed, expected] of [
      ['', '请输入退款金额'],
      ['3.456', '金额最多两位小数'],
      ['-1', '请输入金额，例如 12.50'],
      ['0', '退款金额要大于 0；不退款请选“不退款”并写明理由'],
      ['50.01', '这一项最多还能退 ¥50.00'],
    ]) {
      expect(await store.refund('cas_1', typed)).toBe(false)
      expect(describeDecisionProblem(store.problemOf('cas_1')!)).toBe(expected)
    }
    expect(await store.decline('cas_1', '  ')).toBe(false)
    expect(describeDecisionProblem(store.problemOf('cas_1')!)).toBe('请写明不退款的理由')
    expect(decisions).toEqual([])
  })

  it('shows the server’s refusal and the cases as they are now when another desk decided first', async () => {
    const { store, refuse, setList } = setup([reported()])
    await store.load()
    refuse(new ApiError(409, 'REFUND_TOO_LARGE', 'less left', { refundableFen: 2000 }))
    setList([reported({ refundableFen: 2000 })])
    expect(await store.refund('cas_1', '100')).toBe(false)
    expect(describeDecisionProblem(store.problemOf('cas_1')!)).toBe('这一项最多还能退 ¥20.00')
    expect(store.items[0].refundableFen).toBe(2000)
    expect(store.deciding).toBeNull()
  })
})
