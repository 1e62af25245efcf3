import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { ListOf, SchoolSchema, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { mySchools } from './service'

export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/schools', {
    config: { action: 'person' },
    schema: {
      tags: ['学校'],
      summary: '我的学校（经审核通过的身份所及），含岗点坐标（GCJ-02）',
      response: { 200: ListOf(SchoolSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await mySchools(ctx, actorOf(req)) }),
  })
}
