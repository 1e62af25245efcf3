// Roll-ups that let the bulletin read a city's term without scanning every shift and check-in:
// - duty_months: one row per school, month, person and kind, with the bitmask of the days of the
//   month they stood (bit d-1 for day d) and their hours that month, so distinct people over any
//   period read a month row instead of every day (edge months by the mask);
// - coverage_station_days: shift_coverage summed per station and day, with the first and last
//   shift end of the day (the days wholly over or wholly ahead need no shift row);
// - indexes for the active-post test (shift_coverage by post and date) and the police per day.
// Both are kept with shift_coverage and duty_days by coverage/maintain.ts.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duty_months')
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('hours', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_months_pk', ['school_id', 'month', 'person_id', 'kind'])
    .execute()
  await db.schema.createIndex('duty_months_city_idx').on('duty_months').columns(['month', 'kind', 'person_id', 'days', 'hours']).execute()
  await db.schema.createIndex('duty_months_district_idx').on('duty_months').columns(['district_id', 'month', 'kind', 'person_id', 'days', 'hours']).execute()
  await db.schema.createIndex('duty_months_station_idx').on('duty_months').columns(['station_id', 'month', 'kind', 'person_id', 'days', 'hours']).execute()
  await sql`
    insert into duty_months (school_id, month, person_id, kind, station_id, district_id, days, hours)
    select school_id, substr(date, 1, 7), person_id, kind, max(station_id), max(district_id),
           cast(sum(1 << (cast(substr(date, 9, 2) as integer) - 1)) as integer), sum(hours)
    from duty_days
    group by school_id, substr(date, 1, 7), person_id, kind`.execute(db)

  await db.schema
    .createTable('coverage_station_days')
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('filled', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('no_show', 'integer', (c) => c.notNull())
    .addColumn('police_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('police_filled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('police_attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_end', 'text', (c) => c.notNull())
    .addColumn('last_end', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coverage_station_days_pk', ['station_id', 'date'])
    .execute()
  await db.schema.createIndex('coverage_station_days_district_idx').on('coverage_station_days').columns(['district_id', 'date']).execute()
  await db.schema.createIndex('coverage_station_days_date_idx').on('coverage_station_days').columns(['date']).execute()
  await sql`
    insert into coverage_station_days (station_id, date, district_id, required, filled, attended, late, no_show, police_required, police_filled, police_attended, first_end, last_end)
    select station_id, date, max(district_id), sum(required), sum(filled), sum(attended), sum(late), sum(no_show), sum(police_required), sum(police_filled), sum(police_attended), min(ends_at), max(ends_at)
    from shift_coverage
    group by station_id, date`.execute(db)

  await db.schema.createIndex('shift_coverage_post_idx').on('shift_coverage').columns(['post_id', 'date']).execute()
  await db.schema.createIndex('duty_days_kind_idx').on('duty_days').columns(['kind', 'date', 'district_id', 'station_id', 'person_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('duty_days_kind_idx').execute()
  await db.schema.dropIndex('shift_coverage_post_idx').execute()
  await db.schema.dropTable('coverage_station_days').execute()
  await db.schema.dropTable('duty_months').execute()
}
