import net from 'node:net'
import { readConfig } from '../server/config'
import { buildH5IfStale } from './h5-build'

/* `npm start`, before the server: a port someone else holds would only be found after a long
   build, as a stack trace; say it at once, in one line, with the way out. Then build H5 only
   when its sources changed since the last build. */

/** Whether a server could listen on this port and interface now, and if not, why. */
export function portCheck(port: number, host: string): Promise<'free' | 'in_use' | 'not_allowed'> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve('in_use')
      else if (error.code === 'EACCES') resolve('not_allowed')
      else reject(error)
    })
    probe.listen({ port, host }, () => probe.close(() => resolve('free')))
  })
}

export function portRefusal(port: number, host: string, reason: 'in_use' | 'not_allowed'): string {
  const other = port === 8081 ? 8082 : 8081
  const why = reason === 'in_use' ? 'is already in use; stop what holds it or choose another port' : 'needs privileges this user lacks; choose a port above 1023'
  return `Port ${port} on ${host} ${why}: PORT=${other} npm start`
}

async function main(): Promise<number> {
  const { port, host } = readConfig()
  const state = await portCheck(port, host)
  if (state !== 'free') {
    console.error(portRefusal(port, host, state))
    return 1
  }
  return buildH5IfStale() ? 0 : 1
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}
