import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { freePort } from './free-port'

/* `npm run server` (server/main.ts; or npm start's server/start.ts) as a process of its own, for
   tests where the server itself could die: a crash then shows as the process exiting, with its
   last words kept. */

export interface ServerProcess {
  /** The API's base, `http://127.0.0.1:<port>/api/v1`. */
  api: string
  /** How it ended ('exit 1', 'signal SIGKILL'), or null while it runs. */
  exited(): string | null
  /** The lines it logged (pino's JSON) so far. */
  logLines(): Record<string, unknown>[]
  /** Everything it wrote, stdout and stderr. */
  output(): string
  /** What explains its end: the start of what it wrote to stderr (a crash), else its last lines. */
  lastWords(): string
  stop(): Promise<void>
}

export async function startServerProcess(env: Record<string, string>, script = 'server/main.ts'): Promise<ServerProcess> {
  const root = path.resolve(__dirname, '..')
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let errors = ''
  let ended: string | null = null
  const logLines: Record<string, unknown>[] = []
  let partial = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk
    const lines = (partial + chunk).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      try {
        if (line.startsWith('{')) logLines.push(JSON.parse(line))
      } catch {
        // a line of its own that only looks like JSON
      }
    }
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk
    errors += chunk
  })
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = signal ? `signal ${signal}` : `exit ${code}`
      resolve()
    }),
  )

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000)
    void exit.then(() => reject(new Error(`the server ended (${ended}) before it listened:\n${output}`)))
    child.stdout!.on('data', () => {
      if (!output.includes('Xiangji is running at')) return
      clearTimeout(timer)
      resolve()
    })
  })

  return {
    api: `http://127.0.0.1:${port}/api/v1`,
    exited: () => ended,
    logLines: () => logLines,
    output: () => output,
    lastWords: () => (errors ? errors.slice(0, 2000) : output.slice(-2000)),
    async stop() {
      if (ended) return
      child.kill('SIGTERM')
      await exit
    },
  }
}
