// Police on peak duty counted on their own (警力到岗): each shift's coverage row also holds its
// police places, the police signed up on them and the police who checked in. Existing rows of
// shifts that ask for police are marked stale, so the next coverage read (or the refresh job)
// recomputes them with the same code as every other change.
import type { Kysely } from 'kysely'

const COLUMNS = ['police_required', 'police_filled', 'police_attended'] as const

export async function up(db: Kysely<any>): Promise<void> {
  // and a school's day (coverage_days) sums them like its other columns
  for (const table of ['shift_coverage', 'coverage_days']) {
    for (const column of COLUMNS)
      await db.schema
        .alterTable(table)
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
  }
  const asking = await db
    .selectFrom('shift_coverage as c')
    .innerJoin('shifts as s', 's.id', 'c.shift_id')
    .select('c.shift_id')
    .where('s.headcount', 'not like', '%"police":0%')
    .execute()
  const now = new Date().toISOString()
  for (let i = 0; i < asking.length; i += 300) {
    await db
      .insertInto('coverage_stale')
      .values(asking.slice(i, i + 300).map((r: { shift_id: string }) => ({ shift_id: r.shift_id, mark: `police-${r.shift_id}`, marked_at: now })))
      .onConflict((oc) => oc.column('shift_id').doNothing())
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['shift_coverage', 'coverage_days']) {
    for (const column of COLUMNS) await db.schema.alterTable(table).dropColumn(column).execute()
  }
}
