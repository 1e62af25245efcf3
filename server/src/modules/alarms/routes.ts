import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ALARM_ACTIONS, ALARM_ACTOR_KINDS, ALARM_OUTCOMES, ALARM_STATUSES, ALARM_TYPES } from '../../../../types/alarms'
import type { AppContext } from '../../context'
import { Id, Instant, ListOf, Nullable, StringEnum, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { acknowledgeAlarm, alarmDetail, alarmHistory, arriveAlarm, cancelAlarm, closeAlarm, describeAlarm, listAlarms, raiseAlarm } from './service'

const tags = ['一键报警']
const Point = { lat: Type.Number({ minimum: 3, maximum: 54 }), lng: Type.Number({ minimum: 73, maximum: 136 }) }
const Location = Type.Object({ ...Point, accuracy: Type.Number({ minimum: 0, maximum: 100_000 }) }, { additionalProperties: false })
const Mark = Type.Object({ minutes: Type.Number(), label: Type.String(), state: StringEnum(['met', 'missed', 'pending', 'void'] as const), atSec: Nullable(Type.Integer()) })
export const AlarmSchema = Type.Object({
  id: Id,
  schoolId: Id,
  schoolName: Type.String(),
  stationName: Type.String(),
  status: StringEnum(ALARM_STATUSES),
  drill: Type.Boolean(),
  type: Nullable(StringEnum(ALARM_TYPES)),
  note: Nullable(Type.String()),
  location: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), accuracy: Type.Number() })),
  school: Type.Object({ lat: Type.Number(), lng: Type.Number() }),
  raiser: Type.Object({ id: Id, name: Type.String(), phone: Nullable(Type.String()) }),
  mine: Type.Boolean(),
  outcome: Nullable(StringEnum(ALARM_OUTCOMES)),
  raisedAt: Instant,
  closedAt: Nullable(Instant),
  cancellableUntil: Nullable(Instant),
  photos: Type.Array(Type.Object({ fileId: Id, url: Type.String(), thumbUrl: Type.String() })),
  marks: Type.Array(Mark),
  responders: Type.Array(
    Type.Object({ personId: Id, name: Type.String(), kind: StringEnum(['school', 'officer'] as const), acknowledgedAt: Nullable(Instant), arrivedAt: Nullable(Instant), phone: Nullable(Type.String()) }),
  ),
  events: Type.Array(
    Type.Object({
      id: Id,
      action: StringEnum(ALARM_ACTIONS),
      actor: Type.String(),
      actorId: Nullable(Id),
      actorKind: StringEnum(ALARM_ACTOR_KINDS),
      note: Nullable(Type.String()),
      distanceM: Nullable(Type.Integer()),
      outsideFence: Type.Boolean(),
      level: Nullable(Type.Integer()),
      createdAt: Instant,
    }),
  ),
  can: Type.Object({ acknowledge: Type.Boolean(), arrive: Type.Boolean(), close: Type.Boolean(), cancel: Type.Boolean(), describe: Type.Boolean() }),
  updatedAt: Instant,
})
const Sec = Nullable(Type.Integer())
/** An alarm in a list or on a drill record: kind, state, response times, 1-3-5 marks. */
export const AlarmSummarySchema = Type.Object({
  id: Id,
  schoolId: Id,
  schoolName: Type.String(),
  stationName: Type.String(),
  status: StringEnum(ALARM_STATUSES),
  kind: StringEnum(['real', 'drill', 'mistaken'] as const),
  type: Nullable(StringEnum(ALARM_TYPES)),
  outcome: Nullable(StringEnum(ALARM_OUTCOMES)),
  raiserName: Type.String(),
  raisedAt: Instant,
  closedAt: Nullable(Instant),
  drillNoticeId: Nullable(Id),
  firstAckSec: Sec,
  schoolOnSiteSec: Sec,
  policeOnSiteSec: Sec,
  secondPoliceOnSiteSec: Sec,
  marks: Type.Array(Mark),
})
const Share = Type.Object({ met: Type.Integer(), decided: Type.Integer(), rate: Nullable(Type.Number()) })
/** The reviewers' numbers (coverage views and exports). */
export const AlarmReviewSchema = Type.Object({
  real: Type.Integer(),
  drill: Type.Integer(),
  mistaken: Type.Integer(),
  acknowledged: Type.Integer(),
  medianAckSec: Sec,
  policeWithin3: Share,
  policeWithin5: Share,
})
const Params = Type.Object({ id: Id }, { additionalProperties: false })
const reply = { 200: AlarmSchema, ...errorResponses, 422: errorResponses[400] }

