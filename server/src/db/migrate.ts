import { Migrator, type Kysely } from 'kysely'
import { migrations } from './migrations'
import type { Database } from './schema'

export async function migrateToLatest(db: Kysely<Database>): Promise<string> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${String(error)}`)
  }
  return latestMigration()
}

export function latestMigration(): string {
  return Object.keys(migrations).sort().at(-1) ?? ''
}
