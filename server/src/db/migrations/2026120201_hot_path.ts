// The check-in hot path and 首页:
// - coverage_stale: shifts whose coverage row must be recomputed. A check-in marks its shift in
//   its own transaction instead of recomputing the row (three queries) on the spot; the row is
//   recomputed by the next coverage read of its scope, or by the background job.
// - swaps by the person asked to take them over (首页's "换班请求" count scanned the table).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('coverage_stale')
    .addColumn('shift_id', 'text', (c) => c.primaryKey())
    // renewed by every mark: a refresh clears only the mark it read, so a change made while it
    // ran keeps its shift marked
    .addColumn('mark', 'text', (c) => c.notNull())
    // the first unrefreshed change: how far behind the summary may be
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('swaps_to_person_status_idx').on('swaps').columns(['to_person_id', 'status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('swaps_to_person_status_idx').execute()
  await db.schema.dropTable('coverage_stale').execute()
}
