import type { Kysely } from 'kysely'
import type { OutboxMessage } from '@/types/api'
import type { Database } from '../../db/schema'
import { reachIsEmpty, type Reach } from '@/domain/authorization'
import { reachFilter } from '../../lib/reach'

/**
 * Messages that come from the reach's schools (a district admin's district, the whole city), newest
 * first: by the school the message is about, whatever else the recipient belongs to.
 */
export async function listOutbox(db: Kysely<Database>, reach: Reach, status?: OutboxMessage['status']): Promise<OutboxMessage[]> {
  if (reachIsEmpty(reach)) return []
  let q = db
    .selectFrom('outbox')
    .innerJoin('people', 'people.id', 'outbox.person_id')
    .leftJoin('schools as s', 's.id', 'outbox.school_id')
    .select([
      'outbox.id',
      'outbox.person_id',
      'people.name',
      'outbox.kind',
      'outbox.title',
      'outbox.body',
      'outbox.status',
      'outbox.attempts',
      'outbox.last_error',
      'outbox.created_at',
      'outbox.sent_at',
    ])
    .where((eb) => reachFilter(eb, reach, { school: 'outbox.school_id', station: 's.station_id', district: 's.district_id' }))
  if (status) q = q.where('outbox.status', '=', status)
  const rows = await q.orderBy('outbox.created_at', 'desc').limit(200).execute()
  return rows.map((o) => ({
    id: o.id,
    personId: o.person_id,
    personName: o.name,
    kind: o.kind,
    title: o.title,
    body: o.body,
    status: o.status,
    attempts: o.attempts,
    lastError: o.last_error,
    createdAt: o.created_at,
    sentAt: o.sent_at,
  }))
}
