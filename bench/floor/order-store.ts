import SqliteDatabase from 'better-sqlite3'
import { Pool } from 'pg'

/* The floor's tables and its one transaction, on SQLite (WAL, synchronous=FULL, as the project)
   or PostgreSQL (pg, a pool of 10, as the project). */

export interface FloorOrder {
  id: string
  buyer: string
  key: string
  lines: { listingId: string; quantity: number }[]
}

export interface FloorAnswer {
  id: string
  totalFen: number
}

export interface FloorStore {
  placeOrder(order: FloorOrder): Promise<FloorAnswer | 'OUT_OF_STOCK'>
  /** Each listing's stock and how much the orders took of it: for the oversold check. */
  stockAndTaken(): Promise<{ id: string; stock: number; taken: number }[]>
  close(): Promise<void>
}

export const FLOOR_SCHEMA = [
  'create table if not exists listings (id text primary key, price_fen integer not null, stock integer not null)',
  'create table if not exists orders (id text primary key, buyer text not null, total_fen integer not null, created_at text not null)',
  'create table if not exists order_lines (order_id text not null, listing_id text not null, quantity integer not null, price_fen integer not null)',
  'create table if not exists idempotency_keys (buyer text not null, key text not null, order_id text not null, primary key (buyer, key))',
]

class OutOfStock extends Error {}

export async function openFloorStore(url: string): Promise<FloorStore> {
  return url.startsWith('postgres') ? openPostgres(url) : openSqlite(url)
}

function openSqlite(file: string): FloorStore {
  const db = new SqliteDatabase(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  for (const statement of FLOOR_SCHEMA) db.exec(statement)
  const seen = db.prepare('select order_id as id from idempotency_keys where buyer = ? and key = ?')
  const totalOf = db.prepare('select total_fen as totalFen from orders where id = ?')
  const take = db.prepare('update listings set stock = stock - ? where id = ? and stock >= ? returning price_fen as priceFen')
  const insertLine = db.prepare('insert into order_lines (order_id, listing_id, quantity, price_fen) values (?, ?, ?, ?)')
  const insertOrder = db.prepare('insert into orders (id, buyer, total_fen, created_at) values (?, ?, ?, ?)')
  const insertKey = db.prepare('insert into idempotency_keys (buyer, key, order_id) values (?, ?, ?)')
  const place = db.transaction((order: FloorOrder): FloorAnswer => {
    const before = seen.get(order.buyer, order.key) as { id: string } | undefined
    if (before) return { id: before.id, totalFen: (totalOf.get(before.id) as { totalFen: number }).totalFen }
    let totalFen = 0
    for (const line of order.lines) {
      const taken = take.get(line.quantity, line.listingId, line.quantity) as { priceFen: number } | undefined
      if (!taken) throw new OutOfStock()
      insertLine.run(order.id, line.listingId, line.quantity, taken.priceFen)
      totalFen += taken.priceFen * line.quantity
    }
    insertOrder.run(order.id, order.buyer, totalFen, new Date().toISOString())
    insertKey.run(order.buyer, order.key, order.id)
    return { id: order.id, totalFen }
  })
  // BEGIN IMMEDIATE, as a write transaction should on SQLite.
  return {
    async placeOrder(order) {
      try {
        return place.immediate(order)
      } catch (error) {
        if (error instanceof OutOfStock) return 'OUT_OF_STOCK'
        throw error
      }
    },
    async stockAndTaken() {
      return db.prepare('select l.id, l.stock, coalesce((select sum(quantity) from order_lines where listing_id = l.id), 0) as taken from listings l').all() as { id: string; stock: number; taken: number }[]
    },
    async close() {
      db.close()
    },
  }
}

async function openPostgres(url: string): Promise<FloorStore> {
  const pool = new Pool({ connectionString: url, max: 10 })
  for (const statement of FLOOR_SCHEMA) await pool.query(statement)
  return {
    async placeOrder(order) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const claimed = await client.query('insert into idempotency_keys (buyer, key, order_id) values ($1, $2, $3) on conflict do nothing', [order.buyer, order.key, order.id])
        if (claimed.rowCount === 0) {
          await client.query('rollback')
          const before = await pool.query('select o.id, o.total_fen from idempotency_keys k join orders o on o.id = k.order_id where k.buyer = $1 and k.key = $2', [order.buyer, order.key])
          return { id: before.rows[0].id, totalFen: before.rows[0].total_fen }
        }
        let totalFen = 0
        // In id order, so two orders of the same listings never wait on each other in a cycle.
        for (const line of [...order.lines].sort((a, b) => a.listingId.localeCompare(b.listingId))) {
          const taken = await client.query('update listings set stock = stock - $1 where id = $2 and stock >= $1 returning price_fen', [line.quantity, line.listingId])
          if (taken.rowCount === 0) {
            await client.query('rollback')
            return 'OUT_OF_STOCK'
          }
          await client.query('insert into order_lines (order_id, listing_id, quantity, price_fen) values ($1, $2, $3, $4)', [order.id, line.listingId, line.quantity, taken.rows[0].price_fen])
          totalFen += taken.rows[0].price_fen * line.quantity
        }
        await client.query('insert into orders (id, buyer, total_fen, created_at) values ($1, $2, $3, now())', [order.id, order.buyer, totalFen])
        await client.query('commit')
        return { id: order.id, totalFen }
      } catch (error) {
        await client.query('rollback').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    async stockAndTaken() {
      const result = await pool.query('select l.id, l.stock, coalesce((select sum(quantity) from order_lines where listing_id = l.id), 0)::int as taken from listings l')
      return result.rows
    },
    async close() {
      await pool.end()
    },
  }
}
