import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { OutboxMessageSchema, OutboxStatusSchema } from '@/types/schemas/api'
import { ListOf, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { outboxFor } from './service'

export function registerOutboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get('/api/admin/outbox', {
    config: { action: 'outbox.view' },
    schema: {
      tags: ['运维'],
      summary: '消息发件箱：本区县学校（市局：全市）发出的消息及发送结果',
      querystring: Type.Object({ status: Type.Optional(OutboxStatusSchema) }, { additionalProperties: false }),
      response: {
        200: ListOf(OutboxMessageSchema),
        ...errorResponses,
      },
    },
    handler: async (req) => ({ items: await outboxFor(ctx, actorOf(req), req.query.status) }),
  })
}
