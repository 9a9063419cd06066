import { spawnSync } from 'node:child_process'
import path from 'node:path'
import fc from 'fast-check'
import { collectionRunDateFor, estimatePickup, type PickupRules } from '../../src/domain/pickup-window'

// Horinger-like rules: cut-off 18:00, the run leaves at 07:00 and takes 2.5 h, the center is
// open 09:00–18:00 and closed on Mondays.
const rules: PickupRules = {
  cutoffTime: '18:00',
  collectionRunTime: '07:00',
  runDurationMinutes: 150,
  centerOpens: '09:00',
  centerCloses: '18:00',
  closedWeekdays: [1],
}

describe('estimatePickup', () => {
  it('puts an order paid before the cut-off on the next morning run', () => {
    // Wednesday 2026-11-25 17:59 China time.
    expect(estimatePickup('2026-11-25T09:59:00.000Z', rules)).toEqual({
      collectionRunDate: '2026-11-26',
      pickupDate: '2026-11-26',
      readyFrom: '2026-11-26T01:30:00.000Z', // 09:30 China: 07:00 + 150 min
      readyUntil: '2026-11-26T10:00:00.000Z', // 18:00 China
    })
  })

  it('puts an order paid at or after the cut-off on the run after', () => {
    expect(estimatePickup('2026-11-25T10:00:00.000Z', rules)).toMatchObject({
      collectionRunDate: '2026-11-27',
      readyFrom: '2026-11-27T01:30:00.000Z',
    })
  })

  it('uses the China calendar day for instants near midnight UTC', () => {
    // 23:30 UTC on the 25th is 07:30 on the 26th in China: before the cut-off of the 26th.
    expect(collectionRunDateFor('2026-11-25T23:30:00.000Z', rules)).toBe('2026-11-27')
    // 00:30 UTC on the 26th is 08:30 China, same China day.
    expect(collectionRunDateFor('2026-11-26T00:30:00.000Z', rules)).toBe('2026-11-27')
    // 15:59 UTC is 23:59 China (after the cut-off); 16:00 UTC is already the next China day.
    expect(collectionRunDateFor('2026-11-25T15:59:00.000Z', rules)).toBe('2026-11-27')
    expect(collectionRunDateFor('2026-11-25T16:00:00.000Z', rules)).toBe('2026-11-27')
    expect(collectionRunDateFor('2026-11-25T09:00:00.000Z', rules)).toBe('2026-11-26')
  })

  it('waits for opening when the run arrives early', () => {
    const early = estimatePickup('2026-11-25T02:00:00.000Z', { ...rules, runDurationMinutes: 60 })
    expect(early).toMatchObject({ pickupDate: '2026-11-26', readyFrom: '2026-11-26T01:00:00.000Z' }) // 09:00 China
  })

  it('moves to the next open day when the run arrives at or after closing', () => {
    // 07:00 + 11 h = 18:00, closing time on Thursday 26th → Friday 27th at 09:00.
    const late = estimatePickup('2026-11-25T02:00:00.000Z', { ...rules, runDurationMinutes: 660 })
    expect(late).toEqual({
      collectionRunDate: '2026-11-26',
      pickupDate: '2026-11-27',
      readyFrom: '2026-11-27T01:00:00.000Z',
      readyUntil: '2026-11-27T10:00:00.000Z',
    })
  })

  it('skips the closed weekday', () => {
    // Paid Saturday 28th before the cut-off → Sunday 29th run, lands Sunday (open).
    expect(estimatePickup('2026-11-28T02:00:00.000Z', rules)).toMatchObject({ pickupDate: '2026-11-29' })
    // Paid Sunday 29th → Monday 30th run; the center is closed on Mondays → Tuesday at opening.
    expect(estimatePickup('2026-11-29T02:00:00.000Z', rules)).toEqual({
      collectionRunDate: '2026-11-30',
      pickupDate: '2026-12-01',
      readyFrom: '2026-12-01T01:00:00.000Z',
      readyUntil: '2026-12-01T10:00:00.000Z',
    })
  })

  it('skips closed dates such as the Spring Festival, and a run arriving after midnight', () => {
    const festive = { ...rules, closedWeekdays: [], closedDates: ['2027-02-06', '2027-02-07'] }
    expect(estimatePickup('2027-02-05T02:00:00.000Z', festive)).toMatchObject({
      collectionRunDate: '2027-02-06',
      pickupDate: '2027-02-08',
      readyFrom: '2027-02-08T01:00:00.000Z',
    })
    const overnight = estimatePickup('2026-11-25T02:00:00.000Z', { ...rules, runDurationMinutes: 25 * 60 })
    expect(overnight).toMatchObject({ collectionRunDate: '2026-11-26', pickupDate: '2026-11-27', readyFrom: '2026-11-27T01:00:00.000Z' })
  })

  it.each<[string, Partial<PickupRules>]>([
    ['a malformed time', { cutoffTime: '6pm' }],
    ['a center that closes before it opens', { centerOpens: '18:00', centerCloses: '09:00' }],
    ['a negative run', { runDurationMinutes: -10 }],
    ['a weekday 7', { closedWeekdays: [7] }],
    ['a center closed all week', { closedWeekdays: [0, 1, 2, 3, 4, 5, 6] }],
    ['a malformed closed date', { closedDates: ['2027-2-6'] }],
  ])('refuses %s', (_what, change) => {
    expect(() => estimatePickup('2026-11-25T02:00:00.000Z', { ...rules, ...change })).toThrow(
      expect.objectContaining({ code: 'pickup_window.invalid_rules' }),
    )
  })

  it('is ready after payment, within opening hours, on an open day, at most days after the run', () => {
    const paidAt = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z') })
    fc.assert(
      fc.property(paidAt, fc.integer({ min: 0, max: 2000 }), (paid, runDurationMinutes) => {
        const r = { ...rules, runDurationMinutes }
        const estimate = estimatePickup(paid, r)
        const from = new Date(estimate.readyFrom)
        const until = new Date(estimate.readyUntil)
        expect(from.getTime()).toBeGreaterThan(paid.getTime())
        expect(until.getTime()).toBeGreaterThan(from.getTime())
        // China hours of the window: between 09:00 (01:00Z) and 18:00 (10:00Z) on pickupDate.
        expect(from.getTime()).toBeGreaterThanOrEqual(Date.parse(`${estimate.pickupDate}T01:00:00Z`))
        expect(until.toISOString()).toBe(`${estimate.pickupDate}T10:00:00.000Z`)
        expect(new Date(`${estimate.pickupDate}T00:00:00Z`).getUTCDay()).not.toBe(1)
        expect(estimate.pickupDate >= estimate.collectionRunDate).toBe(true)
      }),
    )
  })
})

