import type { Kysely } from 'kysely'
import type { Config } from './config'
import type { Engine } from './db/dialect'
import type { Database } from './db/schema'
import type { ActorCache } from './lib/actor-cache'
import type { Clock } from './lib/clock'
import type { LiveBus } from './live/bus'
import type { FileStorage } from './storage'

/** What every module gets: the database, its engine, the clock, the process settings and file storage. */
export interface AppContext {
  db: Kysely<Database>
  engine: Engine
  clock: Clock
  config: Config
  storage: FileStorage
  /** The live channel (alarms): in-process on SQLite, LISTEN/NOTIFY on PostgreSQL. */
  live?: LiveBus
  /** Session → actor (lib/actor-cache.ts); absent: every request reads its actor. */
  actors?: ActorCache
}
