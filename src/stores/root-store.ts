import { handleUnauthorized } from '../api'
import { CatalogStore } from './catalog-store'
import { ListingStore } from './listing-store'
import { PlacesStore } from './places-store'
import { type SessionDeps, SessionStore } from './session-store'
import { StorefrontStore } from './storefront-store'

/* Builds every store once and wires what connects them; screens reach them with useStores(). */
export class RootStore {
  readonly session: SessionStore
  readonly places: PlacesStore
  readonly listings: ListingStore
  readonly storefront: StorefrontStore
  readonly catalog: CatalogStore

  constructor(deps: SessionDeps) {
    this.session = new SessionStore(deps)
    this.places = new PlacesStore()
    this.listings = new ListingStore()
    this.storefront = new StorefrontStore(this.places, this.listings)
    this.catalog = new CatalogStore(this.places, this.listings)
    // The server refused our token (expired or revoked): sign out, so "我的" offers sign-in again.
    handleUnauthorized(() => this.session.clear())
  }
}
