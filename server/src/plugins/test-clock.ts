// Test mode only (TEST_CLOCK=1; config.ts refuses it in production): POST /api/test/clock moves
// the server's clock forward, and every answer's Date header carries that clock, so the app
// (src/services/server-clock.ts) shows times and windows as the server judges them.
// POST /api/test/live sends a no-op message to people's sockets through the live channel (on
// PostgreSQL through NOTIFY): the alarm benchmark's anchor, an alarm's push without its database work.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../context'
import { TestClock } from '../lib/clock'
import { badRequest } from '../lib/errors'
import { Id, Instant } from '../lib/schemas'

const YEAR_MS = 366 * 24 * 3_600_000

export function registerTestClock(app: FastifyInstance, ctx: AppContext): void {
  const clock = ctx.clock
  if (ctx.config.production || !(clock instanceof TestClock)) throw new Error('the test clock is for tests only')
  app.addHook('onSend', async (_request, reply) => {
    reply.header('date', clock.now().toUTCString())
  })
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.post('/api/test/clock', {
    config: { action: 'public' },
    schema: {
      tags: ['测试'],
      summary: '测试时钟：把服务器时钟向前拨（仅 TEST_CLOCK=1，生产环境不可开启）',
      body: Type.Object(
        {
          advanceMs: Type.Optional(Type.Integer({ minimum: 0, maximum: YEAR_MS, description: '向前拨的毫秒数' })),
          to: Type.Optional({ ...Instant, description: '拨到这个时间点（不早于现在）' }),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ now: Type.String(), offsetMs: Type.Number() }) },
    },
    handler: async (request, reply) => {
      const { advanceMs, to } = request.body
      const step = to !== undefined ? new Date(to).getTime() - clock.now().getTime() : (advanceMs ?? 0)
      if (step < 0) throw badRequest('测试时钟只能向前拨', 'to')
      await clock.advance(step)
      reply.header('cache-control', 'no-store')
      return { now: clock.now().toISOString(), offsetMs: clock.offset }
    },
  })

  r.post('/api/test/live', {
    config: { action: 'public' },
    schema: {
      tags: ['测试'],
      summary: '测试实时通道：经实时通道向这些人的连接发一条空消息（仅 TEST_CLOCK=1；报警压测的对照）',
      body: Type.Object({ tag: Type.String({ maxLength: 64 }), people: Type.Array(Id, { maxItems: 500 }) }, { additionalProperties: false }),
      response: { 204: Type.Null() },
    },
    handler: async (request, reply) => {
      await ctx.live?.publish({ type: 'echo', tag: request.body.tag, people: request.body.people })
      reply.code(204).send(null)
    },
  })
}
