import type { AppContext } from '../../context'

export interface OutboxRow {
  id: string
  personId: string
  openid: string | null
  kind: string
  title: string
  body: string
  payload: Record<string, unknown>
  createdAt: string
}

/** A failure that retrying cannot fix (no openid, the person did not subscribe, bad template). */
export class PermanentSendError extends Error {}

/** How a message leaves the server. */
export interface Transport {
  name: string
  send(message: OutboxRow): Promise<void>
}

/**
 * Without WeChat credentials (demo, tests) a message is written to the server log and recorded
 * as sent, so that every flow that notifies people can be followed on the admin outbox page.
 */
export function logTransport(log: (line: string) => void): Transport {
  return {
    name: 'log',
    async send(m) {
      log(`[outbox] ${m.kind} → ${m.personId}: ${m.title} — ${m.body}`)
    },
  }
}

export const MAX_ATTEMPTS = 5

/** Retry after 1, 2, 4, 8 minutes. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1)
}

/** Sends the due messages once. Returns how many were attempted. */
export async function sendDueMessages(ctx: AppContext, transport: Transport, limit = 50): Promise<number> {
  const now = ctx.clock.now()
  const due = await ctx.db
    .selectFrom('outbox')
    .innerJoin('people', 'people.id', 'outbox.person_id')
    .select(['outbox.id', 'outbox.person_id', 'people.wx_openid', 'outbox.kind', 'outbox.title', 'outbox.body', 'outbox.payload', 'outbox.attempts', 'outbox.created_at'])
    .where('outbox.status', '=', 'pending')
    .where('outbox.next_attempt_at', '<=', now.toISOString())
    .orderBy('outbox.next_attempt_at')
    .limit(limit)
    .execute()
  for (const row of due) {
    const attempts = row.attempts + 1
    try {
      await transport.send({
        id: row.id,
        personId: row.person_id,
        openid: row.wx_openid,
        kind: row.kind,
        title: row.title,
        body: row.body,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        createdAt: row.created_at,
      })
      await ctx.db.updateTable('outbox').set({ status: 'sent', attempts, sent_at: ctx.clock.now().toISOString(), last_error: null }).where('id', '=', row.id).execute()
    } catch (error) {
      const failed = attempts >= MAX_ATTEMPTS || error instanceof PermanentSendError
      await ctx.db
        .updateTable('outbox')
        .set({
          status: failed ? 'failed' : 'pending',
          attempts,
          last_error: String(error instanceof Error ? error.message : error).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
        })
        .where('id', '=', row.id)
        .execute()
    }
  }
  return due.length
}
