import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Clock } from '../server/clock'
import type { DB, PhotoTable } from '../server/db/schema'
import { seedDemoCounty } from '../server/seed/demo-county'
import type { PhotoStorage } from '../server/storage/photo-storage'

/* Seeding draws the demo county's pictures and puts each through the photo pipeline: seconds of
   CPU, most of the making of a test app or a demo server, and on a busy machine enough to time a
   test's setup out. They come out the same every time, so the first seed keeps them in a folder
   of the machine's temp dir named by a digest of the code that makes them (and of sharp's
   version); every later seed, in any test file or worker, puts their files and rows in first, and
   the seed then finds each photo stored and skips it, as a second `npm run seed` does.
   tests/server/seed.test.ts seeds without them, so the seed's own drawing stays tested. */

const ROOT = path.resolve(__dirname, '..')
const MADE_BY = ['server/seed/pictures.ts', 'server/seed/demo-data.ts', 'server/seed/demo-county.ts', 'server/services/photos/photos.ts', 'server/services/photos/photo-processing.ts', 'node_modules/sharp/package.json']

interface KeptPhotos {
  rows: PhotoTable[]
  files: { key: string; bytes: Buffer }[]
}

let kept: KeptPhotos | null = null

function keptDir(): string {
  const digest = createHash('sha256')
  for (const file of MADE_BY) digest.update(fs.readFileSync(path.join(ROOT, file)))
  return path.join(os.tmpdir(), `xiangji-demo-photos-${digest.digest('hex').slice(0, 16)}`)
}

function readKept(dir: string): KeptPhotos | null {
  try {
    const rows = JSON.parse(fs.readFileSync(path.join(dir, 'rows.json'), 'utf8')) as PhotoTable[]
    const files = rows.flatMap((row) => [row.storageKey, row.thumbKey]).map((key) => ({ key, bytes: fs.readFileSync(path.join(dir, key)) }))
    return { rows, files }
  } catch {
    return null
  }
}

/** Written whole under another name, then renamed: a reader never sees half a folder. */
function writeKept(dir: string, photos: KeptPhotos): void {
  const temporary = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}`
  fs.mkdirSync(temporary, { recursive: true })
  for (const file of photos.files) fs.writeFileSync(path.join(temporary, file.key), file.bytes)
  fs.writeFileSync(path.join(temporary, 'rows.json'), JSON.stringify(photos.rows))
  try {
    fs.renameSync(temporary, dir)
  } catch {
    // Another worker kept them first: theirs are the same.
    fs.rmSync(temporary, { recursive: true, force: true })
  }
}

export async function seedDemoCountyKeepingPhotos(deps: { db: Kysely<DB>; storage: PhotoStorage; clock?: Clock }) {
  const dir = keptDir()
  kept ??= readKept(dir)
  if (kept) {
    for (const file of kept.files) await deps.storage.put(file.key, file.bytes)
    const at = (deps.clock?.() ?? new Date()).toISOString()
    await deps.db.insertInto('photos').values(kept.rows.map((row) => ({ ...row, createdAt: at }))).execute()
    return seedDemoCounty(deps)
  }
  const seeded = await seedDemoCounty(deps)
  const rows = (await deps.db.selectFrom('photos').selectAll().execute()).map((row) => ({ ...row, width: Number(row.width), height: Number(row.height), bytes: Number(row.bytes) }))
  const files: KeptPhotos['files'] = []
  for (const key of rows.flatMap((row) => [row.storageKey, row.thumbKey])) {
    const bytes = await deps.storage.get(key)
    if (!bytes) throw new Error(`the seed stored no ${key}`)
    files.push({ key, bytes })
  }
  kept = { rows, files }
  writeKept(dir, kept)
  return seeded
}
