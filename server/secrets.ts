import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { ServerConfig } from './config'
import type { DialectName } from './db/database'

const SECRET_BYTES = 32

/* A server secret from the environment or, on a machine where nobody set one (the demo, a
   developer's laptop), generated once and kept in the data directory (never committed). Several
   server processes must share it: set the variable in production. */
export function serverSecret(envValue: string | undefined, dataDir: string, name: string): Buffer {
  if (envValue) {
    const secret = Buffer.from(envValue, /^[0-9a-f]{64}$/i.test(envValue) ? 'hex' : 'utf8')
    if (secret.length < SECRET_BYTES) throw new Error(`the secret ${name} must be at least ${SECRET_BYTES} bytes`)
    return secret
  }
  const file = path.join(dataDir, 'secrets', `${name}.key`)
  if (!fs.existsSync(file)) createOnce(file)
  const secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
  // An empty or cut-off file would key every code with next to nothing: refuse, never guess.
  if (secret.length !== SECRET_BYTES) throw new Error(`the secret file ${file} is damaged (${secret.length} bytes, not ${SECRET_BYTES}); restore it or remove it to start afresh`)
  return secret
}

/** Written whole under a name of its own, then linked into place: a process starting at the
    same moment sees either no file or the whole secret, and the first link wins. */
function createOnce(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const temp = `${file}.${randomBytes(8).toString('hex')}.tmp`
  fs.writeFileSync(temp, randomBytes(SECRET_BYTES).toString('hex'), { mode: 0o600, flag: 'wx' })
  try {
    fs.linkSync(temp, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    fs.rmSync(temp, { force: true })
  }
}

/** The pickup codes' secret. On PostgreSQL several server processes share one database, and a
    process with a secret of its own would hash codes no desk can find and seal codes no other
    process can open: it must be set, the same on every process. SQLite is one machine's file,
    so there the generated secret in the data directory is shared by its processes. */
export function pickupCodeSecret(config: Pick<ServerConfig, 'pickupCodeSecret' | 'dataDir'>, dialect: DialectName): Buffer {
  if (dialect === 'postgres' && !config.pickupCodeSecret) {
    throw new Error('XIANGJI_PICKUP_CODE_SECRET must be set on PostgreSQL, the same on every server process (64 hex digits, e.g. `openssl rand -hex 32`)')
  }
  return serverSecret(config.pickupCodeSecret, config.dataDir, 'pickup-code')
}
