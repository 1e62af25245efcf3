import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { DEPARTMENTS, HAZARD_ACTIONS, HAZARD_STATUSES, SEVERITIES } from '../../../../types/hazards'
import type { AppContext } from '../../context'
import { errorResponses, Id, Instant, ListOf, LocalDate, Nullable, PlaceSchema, StringEnum, Text } from '../../lib/schemas'
import { sendXlsx } from '../../lib/xlsx-reply'
import { actorOf } from '../../plugins/auth'
import { ledgerWorkbook } from './ledger'
import { addCategory, applyTransition, categories, confirm, hazardCounts, hazardDetail, listHazards, nearby, report, setLocationKind } from './service'
import { HAZARD_LOCATION_KINDS } from '../../../../types/bulletin'

const tags = ['隐患']
const Severity = StringEnum(SEVERITIES)
const Status = StringEnum(HAZARD_STATUSES)
const CategorySchema = Type.Object({ id: Id, name: Type.String(), defaultSeverity: Severity })
const PhotoSchema = Type.Object({ fileId: Id, url: Type.String(), thumbUrl: Type.String() })
const LocationKind = StringEnum(HAZARD_LOCATION_KINDS, '位置：校内或校园周边')
const HazardSchema = Type.Object({
  id: Id,
  schoolId: Id,
  schoolName: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  category: CategorySchema,
  description: Type.String(),
  severity: Severity,
  locationKind: LocationKind,
  status: Status,
  statusType: StringEnum(['open', 'fixed', 'closed'] as const),
  reporter: Nullable(Type.Object({ id: Id, name: Type.String() })),
  mine: Type.Boolean(),
  assignee: Nullable(Type.Object({ department: StringEnum(DEPARTMENTS), personId: Nullable(Id), personName: Nullable(Type.String()) })),
  deadline: Nullable(Instant),
  overdue: Type.Boolean(),
  duplicateOf: Nullable(Id),
  confirmations: Type.Integer(),
  confirmedByMe: Type.Boolean(),
  photos: Type.Array(PhotoSchema),
  createdAt: Instant,
  updatedAt: Instant,
})
const HazardDetailSchema = Type.Composite([
  HazardSchema,
  Type.Object({
    events: Type.Array(
      Type.Object({
        id: Id,
        action: StringEnum([...HAZARD_ACTIONS, 'report', 'confirm'] as const),
        fromStatus: Nullable(Status),
        toStatus: Status,
        actor: Type.String(),
        note: Nullable(Type.String()),
        photos: Type.Array(PhotoSchema),
        createdAt: Instant,
      }),
    ),
  }),
])
const Point = PlaceSchema
const PhotoIds = Type.Array(Id, { maxItems: 9 })

