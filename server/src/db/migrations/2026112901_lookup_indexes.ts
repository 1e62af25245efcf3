// Indexes for lookups that scanned a whole table: hazards handed to one person (交办给我的 and
// its 首页 count), and a school's notice receipts (the acknowledgement rate on its coverage).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('hazards_assignee_status_idx').on('hazards').columns(['assignee_id', 'status']).execute()
  await db.schema.createIndex('notice_receipts_school_idx').on('notice_receipts').column('school_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notice_receipts_school_idx').execute()
  await db.schema.dropIndex('hazards_assignee_status_idx').execute()
}