export function registerAlarmRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.post('/api/alarms', {
    config: { action: 'alarm.raise' },
    schema: {
      tags,
      summary: '一键报警：立即通知责任民警、全所民警、校长、保安与正在值守的人；clientKey 相同的重试返回同一条报警',
      body: Type.Object(
        {
          clientKey: Type.String({ minLength: 8, maxLength: 64 }),
          schoolId: Type.Optional(Id),
          location: Type.Optional(Location),
          clientAt: Type.Optional(Type.String({ format: 'date-time' })),
          type: Type.Optional(StringEnum(ALARM_TYPES)),
          note: Type.Optional(Type.String({ maxLength: 200 })),
          photoIds: Type.Optional(Type.Array(Id, { maxItems: 3 })),
          drill: Type.Optional(Type.Boolean()),
          drillNoticeId: Type.Optional(Id),
        },
        { additionalProperties: false },
      ),
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
      response: { 200: Type.Object({ items: Type.Array(AlarmSummarySchema), nextCursor: Nullable(Type.String()) }), ...errorResponses },
    },
    handler: async (req) => alarmHistory(ctx, actorOf(req), req.query.before, req.query.limit ?? 20),
  })

  r.get('/api/alarms/:id', {
    config: { action: 'person' },
    schema: { tags, summary: '报警详情：时间线、响应人状态、1-3-5 标记（轮询时带 If-None-Match 得 304）', params: Params, response: reply },
    handler: async (req) => alarmDetail(ctx, actorOf(req), req.params.id),
  })

  r.put('/api/alarms/:id/details', {
    config: { action: 'alarm.raise' },
    schema: {
      tags,
      summary: '报警人补充：定位（更准的才替换）、类型、说明、照片',
      params: Params,
      body: Type.Object(
        { location: Type.Optional(Location), type: Type.Optional(StringEnum(ALARM_TYPES)), note: Type.Optional(Type.String({ maxLength: 200 })), photoIds: Type.Optional(Type.Array(Id, { maxItems: 3 })) },
        { additionalProperties: false },
      ),
      response: reply,
    },
    handler: async (req) => describeAlarm(ctx, actorOf(req), req.params.id, req.body),
  })

  r.post('/api/alarms/:id/acknowledge', {
    config: { action: 'person' },
    schema: { tags, summary: '收到（民警、校长、保安、正在值守的人）；重复点击不重复记录', params: Params, response: reply },
    handler: async (req) => acknowledgeAlarm(ctx, actorOf(req), req.params.id),
  })

  r.post('/api/alarms/:id/arrive', {
    config: { action: 'person' },
    schema: {
      tags,
      summary: '到场：按签到的围栏规则核对位置，不在学校范围内须填写原因',
      params: Params,
      body: Type.Object({ ...Point, accuracy: Type.Number({ minimum: 0, maximum: 100_000 }), reason: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      response: reply,
    },
    handler: async (req) => arriveAlarm(ctx, actorOf(req), req.params.id, req.body),
  })

  r.post('/api/alarms/:id/close', {
    config: { action: 'alarm.close' },
    schema: {
      tags,
      summary: '民警处置完毕：结果（已处置、误报、移交、演练结束）与说明',
      params: Params,
      body: Type.Object({ outcome: StringEnum(ALARM_OUTCOMES), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      response: reply,
    },
    handler: async (req) => closeAlarm(ctx, actorOf(req), req.params.id, req.body.outcome, req.body.note),
  })

  r.post('/api/alarms/:id/cancel', {
    config: { action: 'alarm.raise' },
    schema: { tags, summary: '误触取消：报警后 10 秒内由报警人取消（仍然记录）', params: Params, response: reply },
    handler: async (req) => cancelAlarm(ctx, actorOf(req), req.params.id),
  })
}
