import { ApiError } from '../../src/api/api-error'
import type { Listing, ListingInput, Photo } from '../../src/api/types'
import { type ListingDraftDeps, ListingDraftStore, retryDelayMs } from '../../src/stores/listing-draft-store'
import type { KeyValueStorage } from '../../src/stores/session-store'
import { strings } from '../../src/strings'
import { workStrings } from '../../src/strings/work'

/* The farmer's draft: kept on the phone as typed, photos uploaded once each with backoff on a
   bad network, submitted only when every photo is in. No Taro here: storage, uploads, the
   listing calls and the clock are fakes. */

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>()
  get = (key: string) => this.data.get(key) ?? null
  set = (key: string, value: string) => void this.data.set(key, value)
  remove = (key: string) => void this.data.delete(key)
}

const KEY = 'xiangji.draft.usr_farmer.new'
const photo = (id: string): Photo => ({ id, url: `/p/${id}.jpg`, thumbUrl: `/p/${id}-t.jpg`, width: 800, height: 600 })
const network = () => new ApiError(0, 'NETWORK', 'request:fail')

function setup(overrides: Partial<ListingDraftDeps> = {}) {
  const storage = new MemoryStorage()
  const uploads: string[] = []
  const sleeps: number[] = []
  const created: (ListingInput & { farmerId?: string })[] = []
  let serial = 0
  const deps: ListingDraftDeps = {
    storage,
    uploadPhoto: async (path, onProgress) => {
      uploads.push(path)
      onProgress(50)
      onProgress(100)
      return photo(`pho_${++serial}`)
    },
    createListing: async (input) => {
      created.push(input)
      return { id: 'lst_1', status: 'pending_review' } as Listing
    },
    editListing: async () => ({ id: 'lst_1' }) as Listing,
    sleep: async (ms) => void sleeps.push(ms),
    ...overrides,
  }
  return { storage, uploads, sleeps, created, deps, store: new ListingDraftStore(deps, { storageKey: KEY }) }
}

function fillIn(store: ListingDraftStore) {
  store.setField('title', ' 散养羊后腿 ')
  store.setField('category', 'lamb')
  store.setField('unit', 'jin')
  store.setField('price', '38.5')
  store.setField('stock', '20')
  store.setField('description', '草原散养')
}

