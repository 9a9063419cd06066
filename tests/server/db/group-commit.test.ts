import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { type Database, openDatabase } from '../../../server/db/database'
import { groupCommitStats, groupedWriteTransaction } from '../../../server/db/group-commit'
import type { WriteTx } from '../../../server/db/write-transaction'

/* Group commit on SQLite (server/db/group-commit.ts): writes that arrive together share one
   commit, each under a savepoint of its own, and nobody is answered before the commit. Checked
   on a scratch table of a real SQLite file, with the same pragmas the server runs. */

describe('group commit on SQLite', () => {
  let dir: string
  let database: Database

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-group-commit-'))
    database = openDatabase(path.join(dir, 'group.db'))
    await sql`create table parents (id integer primary key)`.execute(database.db)
    await sql`create table notes (id integer primary key, body text not null, parent integer references parents (id) deferrable initially deferred)`.execute(database.db)
  })
  afterEach(async () => {
    await database.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const write = (work: (tx: WriteTx) => Promise<unknown>) => groupedWriteTransaction(database.db, 'sqlite', work)
  const note = (body: string, parent: number | null = null) => (tx: WriteTx) => sql`insert into notes (body, parent) values (${body}, ${parent})`.execute(tx)
  const bodies = async () => (await sql<{ body: string }>`select body from notes order by id`.execute(database.db)).rows.map((r) => r.body)

  it('commits writes that arrive together once, in the order they arrived', async () => {
    const before = groupCommitStats(database.db)
    await Promise.all(Array.from({ length: 10 }, (_, i) => write(note(`note ${i}`))))
    const after = groupCommitStats(database.db)
    expect(after.writes - before.writes).toBe(10)
    expect(after.commits - before.commits).toBe(1)
    expect(await bodies()).toEqual(Array.from({ length: 10 }, (_, i) => `note ${i}`))
  })

  it('lets each write see the ones before it in its group, as if each had committed alone', async () => {
    const seen = await Promise.all(
      [1, 2, 3].map((n) =>
        write(async (tx) => {
          await note(`note ${n}`)(tx)
          return Number((await sql<{ count: number }>`select count(*) as count from notes`.execute(tx)).rows[0].count)
        }),
      ),
    )
    expect(seen).toEqual([1, 2, 3])
  })

  it('undoes a failed write only: the others of its group are committed and answered', async () => {
    const outcomes = await Promise.allSettled([
      write(note('kept before')),
      write(async (tx) => {
        await note('undone')(tx)
        throw new Error('refused')
      }),
      write(note('kept after')),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'))
    expect(await bodies()).toEqual(['kept before', 'kept after'])
  })

  it('answers nobody before the commit: when the commit fails, every write of the group fails and none is kept', async () => {
    // A deferred foreign key is checked at COMMIT, after every savepoint was released.
    const outcomes = await Promise.allSettled([write(note('first')), write(note('orphan', 42)), write(note('third'))])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected'])
    for (const o of outcomes) expect(String((o as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/)
    expect(await bodies()).toEqual([])
    // And the connection is usable again: the next group commits.
    await write(note('later'))
    expect(await bodies()).toEqual(['later'])
  })

  it('has committed what it answered: another connection reads it', async () => {
    await Promise.all([write(note('a')), write(note('b'))])
    const other = openDatabase(path.join(dir, 'group.db'))
    try {
      expect((await sql<{ body: string }>`select body from notes order by id`.execute(other.db)).rows.map((r) => r.body)).toEqual(['a', 'b'])
    } finally {
      await other.close()
    }
  })
})
