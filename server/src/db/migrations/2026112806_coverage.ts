// A summary row per shift, kept up to date by every write that changes its signups or
// check-ins, so that coverage over a term and a district reads one narrow table.
import { type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shift_coverage')
    .addColumn('shift_id', 'text', (c) => c.primaryKey().references('shifts.id'))
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('filled', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('no_show', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('shift_coverage_district_idx').on('shift_coverage').columns(['district_id', 'date', 'school_id']).execute()
  await db.schema.createIndex('shift_coverage_station_idx').on('shift_coverage').columns(['station_id', 'date', 'school_id']).execute()
  await db.schema.createIndex('shift_coverage_school_idx').on('shift_coverage').columns(['school_id', 'date']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shift_coverage').execute()
}
