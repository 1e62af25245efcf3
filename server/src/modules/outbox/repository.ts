import type { Kysely } from 'kysely'
import type { OutboxMessage } from '../../../../types/api'
import type { Database } from '../../db/schema'

/** Messages to people who hold a membership in one of these districts, newest first. */
export async function listDistrictOutbox(
  db: Kysely<Database>,
  districtIds: string[],
  status?: OutboxMessage['status'],
): Promise<OutboxMessage[]> {
  if (districtIds.length === 0) return []
  let q = db
    .selectFrom('outbox')
    .innerJoin('people', 'people.id', 'outbox.person_id')
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
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .leftJoin('schools as s', 's.id', 'm.school_id')
          .leftJoin('stations as st', 'st.id', 'm.station_id')
          .select('m.id')
          .whereRef('m.person_id', '=', 'outbox.person_id')
          .where((w) => w.or([w('s.district_id', 'in', districtIds), w('st.district_id', 'in', districtIds), w('m.district_id', 'in', districtIds)])),
      ),
    )
  if (status) q = q.where('outbox.status', '=', status)
  const rows = await q.orderBy('outbox.created_at', 'desc').limit(200).execute()
  return rows.map((o) => ({
    id: o.id,
    personId: o.person_id,
    personName: o.name,
    kind: o.kind,
    title: o.title,
    body: o.body,
    status: o.status as OutboxMessage['status'],
    attempts: o.attempts,
    lastError: o.last_error,
    createdAt: o.created_at,
    sentAt: o.sent_at,
  }))
}
