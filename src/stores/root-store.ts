import { reaction } from 'mobx'
import { api, handleUnauthorized } from '../api'
import { CartStore } from './cart-store'
import { CatalogStore } from './catalog-store'
import { ListingStore } from './listing-store'
import { PlacesStore } from './places-store'
import { type SessionDeps, SessionStore } from './session-store'
import { StorefrontStore } from './storefront-store'
import { type TextSizeDeps, TextSizeStore } from './text-size-store'

/* Builds every store once and wires what connects them; screens reach them with useStores(). */
export class RootStore {
  readonly session: SessionStore
  readonly places: PlacesStore
  readonly listings: ListingStore
  readonly storefront: StorefrontStore
  readonly catalog: CatalogStore
  readonly cart: CartStore
  readonly textSize: TextSizeStore

  constructor(deps: SessionDeps & Pick<TextSizeDeps, 'phoneFontScale'>) {
    this.session = new SessionStore(deps)
    this.textSize = new TextSizeStore(deps)
    this.places = new PlacesStore()
    this.listings = new ListingStore()
    this.storefront = new StorefrontStore(this.places, this.listings)
    this.catalog = new CatalogStore(this.places, this.listings)
    this.cart = new CartStore({
      storage: deps.storage,
      quote: api.quoteOrder,
      listing: api.listing,
      pickupPointId: async () => (await this.places.ensurePickupPoint()).id,
      // The server quotes buyers only; anyone else's cart waits for a buyer's sign-in.
      canQuote: () => this.session.isSignedIn && this.session.user?.role === 'buyer',
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    })
    // The server refused our token (expired or revoked): sign out, so "我的" offers sign-in again.
    handleUnauthorized(() => this.session.clear())
    // Each user has their own cart on a shared phone; a guest's joins theirs at sign-in.
    reaction(
      () => (this.session.isSignedIn ? (this.session.user?.id ?? null) : null),
      (userId) => this.cart.useOwner(userId),
      { fireImmediately: true },
    )
  }
}
