// Check-in and check-out, exceptions for review, location heartbeats (kept 30 days) and
// off-post events.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // What became of a signup once its shift closed: attended, no_show, missing_checkout.
  await db.schema.alterTable('signups').addColumn('outcome', 'text').execute()

  await db.schema
    .createTable('attendance')
    .addColumn('signup_id', 'text', (c) => c.primaryKey().references('signups.id'))
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('check_in_at', 'text', (c) => c.notNull())
    .addColumn('check_in_received_at', 'text', (c) => c.notNull())
    .addColumn('check_in_lat', 'double precision', (c) => c.notNull())
    .addColumn('check_in_lng', 'double precision', (c) => c.notNull())
    .addColumn('check_in_accuracy', 'double precision', (c) => c.notNull())
    .addColumn('check_in_distance_m', 'integer', (c) => c.notNull())
    .addColumn('check_in_key', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('offline', 'integer', (c) => c.notNull())
    .addColumn('check_out_at', 'text')
    .addColumn('check_out_distance_m', 'integer')
    .addColumn('check_out_key', 'text')
    .addColumn('early_leave', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hours', 'double precision')
    .execute()
  await db.schema.createIndex('attendance_shift_idx').on('attendance').column('shift_id').execute()
  await db.schema.createIndex('attendance_person_idx').on('attendance').columns(['person_id', 'check_in_at']).execute()
  await db.schema.createIndex('attendance_school_idx').on('attendance').columns(['school_id', 'check_in_at']).execute()

  await db.schema
    .createTable('duty_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('signup_id', 'text', (c) => c.notNull().references('signups.id'))
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('people.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('duty_exceptions_signup_kind_uq', ['signup_id', 'kind'])
    .execute()
  await db.schema.createIndex('duty_exceptions_school_status_idx').on('duty_exceptions').columns(['school_id', 'status']).execute()

  await db.schema
    .createTable('location_pings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('signup_id', 'text', (c) => c.notNull().references('signups.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('accuracy', 'double precision', (c) => c.notNull())
    .addColumn('distance_m', 'integer', (c) => c.notNull())
    .addColumn('inside', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('location_pings_signup_at_idx').on('location_pings').columns(['signup_id', 'at']).execute()
  await db.schema.createIndex('location_pings_at_idx').on('location_pings').column('at').execute()

  await db.schema
    .createTable('off_post_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('signup_id', 'text', (c) => c.notNull().references('signups.id'))
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute()
  await sql`create unique index off_post_open_uq on off_post_events (signup_id) where resolved_at is null`.execute(db)
  await db.schema.createIndex('off_post_school_idx').on('off_post_events').columns(['school_id', 'detected_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['off_post_events', 'location_pings', 'duty_exceptions', 'attendance']) await db.schema.dropTable(t).execute()
  await db.schema.alterTable('signups').dropColumn('outcome').execute()
}
