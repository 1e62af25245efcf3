import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { InviteCodeSchema, JoinRequestSchema } from '@/types/schemas/api'
import { errorResponses, Id, InvitePreviewSchema, ListOf, MemberRowSchema, MembershipSchema, MembershipStatusSchema, Text } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { changeMembership, joinWithInvite, listMembers, previewInvite } from './service'

const Reason = Text({ maxLength: 200, multiline: true, allowEmpty: true })

export function registerMembershipRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/invites/preview/:code', {
    config: { action: 'person' },
    schema: {
      tags: ['加入学校'],
      summary: '查看邀请码对应的学校和角色',
      params: Type.Object({ code: InviteCodeSchema }),
      response: { 200: InvitePreviewSchema, ...errorResponses },
    },
    handler: async (req) => previewInvite(ctx, req.params.code),
  })

  r.post('/api/memberships/join', {
    config: { action: 'person' },
    schema: {
      tags: ['加入学校'],
      summary: '用邀请码申请加入学校（等待审核）；重复提交返回同一申请',
      body: JoinRequestSchema,
      response: { 200: MembershipSchema, ...errorResponses },
    },
    handler: async (req) => joinWithInvite(ctx, actorOf(req), req.body),
  })

  r.get('/api/members', {
    config: { action: 'member.review' },
    schema: {
      tags: ['成员管理'],
      summary: '我管理的学校的成员与申请',
      querystring: Type.Object({ schoolId: Type.Optional(Id), status: Type.Optional(MembershipStatusSchema) }, { additionalProperties: false }),
      response: { 200: ListOf(MemberRowSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await listMembers(ctx, actorOf(req), req.query.schoolId, req.query.status) }),
  })

  r.post('/api/memberships/:id/decision', {
    config: { action: 'member.review' },
    schema: {
      tags: ['成员管理'],
      summary: '通过或拒绝入校申请（拒绝需写原因）',
      params: Type.Object({ id: Id }),
      body: Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), reason: Type.Optional(Reason) }, { additionalProperties: false }),
      response: { 200: MemberRowSchema, ...errorResponses },
    },
    handler: async (req) => changeMembership(ctx, actorOf(req), req.params.id, req.body.decision, req.body.reason),
  })

  r.post('/api/memberships/:id/revoke', {
    config: { action: 'member.review' },
    schema: {
      tags: ['成员管理'],
      summary: '移出成员（需写原因，对方可见）',
      params: Type.Object({ id: Id }),
      body: Type.Object({ reason: Text({ maxLength: 200, multiline: true }) }, { additionalProperties: false }),
      response: { 200: MemberRowSchema, ...errorResponses },
    },
    handler: async (req) => changeMembership(ctx, actorOf(req), req.params.id, 'revoke', req.body.reason),
  })
}
