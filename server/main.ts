import { readConfig } from './config'
import { serve } from './serve'

/* `npm run server`: migrate, then serve the API, the photos and the built H5 app; with
   WEB_CONCURRENCY=N, from N worker processes sharing the port (serve.ts). */
serve(readConfig()).catch((error) => {
  console.error(error)
  process.exit(1)
})
