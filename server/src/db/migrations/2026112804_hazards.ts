// Uploaded files, hazard categories, hazard reports with their events (the timeline and audit
// trail), photos and "我也遇到了" confirmations.
import { type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('files_owner_key_uq', ['owner_id', 'client_key'])
    .execute()

  await db.schema
    .createTable('hazard_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('default_severity', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  const categories: [string, string, string][] = [
    ['traffic', '交通秩序', 'medium'],
    ['stall', '占道经营/流动摊贩', 'low'],
    ['suspicious', '可疑人员', 'high'],
    ['facility', '设施损坏', 'medium'],
    ['construction', '施工隐患', 'medium'],
    ['fire', '消防隐患', 'high'],
    ['dog', '犬只', 'medium'],
    ['other', '其他', 'low'],
  ]
  await db
    .insertInto('hazard_categories')
    .values(categories.map(([id, name, sev], i) => ({ id, name, default_severity: sev, sort: i, active: 1 })))
    .execute()

  await db.schema
    .createTable('hazards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('hazard_categories.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text', (c) => c.references('hazards.id'))
    .addColumn('department', 'text')
    .addColumn('assignee_id', 'text', (c) => c.references('people.id'))
    .addColumn('deadline', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('hazards_reporter_key_uq', ['reporter_id', 'client_key'])
    .execute()
  await db.schema.createIndex('hazards_station_status_idx').on('hazards').columns(['station_id', 'status']).execute()
  await db.schema.createIndex('hazards_school_status_idx').on('hazards').columns(['school_id', 'status']).execute()
  await db.schema.createIndex('hazards_reporter_idx').on('hazards').column('reporter_id').execute()

  await db.schema
    .createTable('hazard_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hazard_id', 'text', (c) => c.notNull().references('hazards.id'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('hazard_events_hazard_idx').on('hazard_events').columns(['hazard_id', 'created_at']).execute()

  await db.schema
    .createTable('hazard_photos')
    .addColumn('hazard_id', 'text', (c) => c.notNull().references('hazards.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('hazard_events.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hazard_photos_pk', ['event_id', 'file_id'])
    .execute()
  await db.schema.createIndex('hazard_photos_file_idx').on('hazard_photos').column('file_id').execute()
  await db.schema.createIndex('hazard_photos_hazard_idx').on('hazard_photos').column('hazard_id').execute()

  await db.schema
    .createTable('hazard_confirmations')
    .addColumn('hazard_id', 'text', (c) => c.notNull().references('hazards.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hazard_confirmations_pk', ['hazard_id', 'person_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['hazard_confirmations', 'hazard_photos', 'hazard_events', 'hazards', 'hazard_categories', 'files']) await db.schema.dropTable(t).execute()
}
