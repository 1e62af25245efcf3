// Drill alarms belong to a scheduled drill (the drill notice): its response times show on the
// drill's records. Reviewers read a district's alarms over a period (the coverage views).
import { type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('alarms')
    .addColumn('drill_notice_id', 'text', (c) => c.references('notices.id'))
    .execute()
  await db.schema.createIndex('alarms_drill_notice_idx').on('alarms').columns(['drill_notice_id', 'school_id']).execute()
  await db.schema.createIndex('alarms_district_raised_idx').on('alarms').columns(['district_id', 'raised_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('alarms_district_raised_idx').execute()
  await db.schema.dropIndex('alarms_drill_notice_idx').execute()
  await db.schema.alterTable('alarms').dropColumn('drill_notice_id').execute()
}
