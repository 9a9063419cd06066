import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

export interface SpawnedServer {
  url: string
  /** Its data directory (xiangji.db): for a test that must move a clock the API cannot. */
  dataDir: string
  /** What the process printed up to its LISTENING line (a main may name what it readied there). */
  output: string
  close(): Promise<void>
}

/** Starts tests/support/demo-server-main.ts (or another main of this folder that prints
 *  `LISTENING <url> <data dir>`) under tsx and resolves with its URL. */
export function spawnDemoServer(env: Record<string, string> = {}, main = 'demo-server-main.ts'): Promise<SpawnedServer> {
  const root = path.resolve(__dirname, '..', '..')
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(__dirname, main)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`demo server did not start: ${output}`)), 60_000)
    child.once('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output}`)))
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const match = /LISTENING (\S+) (\S+)\n/.exec(output)
      if (!match) return
      clearTimeout(timer)
      resolve({
        url: match[1],
        dataDir: match[2],
        output,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit')
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}
