// Queries compiled once (server/src/db/hot-query.ts) and writes that stand or fall together
// (dialect.ts writeTogether): each call gets its own values, the SQL is built once per dialect,
// and a failing write leaves none of the others behind — on SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely'
import { createKysely, engineOf, isUniqueViolation, parseDatabaseUrl, sqliteForSync, writeTogether } from '../../server/src/db/dialect'
import { hotQuery, hotWrites } from '../../server/src/db/hot-query'
import { migrateToLatest } from '../../server/src/db/migrate'
import type { Database } from '../../server/src/db/schema'
import { freshDatabase, type FreshDatabase } from './support/test-db'

let fresh: FreshDatabase
let db: Kysely<Database>
const iso = '2026-12-02T00:00:00.000Z'

beforeAll(async () => {
  fresh = await freshDatabase()
  db = await createKysely(parseDatabaseUrl(fresh.url, ''))
  await migrateToLatest(db)
  await db
    .insertInto('districts')
    .values([
      { id: 'd1', name: '甲区', created_at: iso },
      { id: 'd2', name: '乙区', created_at: iso },
    ])
    .execute()
})
afterAll(async () => {
  await db.destroy()
  await fresh.drop()
})

it('a hot query answers each call with its own values, and builds its SQL once', async () => {
  let built = 0
  const byName = hotQuery((q, p: { name: string; after: string }) => {
    built++
    return q.selectFrom('districts').select(['id', 'name']).where('name', '=', p.name).where('created_at', '>=', p.after).orderBy('id').limit(5)
  })
  expect((await byName(db, { name: '甲区', after: iso })).rows).toEqual([{ id: 'd1', name: '甲区' }])
  expect((await byName(db, { name: '乙区', after: iso })).rows).toEqual([{ id: 'd2', name: '乙区' }])
  expect((await byName(db, { name: '乙区', after: '2027-01-01' })).rows).toEqual([])
  // inside a transaction too (the same dialect: no new build)
  await db.transaction().execute(async (trx) => expect((await byName(trx, { name: '甲区', after: iso })).rows).toHaveLength(1))
  expect(built).toBe(1)
  // a value not given is an error, not a marker sent to the database
  await expect(byName(db, { name: '甲区' } as never)).rejects.toThrow('no value for after')
})

it('writes together: all of them, or none when one fails (also compiled once)', async () => {
  const insert = (id: string) => db.insertInto('districts').values({ id, name: `区${id}`, created_at: iso })
  await writeTogether(db, [insert('d3'), insert('d4')])
  expect(await db.selectFrom('districts').select('id').where('id', 'in', ['d3', 'd4']).execute()).toHaveLength(2)
  // the second write collides with d1: the first (d5) must not stay
  // (the rejection is checked by its code, not with toThrow: better-sqlite3 sets its error class once per
  // process, so in a jest worker that ran another file first the error is not this file's realm's Error)
  const failed = await writeTogether(db, [insert('d5'), insert('d1')]).then(
    () => null,
    (e: unknown) => e,
  )
  expect(isUniqueViolation(failed)).toBe(true)
  expect(await db.selectFrom('districts').select('id').where('id', '=', 'd5').execute()).toEqual([])

  const pair = hotWrites((q, p: { a: string; b: string }) => [
    q.insertInto('districts').values({ id: p.a, name: p.a, created_at: iso }),
    q.insertInto('districts').values({ id: p.b, name: p.b, created_at: iso }),
  ])
  await pair(db, { a: 'd6', b: 'd7' })
  expect(
    isUniqueViolation(
      await pair(db, { a: 'd8', b: 'd2' }).then(
        () => null,
        (e: unknown) => e,
      ),
    ),
  ).toBe(true)
  expect((await db.selectFrom('districts').select('id').where('id', 'in', ['d6', 'd7', 'd8']).orderBy('id').execute()).map((r) => r.id)).toEqual(['d6', 'd7'])
})

it('a hot query runs synchronously on SQLite’s connection with the same answer, and never inside an open Kysely transaction', async () => {
  const byName = hotQuery((q, p: { name: string }) => q.selectFrom('districts').select(['id', 'name']).where('name', '=', p.name))
  const connection = sqliteForSync(db)
  if (!connection) {
    expect(engineOf(db)).toBe('postgres') // PostgreSQL has no synchronous path
    return
  }
  expect(byName.sync(db, connection, { name: '乙区' })).toEqual((await byName(db, { name: '乙区' })).rows)
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('districts').values({ id: 'd-open', name: '未提交', created_at: iso }).execute()
    // a synchronous unit of work now would join this transaction (one connection): none is offered
    expect(sqliteForSync(db)).toBeNull()
    expect(sqliteForSync(trx)).toBeNull()
    await trx.deleteFrom('districts').where('id', '=', 'd-open').execute()
  })
  expect(sqliteForSync(db)).toBe(connection)
})

it('writes run synchronously stand or fall together inside the caller’s transaction', async () => {
  const connection = sqliteForSync(db)
  if (!connection) return
  const two = hotWrites((q, p: { a: string; b: string }) => [
    q.insertInto('districts').values({ id: p.a, name: p.a, created_at: iso }),
    q.insertInto('districts').values({ id: p.b, name: p.b, created_at: iso }),
  ])
  // outside a transaction: refused
  expect(() => two.sync(db, connection, { a: 'x1', b: 'x2' })).toThrow(/inside a transaction/)
  // the second collides (d1 exists): the first is rolled back with it
  let code: string | undefined
  try {
    connection.transaction(() => two.sync(db, connection, { a: 'x3', b: 'd1' }))()
  } catch (error) {
    code = isUniqueViolation(error) ? 'unique' : String(error)
  }
  expect(code).toBe('unique')
  expect(await db.selectFrom('districts').select('id').where('id', 'in', ['x1', 'x2', 'x3']).execute()).toEqual([])
  connection.transaction(() => two.sync(db, connection, { a: 'x4', b: 'x5' }))()
  expect((await db.selectFrom('districts').select('id').where('id', 'in', ['x4', 'x5']).orderBy('id').execute()).map((r) => r.id)).toEqual(['x4', 'x5'])
})
