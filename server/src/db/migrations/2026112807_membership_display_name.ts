// How a person is known at one school ("王芳（三年级二班 李明妈妈）"), kept on the membership so
// that joining a second school does not rename them at the first.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('memberships').addColumn('display_name', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('memberships').dropColumn('display_name').execute()
}
