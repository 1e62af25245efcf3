import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { Id, Instant, ListOf, Nullable, StringEnum, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { outboxFor } from './service'

const Status = StringEnum(['pending', 'sent', 'failed'] as const)

export function registerOutboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get('/api/admin/outbox', {
    config: { action: 'outbox.view' },
    schema: {
      tags: ['运维'],
      summary: '消息发件箱：本区县学校（市局：全市）发出的消息及发送结果',
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
    handler: async (req) => ({ items: await outboxFor(ctx, actorOf(req), req.query.status) }),
  })
}
