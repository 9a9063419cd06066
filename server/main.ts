import { readConfig } from './config'
import { listen, startRuntime } from './runtime'

/* `npm run server`: migrate, then serve the API, the photos and the built H5 app. */
async function main() {
  const config = readConfig()
  const runtime = await startRuntime(config)
  await listen(runtime, config)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
