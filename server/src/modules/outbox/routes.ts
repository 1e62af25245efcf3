import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { OutboxMessage } from '../../../../types/api'
import type { AppContext } from '../../context'
import { Id, Instant, ListOf, Nullable, StringEnum, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'

const Status = StringEnum(['pending', 'sent', 'failed'] as const)

export function registerOutboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get('/api/admin/outbox', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['运维'],
      summary: '消息发件箱：本区县成员收到的消息及发送结果',
      querystring: Type.Object({ status: Type.Optional(Status) }, { additionalProperties: false }),
      response: {
        200: ListOf(
          Type.Object({
            id: Id,
            personId: Id,
            personName: Type.String(),
            kind: Type.String(),
            title: Type.String(),
            body: Type.String(),
            status: Status,
            attempts: Type.Integer(),
            lastError: Nullable(Type.String()),
            createdAt: Instant,
            sentAt: Nullable(Instant),
          }),
        ),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const districts = actorOf(req).grants.filter((g) => g.role === 'admin').map((g) => g.districtId as string)
      // An admin sees messages to people who hold a membership in their district.
      let q = ctx.db
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
              .where((w) =>
                w.or([
                  w('s.district_id', 'in', districts),
                  w('st.district_id', 'in', districts),
                  w('m.district_id', 'in', districts),
                ]),
              ),
          ),
        )
      if (req.query.status) q = q.where('outbox.status', '=', req.query.status)
      const rows = await q.orderBy('outbox.created_at', 'desc').limit(200).execute()
      const items: OutboxMessage[] = rows.map((o) => ({
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
      return { items }
    },
  })
}
