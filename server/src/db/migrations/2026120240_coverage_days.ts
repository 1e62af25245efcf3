// coverage_days: the coverage of one school on one day, summed from its shifts' rows of
// shift_coverage and kept with them (coverage/maintain.ts recomputes a school's day whenever it
// recomputes one of its shifts). The city view and the district's week by week read it: 2,000
// schools × 100 days are 200,000 rows instead of 800,000 shift rows. `last_ends_at` is when the
// day's last shift ends: until then the day is not wholly over.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('coverage_days')
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('last_ends_at', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('filled', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('no_show', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coverage_days_pk', ['school_id', 'date'])
    .execute()
  await db.schema.createIndex('coverage_days_district_idx').on('coverage_days').columns(['district_id', 'date', 'school_id']).execute()
  await db.schema.createIndex('coverage_days_station_idx').on('coverage_days').columns(['station_id', 'date', 'school_id']).execute()
  await sql`insert into coverage_days (school_id, date, station_id, district_id, last_ends_at, required, filled, attended, late, no_show)
    select school_id, date, max(station_id), max(district_id), max(ends_at), sum(required), sum(filled), sum(attended), sum(late), sum(no_show)
    from shift_coverage group by school_id, date`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coverage_days').execute()
}
