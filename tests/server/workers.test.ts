import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type ServerProcess, startServerProcess } from '../../support/server-process'

/* `WEB_CONCURRENCY=2 npm run server`: two worker processes on one port, here on SQLite (one
   machine's file, in WAL mode, which several workers may share; PostgreSQL with two processes:
   scale-out.test.ts). A worker that dies is replaced; SIGTERM to the primary stops them all. */

describe('npm run server with WEB_CONCURRENCY=2', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-workers-'))
  let server: ServerProcess

  beforeAll(async () => {
    server = await startServerProcess({ WEB_CONCURRENCY: '2', XIANGJI_DATA_DIR: dataDir, DATABASE_URL: path.join(dataDir, 'xiangji.db'), LOG_LEVEL: 'info' })
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const workerPids = () => [...new Set(server.logLines().filter((line) => line.msg?.toString().startsWith('Server listening')).map((line) => Number(line.pid)))]
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 600 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  }

  it('two workers listen on the one port and answer', async () => {
    // Both listen before the banner; a worker's own log line of it may come a moment later.
    await until(() => workerPids().length === 2)
    expect(workerPids()).toHaveLength(2)
    const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(`${server.api}/listings?limit=1`)))
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200))
  })

  it('a worker that dies is replaced, and the port keeps answering', async () => {
    const [victim] = workerPids()
    process.kill(victim, 'SIGKILL')
    await until(() => workerPids().length === 3)
    expect(workerPids()).toHaveLength(3)
    expect(server.exited()).toBeNull()
    expect((await fetch(`${server.api}/listings?limit=1`)).status).toBe(200)
  }, 90_000)

  it('SIGTERM to the primary stops every worker', async () => {
    const pids = workerPids().filter(alive)
    expect(pids).toHaveLength(2)
    await server.stop()
    expect(server.exited()).toBe('exit 0')
    await until(() => !pids.some(alive))
    expect(pids.filter(alive)).toEqual([])
  })
})

describe('npm start with WEB_CONCURRENCY=2', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-start-workers-'))
  let server: ServerProcess

  beforeAll(async () => {
    server = await startServerProcess({ WEB_CONCURRENCY: '2', XIANGJI_DATA_DIR: dataDir, DATABASE_URL: path.join(dataDir, 'xiangji.db'), XIANGJI_DEV_LOGIN: '1', LOG_LEVEL: 'warn' }, 'server/start.ts')
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('loads the demo county once, before two workers answer with it', async () => {
    expect(server.output().match(/Demo data: \d+ listings/g)).toHaveLength(1)
    expect(server.output()).toContain('2 worker processes')
    const pages = await Promise.all(Array.from({ length: 6 }, async () => (await fetch(`${server.api}/listings?limit=100`)).json()))
    for (const page of pages) expect(page.items.length).toBeGreaterThan(5)
    const users = await (await fetch(`${server.api}/auth/dev/users`)).json()
    expect(users.length).toBeGreaterThan(0)
  })
})
