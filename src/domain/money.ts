/** Money is an integer number of fen (1 yuan = 100 fen); never a float, never yuan. */
export type Fen = number

/** ¥38.00 from 3800 fen. */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${sign}¥${yuan}.${cents}`
}
