import { readConfig } from './config'
import { announce, listen, startRuntime } from './runtime'
import { seedDemoCounty } from './seed/demo-county'

/* `npm start`: the product on one machine: migrate, load the demo county, serve everything. */
async function main() {
  const config = readConfig()
  const runtime = await startRuntime(config)
  const seeded = await seedDemoCounty({ db: runtime.database.db, storage: runtime.storage })
  console.log(`  Demo data: ${seeded.listings} listings in ${seeded.villages} villages of ${seeded.county}.`)
  await listen(runtime, config)
  announce(runtime.database.dialect, config)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
