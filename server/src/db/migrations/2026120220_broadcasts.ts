// 远程广播 / 人员预警: the broadcasts, the schools each went to, and each recipient's confirmation,
// re-alerts and listing for a phone call.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('broadcasts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sender_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('whole_station', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text', (c) => c.references('files.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // a retried send (same phone key) finds the first broadcast
    .addUniqueConstraint('broadcasts_sender_key_uq', ['sender_id', 'client_key'])
    .execute()
  await db.schema.createIndex('broadcasts_station_created_idx').on('broadcasts').columns(['station_id', 'created_at']).execute()

  await db.schema
    .createTable('broadcast_schools')
    .addColumn('broadcast_id', 'text', (c) => c.notNull().references('broadcasts.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addPrimaryKeyConstraint('broadcast_schools_pk', ['broadcast_id', 'school_id'])
    .execute()

  await db.schema
    .createTable('broadcast_recipients')
    .addColumn('broadcast_id', 'text', (c) => c.notNull().references('broadcasts.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('confirmed_at', 'text')
    .addColumn('realerts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_alerted_at', 'text', (c) => c.notNull())
    .addColumn('call_at', 'text')
    .addPrimaryKeyConstraint('broadcast_recipients_pk', ['broadcast_id', 'person_id'])
    .execute()
  // a person's unconfirmed broadcasts (the banner); the re-alert job's open rows
  await db.schema.createIndex('broadcast_recipients_person_idx').on('broadcast_recipients').columns(['person_id', 'confirmed_at']).execute()
  await db.schema.createIndex('broadcast_recipients_open_idx').on('broadcast_recipients').columns(['confirmed_at', 'call_at', 'last_alerted_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['broadcast_recipients', 'broadcast_schools', 'broadcasts']) await db.schema.dropTable(t).execute()
}
