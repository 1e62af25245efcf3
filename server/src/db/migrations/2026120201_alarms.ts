// 一键报警: alarms, their one timeline of events, photos, and everyone involved in each
// (notified at once or by escalation: the live pushes and visibility follow this list); the
// 1-3-5 thresholds per district.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // JSON of per-district alarm settings (1-3-5 thresholds); null means the city's defaults.
  await db.schema.alterTable('districts').addColumn('alarm_settings', 'text').execute()

  await db.schema
    .createTable('alarms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('raiser_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('drill', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('type', 'text')
    .addColumn('note', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('accuracy', 'double precision')
    .addColumn('client_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alarms_raiser_key_uq', ['raiser_id', 'client_key'])
    .execute()
  await db.schema.createIndex('alarms_school_raised_idx').on('alarms').columns(['school_id', 'raised_at']).execute()
  await db.schema.createIndex('alarms_station_raised_idx').on('alarms').columns(['station_id', 'raised_at']).execute()
  await db.schema.createIndex('alarms_status_idx').on('alarms').columns(['status', 'raised_at']).execute()

  await db.schema
    .createTable('alarm_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alarm_id', 'text', (c) => c.notNull().references('alarms.id'))
    // The order on the timeline; unique per alarm, so two writers who read the same timeline
    // cannot both append to it (the loser reads again and asks the rules again).
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('people.id'))
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text')
    .addColumn('note', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('accuracy', 'double precision')
    .addColumn('distance_m', 'integer')
    .addColumn('outside_fence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('level', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alarm_events_seq_uq', ['alarm_id', 'seq'])
    .execute()
  // Two instances (or two taps) racing: one acknowledgement and one arrival per person, one
  // escalation per level, one ending.
  await sql`create unique index alarm_events_person_uq on alarm_events (alarm_id, action, actor_id) where action in ('acknowledge', 'arrive')`.execute(db)
  await sql`create unique index alarm_events_level_uq on alarm_events (alarm_id, level) where action = 'escalate'`.execute(db)
  await sql`create unique index alarm_events_end_uq on alarm_events (alarm_id) where action in ('close', 'cancel')`.execute(db)

  await db.schema
    .createTable('alarm_photos')
    .addColumn('alarm_id', 'text', (c) => c.notNull().references('alarms.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('alarm_photos_pk', ['alarm_id', 'file_id'])
    .execute()

  await db.schema
    .createTable('alarm_recipients')
    .addColumn('alarm_id', 'text', (c) => c.notNull().references('alarms.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alarm_recipients_pk', ['alarm_id', 'person_id'])
    .execute()
  await db.schema.createIndex('alarm_recipients_person_idx').on('alarm_recipients').columns(['person_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['alarm_recipients', 'alarm_photos', 'alarm_events', 'alarms']) await db.schema.dropTable(t).execute()
  await db.schema.alterTable('districts').dropColumn('alarm_settings').execute()
}
