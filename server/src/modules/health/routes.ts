import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { latestMigration } from '../../db/migrate'

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  // the least a request can cost: nothing read, nothing computed but the time
  const migration = latestMigration()
  r.get('/api/health', {
    config: { action: 'public' },
    schema: {
      tags: ['运维'],
      summary: '健康检查：数据库引擎与迁移版本',
      response: {
        200: Type.Object({
          ok: Type.Literal(true),
          engine: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
          migration: Type.String(),
          time: Type.String(),
        }),
      },
    },
    handler: async () => ({ ok: true as const, engine: ctx.engine, migration, time: ctx.clock.now().toISOString() }),
  })
}
