import { readConfig } from './config'
import { seedDemoCounty } from './seed/demo-county'
import { serve } from './serve'

/* `npm start`: the product on one machine: migrate, load the demo county, serve everything;
   with WEB_CONCURRENCY=N from N worker processes, the demo county loaded once before they start. */
serve(readConfig(), async (db, storage) => {
  const seeded = await seedDemoCounty({ db, storage })
  console.log(`  Demo data: ${seeded.listings} listings in ${seeded.villages} villages of ${seeded.county}.`)
}).catch((error) => {
  console.error(error)
  process.exit(1)
})
