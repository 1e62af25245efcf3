// The anchors of the benchmarks: bare Fastify on this machine, in a process of its own like the
// product's server, doing the least a request can do (GET /hello) and the least a check-in can do
// (one insert and one select, POST /write) on better-sqlite3 (WAL, synchronous=NORMAL, as the
// product) or on PostgreSQL through `pg` with the product's pool size. A product figure means
// something only as a ratio to these, measured in the same run on the same (noisy) machine.
//   ANCHOR_DB=file:/tmp/a.sqlite | postgres://… PORT=… node --import tsx scripts/lib/anchor-server.ts
import crypto from 'node:crypto'
import Fastify from 'fastify'

const url = process.env.ANCHOR_DB ?? ''
const port = Number(process.env.PORT ?? 3999)

interface Store {
  write(row: { id: string; person: string; at: string; lat: number; lng: number }): Promise<unknown>
}

async function openStore(): Promise<Store | null> {
  if (url.startsWith('file:')) {
    const { default: SQLite } = await import('better-sqlite3')
    const db = new SQLite(url.slice('file:'.length))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.exec('create table if not exists marks (id text primary key, person text not null, at text not null, lat real not null, lng real not null)')
    const insert = db.prepare('insert into marks (id, person, at, lat, lng) values (@id, @person, @at, @lat, @lng)')
    const select = db.prepare('select * from marks where id = ?')
    return {
      async write(row) {
        insert.run(row)
        return select.get(row.id)
      },
    }
  }
  if (url.startsWith('postgres')) {
    const { default: pg } = await import('pg')
    const pool = new pg.Pool({ connectionString: url, max: 10 }) // the product's pool size (server/src/db/dialect.ts)
    await pool.query('create table if not exists marks (id text primary key, person text not null, at text not null, lat double precision not null, lng double precision not null)')
    return {
      async write(row) {
        await pool.query('insert into marks (id, person, at, lat, lng) values ($1, $2, $3, $4, $5)', [row.id, row.person, row.at, row.lat, row.lng])
        return (await pool.query('select * from marks where id = $1', [row.id])).rows[0]
      },
    }
  }
  return null
}

async function main(): Promise<void> {
  const store = await openStore()
  const app = Fastify({ logger: false })
  app.get('/api/health', async () => ({ ok: true }))
  app.post('/write', async (request) => {
    const body = request.body as { person: string; lat: number; lng: number }
    return store!.write({ id: crypto.randomUUID(), person: body.person, at: new Date().toISOString(), lat: body.lat, lng: body.lng })
  })
  await app.listen({ port, host: '127.0.0.1' })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
