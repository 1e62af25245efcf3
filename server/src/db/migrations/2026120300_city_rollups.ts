// Roll-ups that let the city read a term in a few thousand rows (issue 14, city scale; issue 16's
// bulletin at 2,000 schools):
// - coverage_school_months: coverage_days summed per school and month. A term's per-school sums
//   are its whole months' rows plus or minus a few days' rows (coverage/periods.ts), instead of
//   every school day (2,000 schools × 100 days);
// - duty_station_days: duty_days' hours summed per station, day and kind, for the bulletin's hours.
// Both are kept with their sources by coverage/maintain.ts in the same refresh.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('coverage_school_months')
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('filled', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('no_show', 'integer', (c) => c.notNull())
    .addColumn('police_required', 'integer', (c) => c.notNull())
    .addColumn('police_filled', 'integer', (c) => c.notNull())
    .addColumn('police_attended', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coverage_school_months_pk', ['school_id', 'month'])
    .execute()
  await db.schema.createIndex('coverage_school_months_month_idx').on('coverage_school_months').columns(['month', 'school_id']).execute()
  await db.schema.createIndex('coverage_school_months_district_idx').on('coverage_school_months').columns(['district_id', 'month']).execute()
  await db.schema.createIndex('coverage_school_months_station_idx').on('coverage_school_months').columns(['station_id', 'month']).execute()
  await sql`
    insert into coverage_school_months (school_id, month, station_id, district_id, required, filled, attended, late, no_show, police_required, police_filled, police_attended)
    select school_id, substr(date, 1, 7), max(station_id), max(district_id), sum(required), sum(filled), sum(attended), sum(late), sum(no_show), sum(police_required), sum(police_filled), sum(police_attended)
    from coverage_days
    group by school_id, substr(date, 1, 7)`.execute(db)
  // coverage_days by date (a city's day rows of a few edge days)
  await db.schema.createIndex('coverage_days_date_idx').on('coverage_days').columns(['date']).execute()

  await db.schema
    .createTable('duty_station_days')
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('hours', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_station_days_pk', ['station_id', 'date', 'kind'])
    .execute()
  await db.schema.createIndex('duty_station_days_date_idx').on('duty_station_days').columns(['date', 'kind', 'hours']).execute()
  await db.schema.createIndex('duty_station_days_district_idx').on('duty_station_days').columns(['district_id', 'date', 'kind', 'hours']).execute()
  await sql`
    insert into duty_station_days (station_id, date, kind, district_id, hours)
    select station_id, date, kind, max(district_id), sum(hours)
    from duty_days
    group by station_id, date, kind`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('duty_station_days').execute()
  await db.schema.dropIndex('coverage_days_date_idx').execute()
  await db.schema.dropTable('coverage_school_months').execute()
}