describe('China time whatever the machine zone', () => {
  // Instants around midnight UTC and midnight China, and around the host zones' DST changes.
  const instants = [
    '2026-11-25T23:59:59.000Z',
    '2026-11-26T00:00:00.000Z',
    '2026-11-25T15:59:59.999Z',
    '2026-11-25T16:00:00.000Z',
    '2026-11-25T10:00:00.000Z',
    '2026-03-08T06:30:00.000Z', // New York springs forward at 07:00Z
    '2026-03-08T07:30:00.000Z',
    '2026-11-01T05:30:00.000Z', // New York falls back at 06:00Z
    '2026-11-01T06:30:00.000Z',
    '2026-04-05T14:00:00.000Z', // Chatham Islands leave daylight time
  ]
  const zones = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Chatham', 'Asia/Kolkata']
  const fixture = path.join(__dirname, 'fixtures', 'china-time-in-zone.ts')
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx')

  function runIn(zone: string) {
    const child = spawnSync(tsx, [fixture, JSON.stringify({ instants, rules })], {
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(child.stderr).toBe('')
    expect(child.status).toBe(0)
    return JSON.parse(child.stdout) as { hostOffsetMinutes: number; answers: unknown[] }
  }

  it('gives the same answers in every zone, and they are the ones computed here', () => {
    const runs = zones.map(runIn)
    // The zone really changed in the children (otherwise this test would prove nothing).
    expect(new Set(runs.map((run) => run.hostOffsetMinutes)).size).toBe(zones.length)
    const expected = instants.map((instant) => ({
      chinaDate: (() => {
        const shifted = new Date(Date.parse(instant) + 8 * 3600_000)
        return shifted.toISOString().slice(0, 10)
      })(),
      estimate: estimatePickup(instant, rules),
      subsidy: instant >= '2026-03-07T16:00:00.000Z' && instant < '2026-11-01T16:00:00.000Z',
    }))
    for (const run of runs) expect(run.answers).toEqual(expected)
  })
})
