// Everything sent to people goes through the outbox first (DESIGN.md §6): a row per message,
// sent by the job runner with retries, its result recorded.
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { newId } from '../../lib/ids'

export interface OutgoingMessage {
  personId: string
  /** The school the message is about (its district's admins see it in their outbox); null for none (only the city sees it). */
  schoolId: string | null
  kind: string
  title: string
  body: string
  /** The page the message opens, and data for the subscribe-message template. */
  payload?: Record<string, unknown>
  /** The same key enqueues once, however often the caller retries. */
  dedupeKey: string
}

export async function enqueue(db: Kysely<Database> | Transaction<Database>, now: string, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return
  await outboxInsert(db, now, messages).execute()
}

/** The insert of `enqueue`, to run together with other writes (dialect.ts `writeTogether`); at least one message. */
export function outboxInsert(db: Kysely<Database> | Transaction<Database>, now: string, messages: OutgoingMessage[]) {
  return db
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        id: newId(),
        person_id: m.personId,
        kind: m.kind,
        title: m.title,
        body: m.body,
        payload: JSON.stringify(m.payload ?? {}),
        dedupe_key: m.dedupeKey,
        school_id: m.schoolId,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        created_at: now,
        sent_at: null,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
}
