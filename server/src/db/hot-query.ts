// The few queries every request of the morning peak runs (the session's actor, the signup of a
// check-in, its insert), built and compiled to SQL once instead of on every request: the profile of
// a check-in on SQLite showed Kysely building and compiling its queries as a quarter of the
// server's busy time. The query is written with the ordinary builder; its parameters are markers
// that are replaced by the values of each call.
import { type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely'
import { engineOf, oneStatement, type SqliteConnection } from './dialect'
import type { Database } from './schema'

const MARK = '\u0000hot-query:'

/** The marker standing for the parameter `key` while the query is built. */
const marker = (key: string) => `${MARK}${key}\u0000`

interface Plan {
  compiled: CompiledQuery
  /** for each parameter of the SQL: the name of a call's value, or a constant of the query itself */
  slots: ({ key: string } | { value: unknown })[]
}

function planOf(compiled: CompiledQuery): Plan {
  const slots = compiled.parameters.map((value) => (typeof value === 'string' && value.startsWith(MARK) ? { key: value.slice(MARK.length, -1) } : { value }))
  return { compiled, slots }
}

function bound<Row>({ compiled, slots }: Plan, params: Record<string, unknown>): CompiledQuery<Row> {
  const parameters = slots.map((s) => {
    if (!('key' in s)) return s.value
    if (!(s.key in params)) throw new Error(`hotQuery: no value for ${s.key}`)
    return params[s.key]
  })
  return { ...(compiled as CompiledQuery<Row>), parameters }
}

const markersOf = <P extends Record<string, unknown>>() => new Proxy({} as P, { get: (_, key) => marker(String(key)) })

/** Plans kept per dialect: the adapter is one object per database, shared by its transactions. */
function perDialect<T>(make: (db: Kysely<Database>) => T) {
  const kept = new WeakMap<object, T>()
  return (db: Kysely<Database>): T => {
    const adapter = db.getExecutor().adapter
    let found = kept.get(adapter)
    if (found === undefined) {
      found = make(db)
      kept.set(adapter, found)
    }
    return found
  }
}

/**
 * A query compiled once per database dialect. `build` receives markers in place of the values of
 * `P` and must use them only as values (in `where`, `values`, `set` …): never in JavaScript
 * (hashing, `$if`, lengths) and never as a list for `in`, since the SQL is fixed after the first
 * call. Anything that changes the shape of the query belongs in a second hot query.
 */
export function hotQuery<P extends Record<string, unknown>, Row>(build: (db: Kysely<Database>, p: P) => Compilable<Row>) {
  const plan = perDialect((db) => planOf(build(db, markersOf<P>()).compile()))
  const run = async (db: Kysely<Database>, params: P): Promise<QueryResult<Row>> => db.executeQuery<Row>(bound<Row>(plan(db), params))
  const statement = preparedOn()
  /**
   * The same query run synchronously on SQLite's connection (dialect.ts `sqliteForSync`), its
   * statement prepared once: for the reads and writes of the morning peak that run as one
   * synchronous transaction, without Kysely's promises and connection lock around each.
   */
  const sync = (db: Kysely<Database>, connection: SqliteConnection, params: P): Row[] => {
    const p = plan(db)
    return runPrepared<Row>(statement(connection, p.compiled.sql), bound<Row>(p, params).parameters)
  }
  return Object.assign(run, { sync })
}

type Prepared = import('better-sqlite3').Statement<unknown[]>

/** Statements prepared once per connection (one query's SQL per dialect, so one per connection). */
function preparedOn() {
  const kept = new WeakMap<SqliteConnection, Prepared>()
  return (connection: SqliteConnection, sql: string): Prepared => {
    let statement = kept.get(connection)
    if (!statement) {
      statement = connection.prepare(sql)
      kept.set(connection, statement)
    }
    return statement
  }
}

function runPrepared<Row>(statement: Prepared, parameters: readonly unknown[]): Row[] {
  const values = parameters as unknown[]
  if (statement.reader) return statement.all(...values) as Row[]
  statement.run(...values)
  return []
}

/**
 * Writes that stand or fall together (dialect.ts `writeTogether`), compiled once: one statement on
 * PostgreSQL, a transaction on SQLite. The same rules for `build` as `hotQuery`.
 */
export function hotWrites<P extends Record<string, unknown>>(build: (db: Kysely<Database>, p: P) => Compilable<unknown>[]) {
  const plans = perDialect((db): Plan[] => {
    const writes = build(db, markersOf<P>())
    return engineOf(db) === 'postgres' ? [planOf(oneStatement(writes).compile(db))] : writes.map((w) => planOf(w.compile()))
  })
  const statements = new WeakMap<SqliteConnection, Prepared[]>()
  /** The same writes run synchronously on SQLite's connection, inside the caller's transaction. */
  const sync = (db: Kysely<Database>, connection: SqliteConnection, params: P): void => {
    const steps = plans(db)
    let prepared = statements.get(connection)
    if (!prepared) {
      prepared = steps.map((step) => connection.prepare(step.compiled.sql))
      statements.set(connection, prepared)
    }
    if (!connection.inTransaction) throw new Error('hotWrites.sync: run it inside a transaction')
    prepared.forEach((statement, i) => runPrepared(statement, bound(steps[i], params).parameters))
  }
  const run = async (db: Kysely<Database>, params: P): Promise<void> => {
    const steps = plans(db)
    if (steps.length === 1) {
      await db.executeQuery(bound(steps[0], params))
      return
    }
    await db.transaction().execute(async (trx) => {
      for (const step of steps) await trx.executeQuery(bound(step, params))
    })
  }
  return Object.assign(run, { sync })
}
