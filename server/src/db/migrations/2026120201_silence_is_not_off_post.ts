// Silence is no longer an off-post event (DESIGN.md §4: only positions outside the fence are
// evidence; a lost signal shows on the duty board). Events raised for silence are closed, so
// they neither show as 离岗 nor block a real one (one open event per signup).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('off_post_events')
    .set((eb) => ({ resolved_at: eb.ref('detected_at') }))
    .where('kind', '=', 'silent')
    .where('resolved_at', 'is', null)
    .execute()
}

export async function down(): Promise<void> {
  // nothing to undo: the closed events stay closed
}
