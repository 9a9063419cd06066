import { defaultManifestRunDate, defaultVillageRunDate, firstOpenVillageRun } from '../../src/domain/default-run'

// The demo county: the run leaves the villages at 08:00 and reaches the center 2.5 h later.
const rules = { collectionRunTime: '08:00', runDurationMinutes: 150 }
// China wall-clock times on Tuesday 2026-12-01 (UTC+8).
const at0800 = '2026-12-01T00:00:00.000Z'
const at1029 = '2026-12-01T02:29:00.000Z'
const at1030 = '2026-12-01T02:30:00.000Z'
const at1700 = '2026-12-01T09:00:00.000Z'
const at2330 = '2026-12-01T15:30:00.000Z'

describe('the village page’s default run', () => {
  it('opens at 08:00 on today’s run while it still has parcels to fetch', () => {
    expect(defaultVillageRunDate(at0800, rules, ['2026-12-02', '2026-12-01'])).toBe('2026-12-01')
  })

  it('opens at 08:00 on the next run with work once today’s is all collected', () => {
    expect(defaultVillageRunDate(at0800, rules, ['2026-12-03'])).toBe('2026-12-03')
  })

  it('counts today’s run until it reaches the county center', () => {
    expect(firstOpenVillageRun(at1029, rules)).toBe('2026-12-01')
    expect(firstOpenVillageRun(at1030, rules)).toBe('2026-12-02')
  })

  it('opens at 17:00 on tomorrow’s run, not on today’s that left with a parcel missing', () => {
    expect(defaultVillageRunDate(at1700, rules, ['2026-12-01', '2026-12-02'])).toBe('2026-12-02')
  })

  it('opens at 23:30 on the day after tomorrow when only orders paid after the cut-off wait', () => {
    expect(defaultVillageRunDate(at2330, rules, ['2026-12-03'])).toBe('2026-12-03')
  })

  it('opens on tomorrow’s run when nothing waits', () => {
    expect(defaultVillageRunDate(at0800, rules, [])).toBe('2026-12-02')
    expect(defaultVillageRunDate(at2330, rules, ['2026-11-30'])).toBe('2026-12-02')
  })
})

describe('the county manifest’s default run', () => {
  it('opens on the earliest run with parcels on their way, however old', () => {
    expect(defaultManifestRunDate(at0800, ['2026-12-01', '2026-11-29'])).toBe('2026-11-29')
    expect(defaultManifestRunDate(at2330, ['2026-12-02'])).toBe('2026-12-02')
  })

  it('opens on today’s run when none is on its way', () => {
    expect(defaultManifestRunDate(at1700, [])).toBe('2026-12-01')
    expect(defaultManifestRunDate(at2330, [])).toBe('2026-12-01')
  })
})
