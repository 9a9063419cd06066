/**
 * The cun xiao'er's commission: a per-county rate in basis points on the goods of each order
 * line (never on shipping, which is not the village's sale). It is computed per line with the
 * one rounding rule of money.ts and then summed, so the operator's monthly statement, which
 * lists lines, adds up to the order's commission. It comes out of the farmer's share and does
 * not change what the buyer pays.
 */
import { DomainError } from './errors'
import { applyRate, isBasisPoints, type BasisPoints, type Fen } from './money'

export function assertCommissionRate(rateBp: BasisPoints): void {
  if (!isBasisPoints(rateBp)) {
    throw new DomainError('commission.invalid_rate', 'A commission rate is whole basis points from 0 to 10000 (100 %)', {
      rateBp,
    })
  }
}

/** 5 % (500 bp) of a 3 850 fen line → 192.5 → 193 fen. Never more than the line itself. */
export function lineCommissionFen(lineTotalFen: Fen, commissionRateBp: BasisPoints): Fen {
  assertCommissionRate(commissionRateBp)
  return applyRate(lineTotalFen, commissionRateBp)
}
