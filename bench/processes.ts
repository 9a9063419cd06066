import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { freePort } from '../support/free-port'

/* The project server and the floor servers each run as a process of their own under tsx, so
   they compete for the machine on equal terms and none shares the benchmark driver's loop. */

const ROOT = path.resolve(__dirname, '..')

export interface BenchProcess {
  url: string
  stop(): Promise<void>
}


/** Runs `script` (relative to the repository) with PORT set and waits for `ready` in its output.
 *  With `nodeArgs` (such as --cpu-prof) it runs in one node process with tsx as its loader, as
 *  tsx's own command line would start the script in a child those flags never reach. */
export async function startProcess(script: string, env: Record<string, string>, ready: string, nodeArgs: string[] = []): Promise<BenchProcess> {
  const port = await freePort()
  const args = nodeArgs.length ? [...nodeArgs, '--import', 'tsx', path.join(ROOT, script)] : [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, script)]
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 60_000)
    void exit.then(() => reject(new Error(`${script} ended before it listened:\n${output}`)))
    const listen = (chunk: Buffer) => {
      output += chunk
      if (!output.includes(ready)) return
      clearTimeout(timer)
      resolve()
    }
    child.stdout!.on('data', listen)
    child.stderr!.on('data', listen)
  })
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM')
      await exit
    },
  }
}
