import fc from 'fast-check'
import {
  canReportCase,
  caseStatusMachine,
  CASE_KIND_LABELS,
  CASE_KINDS,
  checkCaseRefund,
  commissionReversalFor,
  isCaseKind,
  refundableOnLine,
} from '../../src/domain/after-sale'
import { lineCommissionFen } from '../../src/domain/commission'
import { shareOfFen } from '../../src/domain/money'
import { ORDER_STATUSES } from '../../src/domain/order-status'

const PICKED_UP = '2026-06-01T02:00:00.000Z'
const at = (hoursAfterPickup: number) => new Date(Date.parse(PICKED_UP) + hoursAfterPickup * 3600_000)

describe('the case state machine', () => {
  it('goes from reported to refunded or declined, once', () => {
    expect(caseStatusMachine.can('reported', 'refunded')).toBe(true)
    expect(caseStatusMachine.can('reported', 'declined')).toBe(true)
    expect(caseStatusMachine.transition('refunded', 'declined')).toMatchObject({ ok: false, reason: 'transition.from_terminal' })
    expect(caseStatusMachine.transition('declined', 'refunded')).toMatchObject({ ok: false, reason: 'transition.from_terminal' })
    expect(caseStatusMachine.can('refunded', 'reported')).toBe(false)
  })

  it('names every kind in Chinese', () => {
    expect(CASE_KINDS.map((k) => CASE_KIND_LABELS[k])).toEqual(['缺斤少两', '破损', '发错货', '变质'])
    expect(isCaseKind('spoiled')).toBe(true)
    expect(isCaseKind('lost')).toBe(false)
  })
})

describe('canReportCase', () => {
  it('lets the buyer report within 24 hours after pickup, and not before pickup', () => {
    expect(canReportCase('picked_up', PICKED_UP, at(0), 'buyer')).toEqual({ ok: true })
    expect(canReportCase('picked_up', PICKED_UP, at(24), 'buyer')).toEqual({ ok: true })
    expect(canReportCase('picked_up', PICKED_UP, at(24.001), 'buyer')).toMatchObject({ ok: false, reason: 'case.window_closed' })
    expect(canReportCase('ready_for_pickup', null, at(0), 'buyer')).toMatchObject({ ok: false, reason: 'case.not_picked_up' })
  })

  it('lets county staff record one at the desk before hand-over, and within the same 24 hours after', () => {
    expect(canReportCase('ready_for_pickup', null, at(0), 'county_staff')).toEqual({ ok: true })
    expect(canReportCase('picked_up', PICKED_UP, at(23), 'county_staff')).toEqual({ ok: true })
    expect(canReportCase('picked_up', PICKED_UP, at(25), 'county_staff')).toMatchObject({ ok: false, reason: 'case.window_closed' })
    expect(canReportCase('paid', null, at(0), 'county_staff')).toMatchObject({ ok: false, reason: 'case.not_at_desk' })
  })

  it('refuses every other order status to everyone', () => {
    for (const status of ORDER_STATUSES.filter((s) => s !== 'picked_up' && s !== 'ready_for_pickup')) {
      expect(canReportCase(status, null, at(1), 'buyer').ok).toBe(false)
      expect(canReportCase(status, null, at(1), 'county_staff').ok).toBe(false)
    }
  })
})

describe('refundableOnLine and checkCaseRefund', () => {
  it('leaves the line less what was refunded, capped by what is left of the payment', () => {
    expect(refundableOnLine(13600, 0)).toBe(13600)
    expect(refundableOnLine(13600, 5000)).toBe(8600)
    expect(refundableOnLine(13600, 13600)).toBe(0)
    expect(refundableOnLine(13600, 0, 4000)).toBe(4000)
    expect(refundableOnLine(13600, 0, 0)).toBe(0)
  })

  it('refuses nothing, fractions and more than is left', () => {
    expect(checkCaseRefund(1, 1)).toEqual({ ok: true })
    expect(checkCaseRefund(0, 100)).toMatchObject({ ok: false, reason: 'case.refund_zero' })
    expect(checkCaseRefund(1.5, 100)).toMatchObject({ ok: false, reason: 'case.refund_zero' })
    expect(checkCaseRefund(101, 100)).toMatchObject({ ok: false, reason: 'case.refund_too_large' })
  })

  it('never lets a line’s refunds add up to more than the line, whatever is asked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 20 }), (line, asks) => {
        let refunded = 0
        for (const ask of asks) if (checkCaseRefund(ask, refundableOnLine(line, refunded)).ok) refunded += ask
        expect(refunded).toBeLessThanOrEqual(line)
        expect(refundableOnLine(line, refunded)).toBe(line - refunded)
      }),
    )
  })
})

describe('commissionReversalFor', () => {
  it('takes back the commission in proportion to the refunded part, rounding half up', () => {
    // 5 % of ¥136 is ¥6.80; half the line refunded takes back ¥3.40.
    expect(commissionReversalFor(6800, 0, 13600, 680)).toBe(340)
    expect(commissionReversalFor(13600, 0, 13600, 680)).toBe(680)
    // 193 × 1/3 = 64.33 → 64; the next third brings the total to round(128.67) = 129.
    expect(commissionReversalFor(1000, 0, 3000, 193)).toBe(64)
    expect(commissionReversalFor(1000, 1000, 3000, 193)).toBe(65)
    expect(commissionReversalFor(1000, 2000, 3000, 193)).toBe(64)
    expect(commissionReversalFor(0, 0, 3000, 193)).toBe(0)
  })

  it('adds up, over any split of refunds, to the share of the whole refund, never above the commission', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 50_000_000 }), { maxLength: 12 }),
        (line, rateBp, asks) => {
          const commission = lineCommissionFen(line, rateBp)
          let refunded = 0
          let reversed = 0
          for (const ask of asks) {
            const refund = Math.min(ask, refundableOnLine(line, refunded))
            if (refund === 0) continue
            const reversal = commissionReversalFor(refund, refunded, line, commission)
            expect(reversal).toBeGreaterThanOrEqual(0)
            reversed += reversal
            refunded += refund
          }
          expect(reversed).toBe(shareOfFen(commission, refunded, line))
          expect(reversed).toBeLessThanOrEqual(commission)
          if (refunded === line) expect(reversed).toBe(commission)
        },
      ),
    )
  })
})

describe('shareOfFen', () => {
  it('rounds half up with integers only', () => {
    expect(shareOfFen(193, 1, 2)).toBe(97) // 96.5
    expect(shareOfFen(5, 1, 3)).toBe(2) // 1.67
    expect(shareOfFen(4, 1, 3)).toBe(1) // 1.33
    expect(shareOfFen(0, 5, 5)).toBe(0)
    expect(() => shareOfFen(10, 6, 5)).toThrow(expect.objectContaining({ code: 'money.invalid_fen' }))
    expect(() => shareOfFen(10, 0, 0)).toThrow(expect.objectContaining({ code: 'money.invalid_fen' }))
  })

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 5e7 }), fc.double({ min: 0, max: 1, noNaN: true }), (amount, whole, f) => {
        const part = Math.floor(whole * f)
        const exact = (BigInt(amount) * BigInt(part) * 2n + BigInt(whole)) / (2n * BigInt(whole))
        expect(shareOfFen(amount, part, whole)).toBe(Number(exact))
      }),
    )
  })
})
