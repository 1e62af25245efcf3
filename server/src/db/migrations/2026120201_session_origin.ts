// How a session was made: a WeChat login, or the demo login of a development server. A server
// with the demo off (production) refuses demo sessions, including those made before this column.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('wechat'))
    .execute()
  await sql`update sessions set origin = 'demo' where person_id in (select id from people where is_demo = 1)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('origin').execute()
}
