import { movedPage } from '../../src/listing-route'

/* The mini-program's listing moved into a subpackage (app.config.ts); share cards and codes made
   before name its old path, and WeChat asks the app where that page went (moved-pages.weapp.ts). */
const WEAPP_LISTING = '/packages/listing/pages/listing/index'

describe('movedPage', () => {
  it('sends the old listing path, with its listing, to the subpackage', () => {
    expect(movedPage('pages/listing/index', { id: 'lst_1' }, WEAPP_LISTING)).toBe(`${WEAPP_LISTING}?id=lst_1`)
    expect(movedPage('/pages/listing/index', { id: 'lst a&b' }, WEAPP_LISTING)).toBe(`${WEAPP_LISTING}?id=lst%20a%26b`)
    expect(movedPage('pages/listing/index', {}, WEAPP_LISTING)).toBe(WEAPP_LISTING)
  })

  it('leaves every other missing page to WeChat, and H5, where nothing moved', () => {
    expect(movedPage('pages/gone/index', { id: 'lst_1' }, WEAPP_LISTING)).toBeNull()
    expect(movedPage('pages/listing/index', { id: 'lst_1' }, '/pages/listing/index')).toBeNull()
  })
})
