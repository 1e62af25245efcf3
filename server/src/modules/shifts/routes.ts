import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { errorResponses, Id, ListOf, LocalDate, PostSchema, Text } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import {
  CalendarDayBody,
  CalendarDaySchema,
  GapSchema,
  HomeSummarySchema,
  PostBody,
  SettingsSchema,
  ShiftDetailSchema,
  ShiftRoleSchema,
  ShiftSchema,
  SwapSchema,
  TemplateBody,
  TemplateSchema,
} from '@/types/schemas/shifts'
import * as shifts from './service'

const SchoolParams = Type.Object({ schoolId: Id })
const IdParams = Type.Object({ id: Id })

export function registerShiftRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['排班']

  // ---- posts
  r.post('/api/schools/:schoolId/posts', {
    config: { action: 'shift.manage' },
    schema: { tags, summary: '新增岗点（GCJ-02 坐标与签到半径）', params: SchoolParams, body: PostBody, response: { 201: PostSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await shifts.createPost(ctx, actorOf(req), req.params.schoolId, req.body)),
  })
  r.put('/api/posts/:id', {
    config: { action: 'shift.manage' },
    schema: { tags, summary: '修改岗点', params: IdParams, body: Type.Partial(PostBody), response: { 200: PostSchema, ...errorResponses } },
    handler: async (req) => shifts.updatePost(ctx, actorOf(req), req.params.id, req.body),
  })

  // ---- templates
  r.get('/api/schools/:schoolId/templates', {
    config: { action: 'shift.manage' },
    schema: { tags, summary: '排班模板', params: SchoolParams, response: { 200: ListOf(TemplateSchema), ...errorResponses } },
    handler: async (req) => ({ items: await shifts.getTemplates(ctx, actorOf(req), req.params.schoolId) }),
  })
  r.post('/api/schools/:schoolId/templates', {
    config: { action: 'shift.manage' },
    schema: { tags, summary: '新建排班模板，并生成未来四周的班次', params: SchoolParams, body: TemplateBody, response: { 201: TemplateSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await shifts.createTemplate(ctx, actorOf(req), req.params.schoolId, req.body)),
  })
  r.put('/api/templates/:id', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '修改或停用排班模板：未来班次随之更新，报名保留，受影响的人会收到通知',
      params: IdParams,
      body: Type.Composite([TemplateBody, Type.Object({ active: Type.Boolean() })], { additionalProperties: false }),
      response: { 200: TemplateSchema, ...errorResponses },
    },
    handler: async (req) => shifts.updateTemplate(ctx, actorOf(req), req.params.id, req.body),
  })

  // ---- term calendar and settings
  r.get('/api/schools/:schoolId/calendar', {
    config: { action: 'school.view' },
    schema: { tags, summary: '校历：放假、考试、调休上课', params: SchoolParams, response: { 200: ListOf(CalendarDaySchema), ...errorResponses } },
    handler: async (req) => ({ items: await shifts.getCalendar(ctx, actorOf(req), req.params.schoolId) }),
  })
  r.put('/api/schools/:schoolId/calendar/:date', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '设置校历中的一天（并重新生成班次）',
      params: Type.Object({ schoolId: Id, date: LocalDate }),
      body: CalendarDayBody,
      response: { 200: ListOf(CalendarDaySchema), ...errorResponses },
    },
    handler: async (req) => ({
      items: await shifts.setCalendarDay(ctx, actorOf(req), req.params.schoolId, {
        date: req.params.date,
        kind: req.body.kind,
        note: req.body.note,
        asWeekday: req.body.asWeekday ?? null,
      }),
    }),
  })
  r.delete('/api/schools/:schoolId/calendar/:date', {
    config: { action: 'shift.manage' },
    schema: { tags, summary: '删除校历中的一天', params: Type.Object({ schoolId: Id, date: LocalDate }), response: { 200: ListOf(CalendarDaySchema), ...errorResponses } },
    handler: async (req) => ({ items: await shifts.deleteCalendarDay(ctx, actorOf(req), req.params.schoolId, req.params.date) }),
  })
  r.get('/api/schools/:schoolId/settings', {
    config: { action: 'school.view' },
    schema: { tags, summary: '学校规则设置（上限、释放截止等）', params: SchoolParams, response: { 200: SettingsSchema, ...errorResponses } },
    handler: async (req) => shifts.getSettings(ctx, actorOf(req), req.params.schoolId),
  })
  r.put('/api/schools/:schoolId/settings', {
    config: { action: 'shift.manage' },
    schema: { tags, summary: '修改学校规则设置', params: SchoolParams, body: SettingsSchema, response: { 200: SettingsSchema, ...errorResponses } },
    handler: async (req) => shifts.updateSettings(ctx, actorOf(req), req.params.schoolId, req.body),
  })

  // ---- shifts
  r.get('/api/schools/:schoolId/shifts', {
    config: { action: 'school.view' },
    schema: {
      tags,
      summary: '学校的班次（按日期范围，最多 31 天），含各角色名额与我的报名',
      params: SchoolParams,
      querystring: Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false }),
      response: { 200: ListOf(ShiftSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await shifts.listShifts(ctx, actorOf(req), req.params.schoolId, req.query.from, req.query.to) }),
  })
  r.get('/api/shifts/:id', {
    config: { action: 'school.view' },
    schema: { tags, summary: '班次详情与报名名单', params: IdParams, response: { 200: ShiftDetailSchema, ...errorResponses } },
    handler: async (req) => shifts.shiftDetail(ctx, actorOf(req), req.params.id),
  })
  r.get('/api/me/shifts', {
    config: { action: 'person' },
    schema: {
      tags,
      summary: '我的班次：即将开始或已经过去',
      querystring: Type.Object({ when: Type.Union([Type.Literal('upcoming'), Type.Literal('past')]) }, { additionalProperties: false }),
      response: { 200: ListOf(ShiftSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await shifts.myShifts(ctx, actorOf(req), req.query.when) }),
  })
  r.get('/api/home', {
    config: { action: 'person' },
    schema: {
      tags,
      summary: '首页：我的下一个班次、发给我的换班，管理者还看到 48 小时内的空缺',
      response: {
        200: HomeSummarySchema,
        ...errorResponses,
      },
    },
    handler: async (req) => shifts.homeSummary(ctx, actorOf(req)),
  })

  // ---- signing up, releasing
  r.post('/api/shifts/:id/signups', {
    config: { action: 'signup.own' },
    schema: {
      tags,
      summary: '报名班次；名额已满时可加入候补（waitlist: true）。重复提交返回同一报名',
      params: IdParams,
      body: Type.Object({ role: ShiftRoleSchema, waitlist: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: ShiftSchema, ...errorResponses },
    },
    handler: async (req) => shifts.signUp(ctx, actorOf(req), req.params.id, req.body.role, req.body.waitlist ?? false),
  })
  r.post('/api/signups/:id/release', {
    config: { action: 'signup.own' },
    schema: { tags, summary: '释放班次（截止时间前）或退出候补', params: IdParams, response: { 200: ShiftSchema, ...errorResponses } },
    handler: async (req) => shifts.release(ctx, actorOf(req), req.params.id),
  })

  // ---- police: assign, remove, gaps
  r.post('/api/shifts/:id/assignments', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '指派成员到班次',
      params: IdParams,
      body: Type.Object({ personId: Id, role: ShiftRoleSchema }, { additionalProperties: false }),
      response: { 200: ShiftDetailSchema, ...errorResponses },
    },
    handler: async (req) => shifts.assign(ctx, actorOf(req), req.params.id, req.body.personId, req.body.role),
  })
  r.post('/api/signups/:id/remove', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '把成员移出班次（原因对本人可见）',
      params: IdParams,
      body: Type.Object({ reason: Text({ maxLength: 200, multiline: true }) }, { additionalProperties: false }),
      response: { 200: ShiftDetailSchema, ...errorResponses },
    },
    handler: async (req) => shifts.removeSignup(ctx, actorOf(req), req.params.id, req.body.reason),
  })
  r.get('/api/schools/:schoolId/gaps', {
    config: { action: 'shift.manage' },
    schema: {
      tags,
      summary: '补位：未来几天（默认 14 天）未满的岗位与推荐人选（本学期班次最少且有空的成员）',
      params: SchoolParams,
      querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })) }, { additionalProperties: false }),
      response: { 200: ListOf(GapSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await shifts.gaps(ctx, actorOf(req), req.params.schoolId, req.query.days ?? 14) }),
  })

  // ---- swaps
  r.post('/api/signups/:id/swap', {
    config: { action: 'signup.own' },
    schema: {
      tags: ['换班'],
      summary: '发起换班：指定一位同校成员，或发给全校（toPersonId 为空）',
      params: IdParams,
      body: Type.Object({ toPersonId: Type.Optional(Type.Union([Id, Type.Null()])) }, { additionalProperties: false }),
      response: { 200: SwapSchema, ...errorResponses },
    },
    handler: async (req) => shifts.offerSwap(ctx, actorOf(req), req.params.id, req.body.toPersonId ?? null),
  })
  r.get('/api/schools/:schoolId/swaps', {
    config: { action: 'school.view' },
    schema: { tags: ['换班'], summary: '我能接的换班与我发起的换班；管理者看到全部', params: SchoolParams, response: { 200: ListOf(SwapSchema), ...errorResponses } },
    handler: async (req) => ({ items: await shifts.listSwaps(ctx, actorOf(req), req.params.schoolId) }),
  })
  r.post('/api/swaps/:id/accept', {
    config: { action: 'signup.own' },
    schema: { tags: ['换班'], summary: '接下换班', params: IdParams, response: { 200: SwapSchema, ...errorResponses } },
    handler: async (req) => shifts.acceptSwap(ctx, actorOf(req), req.params.id),
  })
  r.post('/api/swaps/:id/cancel', {
    config: { action: 'signup.own' },
    schema: { tags: ['换班'], summary: '取消自己发起的换班', params: IdParams, response: { 200: SwapSchema, ...errorResponses } },
    handler: async (req) => shifts.cancelSwap(ctx, actorOf(req), req.params.id),
  })
}
