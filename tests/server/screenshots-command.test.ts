import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { copyReadmeScreenshots, readmeScreenshots } from '../../scripts/screenshots'

/* `npm run screenshots` copies exactly the pictures the README shows, and says which no test took. */
describe('the README screenshots command', () => {
  const readme = '![首页](docs/screenshots/home.png) ![商品](docs/screenshots/listing.png)\n<img src="docs/screenshots/home.png">'

  it('reads each picture the README shows once', () => {
    expect(readmeScreenshots(readme)).toEqual(['home.png', 'listing.png'])
  })

  it('copies the ones the tests took and names the ones they did not', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-shots-'))
    try {
      fs.mkdirSync(path.join(dir, 'taken'))
      fs.writeFileSync(path.join(dir, 'taken', 'home.png'), 'png')
      fs.writeFileSync(path.join(dir, 'taken', 'not-in-readme.png'), 'png')
      expect(copyReadmeScreenshots(readme, path.join(dir, 'taken'), path.join(dir, 'docs'))).toEqual({ copied: ['home.png'], missing: ['listing.png'] })
      expect(fs.readdirSync(path.join(dir, 'docs'))).toEqual(['home.png'])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