describe('ListingDraftStore', () => {
  it('refuses an empty form with a Chinese message per field, and sends nothing', async () => {
    const { store, created } = setup()
    expect(await store.submit()).toBeNull()
    expect(store.errors).toMatchObject({
      photos: workStrings.fieldErrors.photosEmpty,
      title: workStrings.fieldErrors.titleEmpty,
      category: workStrings.fieldErrors.categoryEmpty,
      unit: workStrings.fieldErrors.unitEmpty,
      price: workStrings.fieldErrors.priceEmpty,
      stock: workStrings.fieldErrors.stockInvalid,
    })
    expect(created).toHaveLength(0)
    store.setField('title', '羊肉')
    expect(store.errors.title).toBeUndefined()
  })

  it('reads the price in yuan into fen, and fixes the weight of a jin', async () => {
    const { store, created } = setup()
    store.addPhotos(['wxfile://a.jpg'])
    fillIn(store)
    const listing = await store.submit()
    expect(listing?.id).toBe('lst_1')
    expect(created[0]).toEqual({
      title: '散养羊后腿',
      category: 'lamb',
      unit: 'jin',
      unitWeightGrams: 500,
      priceFen: 3850,
      stock: 20,
      photoIds: ['pho_1'],
      description: '草原散养',
      farmerId: undefined,
    })
  })

  it('asks for the weight of a head of lamb', async () => {
    const { store } = setup()
    store.addPhotos(['a.jpg'])
    fillIn(store)
    store.setField('unit', 'head')
    expect(await store.submit()).toBeNull()
    expect(store.errors.unitWeight).toBe(workStrings.fieldErrors.unitWeightInvalid)
  })

  it('keeps the draft as typed and puts it back when the page opens again', () => {
    const { store, storage, deps } = setup()
    fillIn(store)
    const again = new ListingDraftStore(deps, { storageKey: KEY })
    expect(again.restore()).toBe(true)
    expect(again.restored).toBe(true)
    expect(again.fields).toMatchObject({ title: ' 散养羊后腿 ', price: '38.5', unit: 'jin' })
    expect(storage.data.has(KEY)).toBe(true)
  })

  it('retries a failed upload with growing waits, then resumes without sending a photo twice', async () => {
    let failures = 3
    const { store, uploads, sleeps, deps, storage } = setup()
    const upload = deps.uploadPhoto
    deps.uploadPhoto = async (path, onProgress) => {
      if (path === 'b.jpg' && failures-- > 0) throw network()
      return upload(path, onProgress)
    }
    store.addPhotos(['a.jpg', 'b.jpg', 'c.jpg'])
    await store.uploadAll()
    expect(sleeps).toEqual([1000, 2000, 4000])
    expect(uploads).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    expect(store.photos.map((p) => p.photoId)).toEqual(['pho_1', 'pho_2', 'pho_3'])
    expect(store.photos.every((p) => p.progress === 100 && p.state === 'uploaded')).toBe(true)

    // The app is closed and opened again: the kept server ids mean nothing is uploaded again.
    const reopened = new ListingDraftStore({ ...deps, storage }, { storageKey: KEY })
    reopened.restore()
    await reopened.uploadAll()
    expect(uploads).toHaveLength(3)
    expect(reopened.photos.map((p) => p.photoId)).toEqual(['pho_1', 'pho_2', 'pho_3'])
  })

  it('caps the wait between attempts', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })

  it('after a restart, uploads only the photos the server does not have yet', async () => {
    const { deps, storage, uploads } = setup()
    storage.set(
      KEY,
      JSON.stringify({
        v: 1,
        fields: { title: '莜面' },
        photos: [
          { localPath: 'a.jpg', photoId: 'pho_9', thumbUrl: '/p/9-t.jpg' },
          { localPath: 'b.jpg', photoId: null, thumbUrl: null },
          { localPath: 'blob:http://x/1', photoId: null, thumbUrl: null },
        ],
      }),
    )
    const store = new ListingDraftStore({ ...deps, survivesRestart: (path) => !path.startsWith('blob:') }, { storageKey: KEY })
    store.restore()
    await store.uploadAll()
    expect(uploads).toEqual(['b.jpg'])
    expect(store.photos.map((p) => p.photoId)).toEqual(['pho_9', 'pho_1'])
    expect(store.photos[0].previewUrl).toBe('/p/9-t.jpg')
  })

  it('submits only once every photo is in, in the order the farmer arranged them', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { store, deps, created } = setup()
    const upload = deps.uploadPhoto
    deps.uploadPhoto = async (path, onProgress) => {
      if (path === 'b.jpg') await gate
      return upload(path, onProgress)
    }
    store.addPhotos(['a.jpg', 'b.jpg'])
    store.movePhoto(1, -1)
    fillIn(store)
    const submitting = store.submit()
    await Promise.resolve()
    expect(created).toHaveLength(0)
    expect(store.submitStatus).toBe('uploading')
    release()
    await submitting
    expect(created[0].photoIds).toEqual(['pho_2', 'pho_1'])
    expect(store.submitStatus).toBe('done')
  })

  it('clears the kept draft after a successful submit, and keeps it after a failed one', async () => {
    const { store, storage, deps } = setup()
    let offline = true
    const create = deps.createListing
    deps.createListing = async (input) => {
      if (offline) throw network()
      return create(input)
    }
    store.addPhotos(['a.jpg'])
    fillIn(store)
    expect(await store.submit()).toBeNull()
    expect(store.submitStatus).toBe('failed')
    expect(store.submitError?.code).toBe('NETWORK')
    expect(storage.data.has(KEY)).toBe(true)
    offline = false
    expect(await store.submit()).not.toBeNull()
    expect(storage.data.has(KEY)).toBe(false)
  })

  it('marks a photo the server refuses (too large) and does not send it again', async () => {
    const { store, deps, created } = setup()
    deps.uploadPhoto = async () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'too large')
    }
    store.addPhotos(['huge.jpg'])
    await store.uploadAll()
    expect(store.photos[0].state).toBe('refused')
    expect(store.photos[0].refusal).toBe(strings.errors.PAYLOAD_TOO_LARGE)
    fillIn(store)
    expect(await store.submit()).toBeNull()
    expect(store.errors.photos).toBe(workStrings.fieldErrors.photoFailed)
    expect(created).toHaveLength(0)
  })

  it('shows the server’s field errors beside the fields', async () => {
    const { store, deps } = setup()
    deps.createListing = async () => {
      throw new ApiError(400, 'VALIDATION_FAILED', 'bad', { priceFen: 'must be <= 10000000', 'photoIds.0': 'unknown' })
    }
    store.addPhotos(['a.jpg'])
    fillIn(store)
    await store.submit()
    expect(Object.keys(store.errors).sort()).toEqual(['photos', 'price'])
  })

  it('shows WeChat’s content refusal (422 CONTENT_RISKY) beside the fields it names, keeps the draft, and clears it as she types', async () => {
    const { store, deps, storage, created } = setup()
    let refuse = true
    deps.createListing = async (input) => {
      if (refuse) throw new ApiError(422, 'CONTENT_RISKY', "WeChat's content check refused: title", { fields: ['title', 'photoIds'], labels: { title: 20001 } })
      created.push(input)
      return { id: 'lst_1', status: 'pending_review' } as Listing
    }
    store.addPhotos(['a.jpg'])
    fillIn(store)
    expect(await store.submit()).toBeNull()
    expect(store.errors).toEqual({ title: workStrings.fieldErrors.contentRisky, photos: workStrings.fieldErrors.photoRisky })
    expect(store.submitError?.code).toBe('CONTENT_RISKY')
    expect(store.submitStatus).toBe('failed')
    expect(storage.data.has(KEY)).toBe(true)
    // Not a network problem: nothing to retry unchanged.
    expect(store.submitError?.isTransient).toBe(false)
    store.setField('title', '散养羊后腿肉')
    expect(store.errors.title).toBeUndefined()
    refuse = false
    expect(await store.submit()).not.toBeNull()
    expect(created[0].title).toBe('散养羊后腿肉')
  })

  it('marks the photo WeChat found risky, on the refusal or when editing a hidden listing, and keeps it out of the draft', async () => {
    const { store, deps, storage } = setup()
    deps.createListing = async () => {
      throw new ApiError(422, 'CONTENT_RISKY', 'risky photo', { fields: ['photoIds'], photoIds: ['pho_2'] })
    }
    store.addPhotos(['a.jpg', 'b.jpg'])
    fillIn(store)
    expect(await store.submit()).toBeNull()
    expect(store.photos.map((p) => p.state)).toEqual(['uploaded', 'refused'])
    expect(store.photos[1].refusal).toBe(workStrings.fieldErrors.photoRisky)
    expect(store.errors.photos).toBe(workStrings.fieldErrors.photoRisky)
    expect(JSON.parse(storage.data.get(KEY)!).photos.map((p: { photoId: string }) => p.photoId)).toEqual(['pho_1'])

    const editing = new ListingDraftStore(deps, { storageKey: 'edit', listingId: 'lst_9' })
    editing.startFrom({
      id: 'lst_9', title: '羊排', category: 'lamb', unit: 'jin', unitWeightGrams: 500, priceFen: 6800, stock: 3, description: '', status: 'hidden',
      photos: [photo('pho_a'), photo('pho_b')],
      contentCheck: { text: 'pass', textFlags: [], photos: [{ photoId: 'pho_a', check: 'risky' }, { photoId: 'pho_b', check: 'pass' }] },
    } as unknown as Listing)
    expect(editing.photos.map((p) => p.state)).toEqual(['refused', 'uploaded'])
  })

  it('names pasted control characters beside the field before sending, and keeps line breaks in the description', async () => {
    const { store, created } = setup()
    store.addPhotos(['a.jpg'])
    fillIn(store)
    store.setField('title', '羊\u0000后腿')
    store.setField('description', '草原散养\u0007')
    expect(await store.submit()).toBeNull()
    expect(store.errors).toMatchObject({ title: workStrings.fieldErrors.titleUnreadable, description: workStrings.fieldErrors.descriptionUnreadable })
    expect(created).toHaveLength(0)
    store.setField('title', '羊后腿🐑')
    store.setField('description', '草原散养\n当天宰杀')
    expect(await store.submit()).not.toBeNull()
    expect(created[0]).toMatchObject({ title: '羊后腿🐑', description: '草原散养\n当天宰杀' })
  })

  it('an operator must choose the farmer, whose id is sent', async () => {
    const { deps, created } = setup()
    const store = new ListingDraftStore(deps, { storageKey: 'op', forFarmer: true })
    store.addPhotos(['a.jpg'])
    fillIn(store)
    expect(await store.submit()).toBeNull()
    expect(store.errors.farmerId).toBe(workStrings.fieldErrors.farmerEmpty)
    store.setField('farmerId', 'frm_1')
    await store.submit()
    expect(created[0].farmerId).toBe('frm_1')
  })

  it('edits a listing with PATCH, starting from the listing as it is', async () => {
    const { deps } = setup()
    const edits: unknown[] = []
    deps.editListing = async (id, input) => {
      edits.push({ id, input })
      return { id } as Listing
    }
    const store = new ListingDraftStore(deps, { storageKey: 'edit', listingId: 'lst_7' })
    store.startFrom({
      id: 'lst_7', title: '奶皮子', category: 'dairy', unit: 'bag', unitWeightGrams: 250, priceFen: 4500, stock: 3, description: '',
      photos: [photo('pho_a')],
    } as unknown as Listing)
    expect(store.fields.price).toBe('45.00')
    store.setField('price', '48')
    await store.submit()
    expect(edits).toEqual([{ id: 'lst_7', input: expect.objectContaining({ priceFen: 4800, unitWeightGrams: 250, photoIds: ['pho_a'] }) }])
  })
})
