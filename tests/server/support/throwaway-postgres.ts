import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { Client } from 'pg'
import { freePort } from '../../../support/free-port'

/* A PostgreSQL cluster of the test's own, in a temporary folder on a free port, for tests that
   stop, restart or cut off the database: never the machine's PostgreSQL, which other test files
   use at the same time. It needs the server binaries (initdb, pg_ctl) of Debian's postgresql
   package, or PG_BIN naming their folder. PostgreSQL refuses to run as root, so as root they run
   as the user postgres. */

export interface ThrowawayPostgres {
  /** `postgres` is there from the start; `create database` for one of your own. */
  urlOf(database: string): string
  /** A fast shutdown, as `pg_ctl restart -m fast` or a package upgrade does: sessions are ended. */
  stop(): Promise<void>
  /** Resolves once it accepts connections again. */
  start(): Promise<void>
  restart(): Promise<void>
  /** One statement on a connection of its own, closed at once: the test's own connections must
   *  not be what a restart trips over. */
  query<R = Record<string, unknown>>(database: string, text: string, values?: unknown[]): Promise<R[]>
  remove(): Promise<void>
}

const run = promisify(execFile)

function serverBinaries(): string {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)).map((version) => `/usr/lib/postgresql/${version}/bin`)
      : []
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')))
  if (!found) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin: install postgresql or set PG_BIN')
  return found
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = serverBinaries()
  const asRoot = process.getuid?.() === 0
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-pg-'))
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
    fs.chownSync(dir, id('-u'), id('-g'))
  }
  const data = path.join(dir, 'data')
  const port = await freePort()
  // Only TCP on 127.0.0.1 as the server uses it; the socket lives in our folder, not /run.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`
  const tool = (name: string, args: string[]) => {
    const command = asRoot ? ['runuser', '-u', 'postgres', '--', path.join(bin, name), ...args] : [path.join(bin, name), ...args]
    return run(command[0], command.slice(1), { timeout: 60_000 })
  }
  const pgCtl = (...args: string[]) => tool('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', serverOptions, '-w', '-t', '30', ...args])

  try {
    await tool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
    await pgCtl('start')
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw error
  }

  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`
  return {
    urlOf,
    stop: async () => void (await pgCtl('stop', '-m', 'fast')),
    start: async () => void (await pgCtl('start')),
    restart: async () => void (await pgCtl('restart', '-m', 'fast')),
    async query<R>(database: string, text: string, values: unknown[] = []) {
      const client = new Client({ connectionString: urlOf(database) })
      // Ended by a restart while we wait: the query fails, the test process stays.
      client.on('error', () => {})
      await client.connect()
      try {
        return (await client.query(text, values)).rows as R[]
      } finally {
        await client.end().catch(() => {})
      }
    },
    async remove() {
      await tool('pg_ctl', ['-D', data, 'stop', '-m', 'immediate', '-w']).catch(() => {})
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
