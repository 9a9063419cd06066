import { type Kysely, PostgresAdapter, sql } from 'kysely'

/* POST /orders takes stock last, line by line in listing-id order, each line a conditional
   update (`stock >= quantity`, still live, still at the price charged). On PostgreSQL every
   buyer of a listing waits on its row lock from that update to the commit, and each line sent
   as a statement of its own kept the lock held across another round trip to the server. This
   function runs the same updates, in the order given, in one call: it answers the first
   listing it could not take from (nothing is taken then: the caller rolls back), or null.
   SQLite runs in the server's own process, with no round trip to save. */

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`
    create function take_stock(listing_ids text[], quantities integer[], prices integer[], taken_at text) returns text
    language plpgsql as $$
    begin
      for i in 1 .. coalesce(array_length(listing_ids, 1), 0) loop
        update listings set stock = stock - quantities[i], updated_at = taken_at
          where id = listing_ids[i] and status = 'live' and price_fen = prices[i] and stock >= quantities[i];
        if not found then
          return listing_ids[i];
        end if;
      end loop;
      return null;
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function if exists take_stock(text[], integer[], integer[], text)`.execute(db)
}
