import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/* A server secret from the environment or, on a machine where nobody set one (the demo, a
   developer's laptop), generated once and kept in the data directory (never committed). Several
   server processes must share it: set the variable in production. */
export function serverSecret(envValue: string | undefined, dataDir: string, name: string): Buffer {
  if (envValue) {
    const secret = Buffer.from(envValue, /^[0-9a-f]{64}$/i.test(envValue) ? 'hex' : 'utf8')
    if (secret.length < 32) throw new Error(`the secret ${name} must be at least 32 bytes`)
    return secret
  }
  const file = path.join(dataDir, 'secrets', `${name}.key`)
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    const secret = randomBytes(32)
    try {
      fs.writeFileSync(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' })
      return secret
    } catch {
      // Another process wrote it first: use theirs.
      return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
    }
  }
}
