import { View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { memo } from 'react'

/** One row of the code as runs of same-coloured modules: a row of 29 modules is ~15 Views. */
type Run = { dark: boolean; length: number }

function qrRows(text: string): Run[][] {
  // M: a quarter of the code can be smudged or glared on a cheap screen and it still scans.
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const size = qr.getModuleCount()
  const rows: Run[][] = []
  for (let row = 0; row < size; row++) {
    const runs: Run[] = []
    for (let col = 0; col < size; col++) {
      const dark = qr.isDark(row, col)
      const last = runs[runs.length - 1]
      if (last && last.dark === dark) last.length++
      else runs.push({ dark, length: 1 })
    }
    rows.push(runs)
  }
  return rows
}

/**
 * The QR code as plain Views, drawn the same in the mini-program and on H5 with no canvas and
 * no image to fetch: each row is a flex line whose runs take their share of the width. The text
 * is in `data-qr` too, for the tests and for anyone who cannot scan.
 */
export const PickupQr = memo(function PickupQr({ text }: { text: string }) {
  const rows = qrRows(text)
  return (
    <View className='pickup-qr' data-qr={text}>
      <View className='pickup-qr__grid'>
        {rows.map((runs, row) => (
          <View key={row} className='pickup-qr__row'>
            {runs.map((run, index) => (
              <View key={index} className={run.dark ? 'pickup-qr__dark' : 'pickup-qr__light'} style={{ flex: run.length }} />
            ))}
          </View>
        ))}
      </View>
    </View>
  )
})
