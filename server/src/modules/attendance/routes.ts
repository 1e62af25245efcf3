import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import {
  AttendanceSchema,
  CertificateSchema,
  CheckinRequestSchema,
  DutyBoardSchema,
  DutyExceptionSchema,
  HeartbeatResultSchema,
  HoursSummarySchema,
  LocationFixSchema,
} from '@/types/schemas/attendance'
import type { AppContext } from '../../context'
import { ErrorBody, errorResponses, Id, ListOf, LocalDate, Text } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { ExceptionStatusSchema } from '@/types/schemas/shifts'
import { dutyBoard, listExceptions, pendingExceptionCounts, reviewException } from './board'
import { certificate, myHours } from './hours'
import { checkIn, checkOut, heartbeat } from './service'

const IdParams = Type.Object({ id: Id })
const tags = ['签到']

const refusals = { 409: ErrorBody, 422: ErrorBody }

export function registerAttendanceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.post('/api/signups/:id/check-in', {
    config: { action: 'checkin.own' },
    schema: {
      tags,
      summary: '签到：服务器按时间窗与电子围栏判定；范围外需填写原因，作为异常待民警审核；离线签到带 clientAt。重试返回首次结果',
      params: IdParams,
      body: CheckinRequestSchema,
      response: { 200: AttendanceSchema, ...errorResponses, ...refusals },
    },
    handler: async (req) => checkIn(ctx, actorOf(req), req.params.id, req.body),
  })

  r.post('/api/signups/:id/check-out', {
    config: { action: 'checkin.own' },
    schema: {
      tags,
      summary: '签退：与签到同样按服务器时间与电子围栏判定（范围外需填写原因，作为异常待审核；离线签退带 clientAt，记为异常）；结束前 10 分钟以前签退记为早退；计算志愿时长',
      params: IdParams,
      body: CheckinRequestSchema,
      response: { 200: AttendanceSchema, ...errorResponses, ...refusals },
    },
    handler: async (req) => checkOut(ctx, actorOf(req), req.params.id, req.body),
  })

  r.post('/api/signups/:id/heartbeat', {
    config: { action: 'checkin.own' },
    schema: {
      tags,
      summary: '值守中的位置心跳（约每分钟一次，仅在签到后、签退前）',
      params: IdParams,
      body: LocationFixSchema,
      response: { 200: HeartbeatResultSchema, ...errorResponses },
    },
    handler: async (req) => heartbeat(ctx, actorOf(req), req.params.id, req.body),
  })

  r.get('/api/schools/:schoolId/duty-board', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '今日值守看板：每个岗点、每个班次的到岗、迟到、缺岗、离岗（支持 ETag/304 轮询）',
      params: Type.Object({ schoolId: Id }),
      querystring: Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false }),
      response: { 200: DutyBoardSchema, ...errorResponses },
    },
    handler: async (req) => dutyBoard(ctx, actorOf(req), req.params.schoolId, req.query.date),
  })

  r.get('/api/exceptions/pending-counts', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '我管理的每所学校待审核的值守异常条数（首页角标，一次请求）',
      response: { 200: ListOf(Type.Object({ schoolId: Id, pending: Type.Integer({ minimum: 0 }) })), ...errorResponses },
    },
    handler: async (req) => ({ items: await pendingExceptionCounts(ctx, actorOf(req)) }),
  })

  r.get('/api/schools/:schoolId/exceptions', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '值守异常（范围外、离线、未签退）',
      params: Type.Object({ schoolId: Id }),
      querystring: Type.Object({ status: Type.Optional(ExceptionStatusSchema) }, { additionalProperties: false }),
      response: { 200: ListOf(DutyExceptionSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await listExceptions(ctx, actorOf(req), req.params.schoolId, req.query.status) }),
  })

  r.post('/api/exceptions/:id/review', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '认可或不认可一条异常（备注对本人可见）',
      params: IdParams,
      body: Type.Object(
        { decision: Type.Union([Type.Literal('accept'), Type.Literal('reject')]), note: Type.Optional(Text({ maxLength: 200, multiline: true, allowEmpty: true })) },
        { additionalProperties: false },
      ),
      response: { 200: DutyExceptionSchema, ...errorResponses },
    },
    handler: async (req) => reviewException(ctx, actorOf(req), req.params.id, req.body.decision, req.body.note),
  })

  r.get('/api/me/hours', {
    config: { action: 'person' },
    schema: {
      tags: ['我的'],
      summary: '本学期志愿时长与明细',
      querystring: Type.Object({ schoolId: Type.Optional(Id) }, { additionalProperties: false }),
      response: {
        200: HoursSummarySchema,
        ...errorResponses,
      },
    },
    handler: async (req) => myHours(ctx, actorOf(req), req.query.schoolId),
  })

  r.get('/api/me/certificate', {
    config: { action: 'person' },
    schema: {
      tags: ['我的'],
      summary: '志愿服务证明的内容（姓名、学校、学期、班次、时长、出具学校与派出所）',
      querystring: Type.Object({ schoolId: Id }, { additionalProperties: false }),
      response: {
        200: CertificateSchema,
        ...errorResponses,
      },
    },
    handler: async (req) => certificate(ctx, actorOf(req), req.query.schoolId),
  })
}
