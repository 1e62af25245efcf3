import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { BroadcastSchema, BroadcastTargetSchema, SendBroadcastRequestSchema } from '@/types/schemas/broadcasts'
import type { AppContext } from '../../context'
import { ListOf, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { objectRoutes } from '../../lib/object-route'
import { broadcastDetail, broadcastTargets, confirmBroadcast, listBroadcasts, pendingBroadcasts, sendBroadcast } from './service'

const tags = ['远程广播']
const reply = { 200: BroadcastSchema, ...errorResponses }

export function registerBroadcastRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/broadcasts/targets', {
    config: { action: 'broadcast.send' },
    schema: {
      tags,
      summary: '可以发送广播的学校（本所），每校此刻在岗人数；责任学校可单独选择',
      response: {
        200: ListOf(BroadcastTargetSchema),
        ...errorResponses,
      },
    },
    handler: async (req) => ({ items: await broadcastTargets(ctx, actorOf(req)) }),
  })

  r.post('/api/broadcasts', {
    config: { action: 'broadcast.send' },
    schema: {
      tags,
      summary: '远程广播 / 人员预警：发给所选责任学校或全所此刻在岗的每个人，须逐人确认；clientKey 相同的重试返回同一条广播',
      body: SendBroadcastRequestSchema,
      response: reply,
    },
    handler: async (req) => sendBroadcast(ctx, actorOf(req), req.body),
  })

  r.get('/api/broadcasts', {
    config: { action: 'broadcast.view' },
    schema: { tags, summary: '本所（区县、全市）最近 7 天的广播与确认情况', response: { 200: ListOf(BroadcastSchema), ...errorResponses } },
    handler: async (req) => ({ items: await listBroadcasts(ctx, actorOf(req)) }),
  })

  r.get('/api/broadcasts/pending', {
    config: { action: 'person' },
    schema: { tags, summary: '发给我、我还没有确认的广播（最近 24 小时）：每个页面顶部的确认卡片', response: { 200: ListOf(BroadcastSchema), ...errorResponses } },
    handler: async (req) => ({ items: await pendingBroadcasts(ctx, actorOf(req)) }),
  })

  const broadcastRoute = objectRoutes(app, { tags, reply: BroadcastSchema })
  broadcastRoute('GET', '/api/broadcasts/:id', 'person', '一条广播：发送人与本所民警、区县看到每个人是否确认；收件人看到内容与自己的确认', (actor, id) =>
    broadcastDetail(ctx, actor, id),
  )
  broadcastRoute('POST', '/api/broadcasts/:id/confirm', 'broadcast.confirm', '确认收到广播；重复点击不重复记录', (actor, id) => confirmBroadcast(ctx, actor, id))
}
