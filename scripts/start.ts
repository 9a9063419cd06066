import net from 'node:net'
import { readConfig } from '../server/config'
import { buildH5IfStale } from './h5-build'

/* `npm start`, before the server: a port someone else holds would only be found after a long
   build, as a stack trace; say it at once, in one line, with the way out. Then build H5 only
   when its sources changed since the last build. */

/** Whether a server could listen on this port and interface now. */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false)
      else reject(error)
    })
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

export function portTakenMessage(port: number, host: string): string {
  const other = port === 8081 ? 8082 : 8081
  return `Port ${port} on ${host} is already in use; stop what holds it or choose another port: PORT=${other} npm start`
}

async function main(): Promise<number> {
  const { port, host } = readConfig()
  if (!(await portIsFree(port, host))) {
    console.error(portTakenMessage(port, host))
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
