import type { Kysely } from 'kysely'
import type { Config } from './config'
import type { Engine } from './db/dialect'
import type { Database } from './db/schema'
import type { Clock } from './lib/clock'
import type { FileStorage } from './storage'

/** What every module gets: the database, its engine, the clock, the process settings and file storage. */
export interface AppContext {
  db: Kysely<Database>
  engine: Engine
  clock: Clock
  config: Config
  storage: FileStorage
}
