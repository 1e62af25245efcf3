import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AlarmPageSchema, AlarmSchema, ArriveRequestSchema, CloseAlarmBody, DescribeAlarmRequestSchema, RaiseAlarmRequestSchema } from '@/types/schemas/alarms'
import type { AppContext } from '../../context'
import { ErrorBody, IdParams, ListOf, StringEnum, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { objectRoutes } from '../../lib/object-route'
import { acknowledgeAlarm, alarmDetail, alarmHistory, arriveAlarm, cancelAlarm, closeAlarm, describeAlarm, listAlarms, raiseAlarm } from './service'

const tags = ['一键报警']
const reply = { 200: AlarmSchema, ...errorResponses, 422: errorResponses[400] }

export function registerAlarmRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.post('/api/alarms', {
    config: { action: 'alarm.raise' },
    schema: {
      tags,
      summary: '一键报警：立即通知责任民警、全所民警、校长、保安与正在值守的人；clientKey 相同的重试返回同一条报警',
      body: RaiseAlarmRequestSchema,
      response: reply,
    },
    handler: async (req) => raiseAlarm(ctx, actorOf(req), req.body),
  })

  r.get('/api/alarms', {
    config: { action: 'person' },
    schema: {
      tags,
      summary: '与我有关的报警：active 未结束的，recent 最近 24 小时的',
      querystring: Type.Object({ scope: Type.Optional(StringEnum(['active', 'recent'] as const)) }, { additionalProperties: false }),
      response: { 200: ListOf(AlarmSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await listAlarms(ctx, actorOf(req), req.query.scope ?? 'active') }),
  })

  r.get('/api/alarms/history', {
    config: { action: 'alarm.view' },
    schema: {
      tags,
      summary: '最近的报警（保安、校长看本校，民警看本所，管理员看本区）：最新在前，分页；真实、演练、误触，状态与 1-3-5 标记',
      querystring: Type.Object(
        { before: Type.Optional(Type.String({ maxLength: 120 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) },
        { additionalProperties: false },
      ),
      response: { 200: AlarmPageSchema, ...errorResponses },
    },
    handler: async (req) => alarmHistory(ctx, actorOf(req), req.query.before, req.query.limit ?? 20),
  })

  const alarmRoute = objectRoutes(app, { tags, reply: AlarmSchema, errors: { 422: ErrorBody } })
  alarmRoute('GET', '/api/alarms/:id', 'person', '报警详情：时间线、响应人状态、1-3-5 标记（轮询时带 If-None-Match 得 304）', (actor, id) => alarmDetail(ctx, actor, id))

  r.put('/api/alarms/:id/details', {
    config: { action: 'alarm.raise' },
    schema: {
      tags,
      summary: '报警人补充：定位（更准的才替换）、类型、说明、照片',
      params: IdParams,
      body: DescribeAlarmRequestSchema,
      response: reply,
    },
    handler: async (req) => describeAlarm(ctx, actorOf(req), req.params.id, req.body),
  })

  alarmRoute('POST', '/api/alarms/:id/acknowledge', 'person', '收到（民警、校长、保安、正在值守的人）；重复点击不重复记录', (actor, id) => acknowledgeAlarm(ctx, actor, id))

  r.post('/api/alarms/:id/arrive', {
    config: { action: 'person' },
    schema: {
      tags,
      summary: '到场：按签到的围栏规则核对位置，不在学校范围内须填写原因',
      params: IdParams,
      body: ArriveRequestSchema,
      response: reply,
    },
    handler: async (req) => arriveAlarm(ctx, actorOf(req), req.params.id, req.body),
  })

  r.post('/api/alarms/:id/close', {
    config: { action: 'alarm.close' },
    schema: {
      tags,
      summary: '民警处置完毕：结果（已处置、误报、移交、演练结束）与说明',
      params: IdParams,
      body: CloseAlarmBody,
      response: reply,
    },
    handler: async (req) => closeAlarm(ctx, actorOf(req), req.params.id, req.body.outcome, req.body.note),
  })

  alarmRoute('POST', '/api/alarms/:id/cancel', 'alarm.raise', '误触取消：报警后 10 秒内由报警人取消（仍然记录）', (actor, id) => cancelAlarm(ctx, actor, id))
}
