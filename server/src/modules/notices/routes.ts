import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { DrillInputSchema, DrillSchema, NoticeInputSchema, NoticeSchema, NoticeStatsSchema } from '@/types/schemas/notices'
import { SafetyThemeSchema } from '@/types/schemas/bulletin'
import type { AppContext } from '../../context'
import { errorResponses, FixSchema, Id, Instant, ListOf, Nullable, StringEnum } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import * as notices from './service'
import { AlarmSummarySchema } from '@/types/schemas/alarms'
import { drillAlarms } from '../alarms/service'

const tags = ['通知']
const IdParams = Type.Object({ id: Id })
export function registerNoticeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/notices', {
    config: { action: 'notice.read' },
    schema: { tags, summary: '我收到的通知（最新在前，演练与培训有标记）', response: { 200: ListOf(NoticeSchema), ...errorResponses } },
    handler: async (req) => ({ items: await notices.inbox(ctx, actorOf(req)) }),
  })
  r.get('/api/notices/unread-count', {
    config: { action: 'person' },
    schema: { tags, summary: '未读通知数（tab 角标）', response: { 200: Type.Object({ count: Type.Integer() }), ...errorResponses } },
    handler: async (req) => ({ count: await notices.unreadCount(ctx, actorOf(req)) }),
  })
  r.get('/api/notices/managed', {
    config: { action: 'notice.track' },
    schema: { tags, summary: '我发布的通知（民警、管理员），或发给本校的通知（校长）', response: { 200: ListOf(NoticeSchema), ...errorResponses } },
    handler: async (req) => ({ items: await notices.managedList(ctx, actorOf(req)) }),
  })
  r.post('/api/notices', {
    config: { action: 'notice.publish' },
    schema: { tags, summary: '新建通知（草稿）', body: NoticeInputSchema, response: { 200: NoticeSchema, ...errorResponses } },
    handler: async (req) => notices.createNotice(ctx, actorOf(req), req.body),
  })
  r.put('/api/notices/:id', {
    config: { action: 'notice.publish' },
    schema: { tags, summary: '修改草稿或定时通知', params: IdParams, body: NoticeInputSchema, response: { 200: NoticeSchema, ...errorResponses } },
    handler: async (req) => notices.updateNotice(ctx, actorOf(req), req.params.id, req.body),
  })
  r.post('/api/notices/:id/publish', {
    config: { action: 'notice.publish' },
    schema: {
      tags,
      summary: '发布（publishAt 在将来则定时发布）；重复发布不会重复发送',
      params: IdParams,
      body: Type.Object({ publishAt: Type.Optional(Nullable(Instant)) }, { additionalProperties: false }),
      response: { 200: NoticeSchema, ...errorResponses },
    },
    handler: async (req) => notices.publishNotice(ctx, actorOf(req), req.params.id, req.body.publishAt ?? null),
  })
  r.post('/api/notices/:id/withdraw', {
    config: { action: 'notice.publish' },
    schema: { tags, summary: '撤回（收件人看到“已撤回”）', params: IdParams, response: { 200: NoticeSchema, ...errorResponses } },
    handler: async (req) => notices.withdrawNotice(ctx, actorOf(req), req.params.id),
  })
  r.get('/api/notices/:id', {
    config: { action: 'notice.read' },
    schema: { tags, summary: '通知详情', params: IdParams, response: { 200: NoticeSchema, ...errorResponses } },
    handler: async (req) => notices.noticeDetail(ctx, actorOf(req), req.params.id),
  })
  r.post('/api/notices/:id/read', {
    config: { action: 'notice.read' },
    schema: { tags, summary: '标记已读', params: IdParams, response: { 200: NoticeSchema, ...errorResponses } },
    handler: async (req) => notices.markRead(ctx, actorOf(req), req.params.id),
  })
  r.post('/api/notices/:id/ack', {
    config: { action: 'notice.read' },
    schema: { tags, summary: '确认收到', params: IdParams, response: { 200: NoticeSchema, ...errorResponses } },
    handler: async (req) => notices.acknowledge(ctx, actorOf(req), req.params.id),
  })
  r.post('/api/notices/:id/rsvp', {
    config: { action: 'notice.read' },
    schema: {
      tags,
      summary: '培训报名参加或不参加（截止与名额内）',
      params: IdParams,
      body: Type.Object({ answer: StringEnum(['joined', 'declined'] as const) }, { additionalProperties: false }),
      response: { 200: NoticeSchema, ...errorResponses },
    },
    handler: async (req) => notices.rsvp(ctx, actorOf(req), req.params.id, req.body.answer),
  })
  r.post('/api/notices/:id/attend', {
    config: { action: 'notice.read' },
    schema: {
      tags,
      summary: '演练、培训现场签到（活动时间内、活动地点范围内，规则同护学岗签到）',
      params: IdParams,
      body: Type.Object(FixSchema, { additionalProperties: false }),
      response: { 200: NoticeSchema, ...errorResponses, 422: errorResponses[400] },
    },
    handler: async (req) => notices.attend(ctx, actorOf(req), req.params.id, req.body),
  })
  r.get('/api/notices/:id/stats', {
    config: { action: 'notice.track' },
    schema: { tags, summary: '回执统计：按学校与角色的已读、确认、报名、签到，未确认名单', params: IdParams, response: { 200: NoticeStatsSchema, ...errorResponses } },
    handler: async (req) => notices.noticeStats(ctx, actorOf(req), req.params.id),
  })
  r.post('/api/notices/:id/remind', {
    config: { action: 'notice.publish' },
    schema: { tags, summary: '再次提醒未确认的人（5 分钟内一次，最多 3 次）', params: IdParams, response: { 200: NoticeStatsSchema, ...errorResponses } },
    handler: async (req) => notices.remind(ctx, actorOf(req), req.params.id),
  })

  r.get('/api/safety-themes', {
    config: { action: 'person' },
    schema: {
      tags: ['通知'],
      summary: '全市统一的安全教育主题（防溺水、防拐骗 …）：写培训、演练通知和记录演练时选择',
      response: { 200: ListOf(SafetyThemeSchema), ...errorResponses },
    },
    handler: async () => ({ items: await notices.safetyThemes(ctx) }),
  })

  r.post('/api/drills', {
    config: { action: 'drill.record' },
    schema: {
      tags: ['演练'],
      summary: '记录一次演练',
      body: DrillInputSchema,
      response: { 200: DrillSchema, ...errorResponses },
    },
    handler: async (req) => notices.recordDrill(ctx, actorOf(req), req.body),
  })
  r.get('/api/notices/:id/drill-alarms', {
    config: { action: 'drill.view' },
    schema: {
      tags: ['演练'],
      summary: '这次演练中发起的演练报警（我能查看演练记录的学校）：响应时间与 1-3-5 标记',
      params: IdParams,
      response: { 200: ListOf(AlarmSummarySchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await drillAlarms(ctx, actorOf(req), req.params.id) }),
  })
  r.get('/api/schools/:schoolId/drills', {
    config: { action: 'drill.view' },
    schema: { tags: ['演练'], summary: '学校的演练记录', params: Type.Object({ schoolId: Id }), response: { 200: ListOf(DrillSchema), ...errorResponses } },
    handler: async (req) => ({ items: await notices.schoolDrills(ctx, actorOf(req), req.params.schoolId) }),
  })
}
