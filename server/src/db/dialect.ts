// Every difference between SQLite and PostgreSQL lives in this file.
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Compilable, type RawBuilder } from 'kysely'
import type { Database } from './schema'

export type Engine = 'sqlite' | 'postgres'

export interface DbTarget {
  engine: Engine
  /** file path for SQLite, connection string for PostgreSQL */
  location: string
}

/** `DATABASE_URL`: unset or `file:…` → SQLite, `postgres://…` → PostgreSQL. */
export function parseDatabaseUrl(url: string | undefined, defaultFile: string): DbTarget {
  if (!url) return { engine: 'sqlite', location: defaultFile }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { engine: 'postgres', location: url }
  }
  if (url.startsWith('file:')) return { engine: 'sqlite', location: url.slice('file:'.length) || defaultFile }
  throw new Error(`DATABASE_URL 无法识别：应为 file:路径 或 postgres://…（收到 ${url.split(':')[0]}:…）`)
}

export async function createKysely(target: DbTarget): Promise<Kysely<Database>> {
  if (target.engine === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3')
    if (target.location !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(target.location)), { recursive: true })
    const database = new SQLite(target.location)
    // WAL + NORMAL: durable across a killed process (not across power loss), and fast.
    database.pragma('journal_mode = WAL')
    database.pragma('synchronous = NORMAL')
    database.pragma('foreign_keys = ON')
    database.pragma('busy_timeout = 5000')
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) })
    rawSqlite.set(kysely, database)
    return kysely
  }
  const { default: pg } = await import('pg')
  // COUNT(*) and other int8 values come back as strings by default; our counts fit in a number.
  pg.types.setTypeParser(20, (v: string) => Number(v))
  const pool = new pg.Pool({ connectionString: target.location, max: 10 })
  // An idle connection the server drops (a restart, a failover, an administrator) is removed from
  // the pool, and the next query opens a new one. Without a listener node-postgres rethrows it as
  // an unhandled 'error' event, which would stop the whole process.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL 空闲连接已断开，已从连接池移除：${error.message}`, 'DatabaseConnectionWarning')
  })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

export type SqliteConnection = import('better-sqlite3').Database

/** The better-sqlite3 connection behind a Kysely instance made by createKysely (not its transactions). */
const rawSqlite = new WeakMap<Kysely<Database>, SqliteConnection>()

/**
 * The connection for a synchronous unit of work on SQLite (db/sync.ts), or null: on PostgreSQL,
 * for a Kysely instance not made here, and while a Kysely transaction is open on the connection
 * (Kysely's SQLite driver has one connection; a transaction it began awaits between its statements,
 * and anything run on the connection meanwhile would become part of it). Between those awaits
 * nothing else runs, so a synchronous transaction started when none is open is never interleaved.
 */
export function sqliteForSync(db: Kysely<Database>): SqliteConnection | null {
  const connection = rawSqlite.get(db)
  return connection && !connection.inTransaction ? connection : null
}
type SqliteStatement = ReturnType<SqliteConnection['prepare']>

/**
 * Kysely's SQLite driver prepares every query anew, and preparing costs as much as running a
 * short query: the profile of a check-in showed 12% of its time in `prepare`. The server runs the
 * same few hundred queries all day, so their statements are kept (least recently used out past
 * `max`). Safe because one connection runs one statement at a time (better-sqlite3 is
 * synchronous) and nothing here streams; SQLite re-prepares a kept statement itself after a
 * schema change.
 */
export function withStatementCache(database: SqliteConnection, max = 1000) {
  const kept = new Map<string, SqliteStatement>()
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = kept.get(sql)
      if (statement) {
        kept.delete(sql)
      } else {
        statement = database.prepare(sql)
        if (kept.size >= max) kept.delete(kept.keys().next().value as string)
      }
      kept.set(sql, statement)
      return statement
    },
  }
}

export { sql }

/**
 * Serialises writers on one row for the rest of the transaction. PostgreSQL takes a row lock;
 * SQLite needs nothing, as its writers are serialised by the database lock and Kysely's single
 * connection.
 */
export async function lockRow(trx: Kysely<Database>, engine: Engine, table: 'shifts' | 'invites' | 'swaps' | 'notices', id: string): Promise<void> {
  if (engine !== 'postgres') return
  await sql`select id from ${sql.table(table)} where id = ${id} for update`.execute(trx)
}

/** A unique-constraint violation, as either engine reports it (a concurrent identical write). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e.message ?? '')
}

/** The engine behind a Kysely instance (or one of its transactions). */
export function engineOf(db: Kysely<Database>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/**
 * Writes that stand or fall together, as one PostgreSQL statement: `with w1 as (insert …), w2 as
 * (insert …) insert …` is atomic like any statement, and costs one round trip where begin, each
 * write and commit cost one each (a connection of the pool held all the while). PostgreSQL only;
 * `writeTogether` runs the same writes as a transaction on SQLite, where round trips cost nothing.
 */
export function oneStatement(writes: readonly Compilable<unknown>[]): RawBuilder<unknown> {
  if (writes.length === 0) throw new Error('oneStatement: nothing to write')
  const last = writes[writes.length - 1]
  const before = writes.slice(0, -1).map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`)
  return before.length ? sql`with ${sql.join(before)} ${last}` : sql`${last}`
}

/** Writes that stand or fall together: one statement on PostgreSQL, a transaction on SQLite. */
export async function writeTogether(db: Kysely<Database>, writes: readonly Compilable<unknown>[]): Promise<void> {
  if (writes.length === 0) return
  if (engineOf(db) === 'postgres') {
    await oneStatement(writes).execute(db)
    return
  }
  await db.transaction().execute(async (trx) => {
    for (const w of writes) await trx.executeQuery(w.compile())
  })
}
