/* The listing page's address, apart from routes.ts so the cards every page shows carry this line
   and not every route (the H5 home page's first load). A subpackage of its own on weapp
   (app.config.ts); H5 keeps the address links were shared with. */
export const LISTING_PAGE = process.env.TARO_ENV === 'weapp' ? '/packages/listing/pages/listing/index' : '/pages/listing/index'

export const listingUrl = (id: string, page: string = LISTING_PAGE) => `${page}?id=${encodeURIComponent(id)}`

/** Where a page that moved lives now, for a path WeChat could not open: the mini-program's
 *  listing moved into a subpackage, and share cards and codes made before name its old path. */
export function movedPage(path: string, query: Record<string, string>, listing: string = LISTING_PAGE): string | null {
  if (path.replace(/^\//, '') !== 'pages/listing/index' || listing === '/pages/listing/index') return null
  return query.id ? listingUrl(query.id, listing) : listing
}
