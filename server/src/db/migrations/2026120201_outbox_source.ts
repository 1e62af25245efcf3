// Where a message comes from: the school whose business it is (an approval, a 补位 push, a hazard's
// progress). The district admin's outbox lists the messages of its district's schools by this
// column, not by where the recipient happens to hold a membership. Older rows have none.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .execute()
  await db.schema.createIndex('outbox_school_created_idx').on('outbox').columns(['school_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_school_created_idx').execute()
  await db.schema.alterTable('outbox').dropColumn('school_id').execute()
}
