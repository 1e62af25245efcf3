import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import {
  HazardCategorySchema,
  HazardCountsSchema,
  HazardDetailSchema,
  HazardListQuerySchema,
  HazardLocationKindSchema,
  HazardSchema,
  NearbyHazardSchema,
  ReportHazardRequestSchema,
  SeveritySchema,
  TransitionRequestSchema,
} from '@/types/schemas/hazards'
import type { AppContext } from '../../context'
import { errorResponses, Id, ListOf, LocalDate, PlaceSchema, Text } from '../../lib/schemas'
import { sendXlsx } from '../../lib/xlsx-reply'
import { actorOf } from '../../plugins/auth'
import { ledgerWorkbook } from './ledger'
import { addCategory, applyTransition, categories, confirm, hazardCounts, hazardDetail, listHazards, nearby, report, setLocationKind } from './service'

const tags = ['隐患']
export function registerHazardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/hazard-categories', {
    config: { action: 'person' },
    schema: { tags, summary: '隐患类别及默认严重程度', response: { 200: ListOf(HazardCategorySchema), ...errorResponses } },
    handler: async () => ({ items: await categories(ctx) }),
  })

  r.post('/api/hazard-categories', {
    config: { action: 'category.manage' },
    schema: {
      tags,
      summary: '市局新增全市统一的隐患类别（重名返回 409）',
      body: Type.Object({ name: Text({ maxLength: 20 }), defaultSeverity: SeveritySchema }, { additionalProperties: false }),
      response: { 200: ListOf(HazardCategorySchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await addCategory(ctx, req.body.name, req.body.defaultSeverity) }),
  })

  r.post('/api/hazards', {
    config: { action: 'hazard.report' },
    schema: {
      tags,
      summary: '上报隐患（匿名：只有民警和管理员能看到上报人）；clientKey 相同的重试返回同一条',
      body: ReportHazardRequestSchema,
      response: { 200: HazardDetailSchema, ...errorResponses },
    },
    handler: async (req) => report(ctx, actorOf(req), req.body),
  })

  r.get('/api/hazards/nearby', {
    config: { action: 'hazard.report' },
    schema: {
      tags,
      summary: '50 米内同类未办结的隐患（用于“我也遇到了”）',
      querystring: Type.Object({ ...PlaceSchema, categoryId: Id }, { additionalProperties: false }),
      response: { 200: ListOf(NearbyHazardSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await nearby(ctx, actorOf(req), req.query, req.query.categoryId) }),
  })

  r.get('/api/hazards', {
    config: { action: 'hazard.view' },
    schema: {
      tags,
      summary: '隐患列表：mine 我上报的，school 本校未办结的，queue 民警处置队列（按紧急程度），assigned 交办给我的',
      querystring: HazardListQuerySchema,
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
        200: HazardCountsSchema,
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
      body: Type.Object({ locationKind: HazardLocationKindSchema }, { additionalProperties: false }),
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
      body: TransitionRequestSchema,
      response: { 200: HazardDetailSchema, ...errorResponses },
    },
    handler: async (req) => applyTransition(ctx, actorOf(req), req.params.id, req.body),
  })
}
