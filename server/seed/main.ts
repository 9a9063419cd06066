import { readConfig } from '../config'
import { openDatabase } from '../db/database'
import { migrateToLatest } from '../db/migrate'
import { openPhotoStorage } from '../runtime'
import { seedDemoCounty } from './demo-county'

/* `npm run seed`: the demo county into the database DATABASE_URL names (idempotent). */
async function main() {
  const config = readConfig()
  const database = openDatabase(config.databaseUrl)
  const storage = openPhotoStorage(config)
  try {
    await migrateToLatest(database.db)
    const result = await seedDemoCounty({ db: database.db, storage })
    console.log(`Seeded ${result.county}: ${result.villages} villages, ${result.listings} listings (${database.dialect}).`)
  } finally {
    storage.close()
    await database.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