export function registerHazardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/hazard-categories', {
    config: { action: 'person' },
    schema: { tags, summary: '隐患类别及默认严重程度', response: { 200: ListOf(CategorySchema), ...errorResponses } },
    handler: async () => ({ items: await categories(ctx) }),
  })

  r.post('/api/hazard-categories', {
    config: { action: 'category.manage' },
    schema: {
      tags,
      summary: '市局新增全市统一的隐患类别（重名返回 409）',
      body: Type.Object({ name: Text({ maxLength: 20 }), defaultSeverity: Severity }, { additionalProperties: false }),
      response: { 200: ListOf(CategorySchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await addCategory(ctx, req.body.name, req.body.defaultSeverity) }),
  })

  r.post('/api/hazards', {
    config: { action: 'hazard.report' },
    schema: {
      tags,
      summary: '上报隐患（匿名：只有民警和管理员能看到上报人）；clientKey 相同的重试返回同一条',
      body: Type.Object(
        {
          ...Point,
          categoryId: Id,
          description: Text({ minLength: 2, maxLength: 500, multiline: true }),
          severity: Type.Optional(Severity),
          schoolId: Type.Optional(Id),
          locationKind: Type.Optional(LocationKind),
          photoIds: PhotoIds,
          clientKey: Type.String({ minLength: 8, maxLength: 64 }),
        },
        { additionalProperties: false },
      ),
      response: { 200: HazardDetailSchema, ...errorResponses },
    },
    handler: async (req) => report(ctx, actorOf(req), req.body),
  })

  r.get('/api/hazards/nearby', {
    config: { action: 'hazard.report' },
    schema: {
      tags,
      summary: '50 米内同类未办结的隐患（用于“我也遇到了”）',
      querystring: Type.Object({ ...Point, categoryId: Id }, { additionalProperties: false }),
      response: { 200: ListOf(Type.Composite([HazardSchema, Type.Object({ distanceM: Type.Number() })])), ...errorResponses },
    },
    handler: async (req) => ({ items: await nearby(ctx, actorOf(req), req.query, req.query.categoryId) }),
  })

  r.get('/api/hazards', {
    config: { action: 'hazard.view' },
    schema: {
      tags,
      summary: '隐患列表：mine 我上报的，school 本校未办结的，queue 民警处置队列（按紧急程度），assigned 交办给我的',
      querystring: Type.Object(
        {
          scope: StringEnum(['mine', 'school', 'queue', 'assigned'] as const),
          schoolId: Type.Optional(Id),
          status: Type.Optional(Status),
          categoryId: Type.Optional(Id),
          overdue: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      response: { 200: ListOf(HazardSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await listHazards(ctx, actorOf(req), req.query) }),
  })

  r.get('/api/hazards/counts', {
    config: { action: 'hazard.view' },
    schema: {
      tags,
      summary: '首页隐患数字：民警/管理员的待受理与逾期，交办给我的待整改与逾期',
      response: {
        200: Type.Object({
          queue: Nullable(Type.Object({ submitted: Type.Integer(), overdue: Type.Integer() })),
          assigned: Type.Object({ open: Type.Integer(), overdue: Type.Integer() }),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => hazardCounts(ctx, actorOf(req)),
  })

  r.get('/api/hazards/ledger.xlsx', {
    config: { action: 'hazard.ledger' },
    schema: {
      tags,
      summary: '导出派出所隐患台账（Excel）',
      querystring: Type.Object({ stationId: Id, from: LocalDate, to: LocalDate }, { additionalProperties: false }),
    },
    handler: async (req, reply) => {
      const { filename, data } = await ledgerWorkbook(ctx, actorOf(req), req.query.stationId, req.query.from, req.query.to)
      return sendXlsx(reply, data, filename, 'ledger.xlsx')
    },
  })

  r.get('/api/hazards/:id', {
    config: { action: 'hazard.view' },
    schema: { tags, summary: '隐患详情与处置时间线', params: Type.Object({ id: Id }), response: { 200: HazardDetailSchema, ...errorResponses } },
    handler: async (req) => hazardDetail(ctx, actorOf(req), req.params.id),
  })

  r.put('/api/hazards/:id/location-kind', {
    config: { action: 'hazard.handle' },
    schema: {
      tags,
      summary: '民警更正隐患位置：校内或校园周边（计入简报的校内、周边两类）',
      params: Type.Object({ id: Id }),
      body: Type.Object({ locationKind: LocationKind }, { additionalProperties: false }),
      response: { 200: HazardDetailSchema, ...errorResponses },
    },
    handler: async (req) => setLocationKind(ctx, actorOf(req), req.params.id, req.body.locationKind),
  })

  r.post('/api/hazards/:id/confirm', {
    config: { action: 'hazard.report' },
    schema: {
      tags,
      summary: '我也遇到了（每人一次，可附一张照片）',
      params: Type.Object({ id: Id }),
      body: Type.Object({ photoId: Type.Optional(Id) }, { additionalProperties: false }),
      response: { 200: HazardDetailSchema, ...errorResponses },
    },
    handler: async (req) => confirm(ctx, actorOf(req), req.params.id, req.body.photoId),
  })

  r.post('/api/hazards/:id/transition', {
    config: { action: 'hazard.resolve' },
    schema: {
      tags,
      summary: '处置：受理、不予受理、标记重复、交办（部门与期限）、整改完成（附照片）、销号、重新打开',
      params: Type.Object({ id: Id }),
      body: Type.Object(
        {
          action: StringEnum(HAZARD_ACTIONS),
          note: Type.Optional(Text({ maxLength: 500, multiline: true, allowEmpty: true })),
          duplicateOf: Type.Optional(Id),
          department: Type.Optional(StringEnum(DEPARTMENTS)),
          assigneePersonId: Type.Optional(Id),
          deadline: Type.Optional(Instant),
          photoIds: Type.Optional(PhotoIds),
        },
        { additionalProperties: false },
      ),
      response: { 200: HazardDetailSchema, ...errorResponses },
    },
    handler: async (req) => applyTransition(ctx, actorOf(req), req.params.id, req.body),
  })
}
