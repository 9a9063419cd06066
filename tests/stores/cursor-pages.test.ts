import type { Page } from '../../src/api/types'
import { CursorPages } from '../../src/stores/cursor-pages'

/* The lists paged by cursor (the farmer's listings, the review queue, the buyer's orders): the
   first page afresh, more without repeats, a failure that keeps what was shown, a stale answer
   dropped, and an action's answer put in place. */

type Item = { id: string; v: number }
const item = (id: string, v = 0): Item => ({ id, v })
const flush = () => new Promise((resolve) => setImmediate(resolve))

/** A server whose answers the test releases one by one. */
function slowServer() {
  const pending: { cursor?: string; answer: (page: Page<Item>) => void; fail: (error: Error) => void }[] = []
  const fetchPage = (cursor?: string) => new Promise<Page<Item>>((answer, fail) => pending.push({ cursor, answer, fail }))
  return { pending, fetchPage }
}

describe('CursorPages', () => {
  it('loads the first page, adds the next without repeating an item, and stops at the end', async () => {
    const pages: Record<string, Page<Item>> = {
      first: { items: [item('a'), item('b')], nextCursor: 'c1' },
      c1: { items: [item('b'), item('c')], nextCursor: null },
    }
    const seen: string[] = []
    const list = new CursorPages<Item>(async (cursor) => pages[cursor ?? 'first'], 'Test', (page) => seen.push(...page.items.map((i) => i.id)))
    expect(list.status).toBe('idle')
    await list.load()
    await list.loadMore()
    expect(list.items.map((i) => i.id)).toEqual(['a', 'b', 'c'])
    expect(list.nextCursor).toBeNull()
    expect(seen).toEqual(['a', 'b', 'b', 'c'])
    await list.loadMore() // no cursor: nothing asked
    expect(list.items).toHaveLength(3)
  })

  it('keeps the pages shown when the next one fails, and shows a failed first load', async () => {
    const server = slowServer()
    const list = new CursorPages<Item>(server.fetchPage, 'Test')
    const loading = list.load()
    server.pending[0].answer({ items: [item('a')], nextCursor: 'c1' })
    await loading
    const more = list.loadMore()
    server.pending[1].fail(new Error('net::ERR_INTERNET_DISCONNECTED'))
    await more
    expect(list.status).toBe('loaded')
    expect(list.items.map((i) => i.id)).toEqual(['a'])
    expect(list.nextCursor).toBe('c1')

    const again = list.load()
    server.pending[2].fail(new Error('down'))
    await again
    expect(list.status).toBe('failed')
    expect(list.error).not.toBeNull()
    // What was shown stays under the error.
    expect(list.items.map((i) => i.id)).toEqual(['a'])
  })

  it('drops an answer overtaken by a newer reload, and a next page from before it', async () => {
    const server = slowServer()
    const list = new CursorPages<Item>(server.fetchPage, 'Test')
    void list.load()
    server.pending[0].answer({ items: [item('old')], nextCursor: 'c1' })
    await flush()
    void list.loadMore() // asks c1 of the old list
    void list.load() // then the page is shown again
    server.pending[2].answer({ items: [item('new')], nextCursor: null })
    await flush()
    server.pending[1].answer({ items: [item('stale')], nextCursor: null })
    await flush()
    expect(list.items.map((i) => i.id)).toEqual(['new'])

    void list.load()
    void list.load()
    server.pending[4].answer({ items: [item('newest')], nextCursor: null })
    await flush()
    server.pending[3].answer({ items: [item('older')], nextCursor: null })
    await flush()
    expect(list.items.map((i) => i.id)).toEqual(['newest'])
    expect(list.status).toBe('loaded')
  })

  it('puts an action’s answer in place, drops an item, and adds a new one on top only once', async () => {
    const list = new CursorPages<Item>(async () => ({ items: [item('a'), item('b'), item('c')], nextCursor: null }), 'Test')
    list.prepend(item('early')) // nothing shown yet: the next load brings it if it exists
    expect(list.items).toEqual([])
    await list.load()
    list.update('b', item('b', 2))
    list.update('c', null)
    list.prepend(item('z'))
    list.prepend(item('z'))
    expect(list.items).toEqual([item('z'), item('a'), item('b', 2)])
    expect(list.isEmpty).toBe(false)
  })
})
