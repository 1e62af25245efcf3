import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { CreateInviteRequestSchema } from '@/types/schemas/api'
import type { AppContext } from '../../context'
import { Id, InviteSchema, ListOf, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { createInvite, listInvites, revokeInvite } from './service'
import { inviteWxacode } from './wxacode'

export function registerInviteRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/invites', {
    config: { action: 'invite.manage' },
    schema: {
      tags: ['邀请码'],
      summary: '我管理的学校的邀请码',
      querystring: Type.Object({ schoolId: Type.Optional(Id) }, { additionalProperties: false }),
      response: { 200: ListOf(InviteSchema), ...errorResponses },
    },
    handler: async (req) => ({ items: await listInvites(ctx, actorOf(req), req.query.schoolId) }),
  })

  r.post('/api/invites', {
    config: { action: 'invite.manage' },
    schema: {
      tags: ['邀请码'],
      summary: '创建邀请码（角色、有效天数、可用次数）',
      body: CreateInviteRequestSchema,
      response: { 201: InviteSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await createInvite(ctx, actorOf(req), req.body)),
  })

  r.get('/api/invites/:id/wxacode', {
    config: { action: 'invite.manage' },
    schema: {
      tags: ['邀请码'],
      summary: '邀请码的小程序码（图片）：微信扫码打开加入页面并填好邀请码；未配置微信时 503',
      params: Type.Object({ id: Id }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'image/jpeg 或 image/png' }), ...errorResponses },
    },
    handler: async (req, reply) => {
      const code = await inviteWxacode(ctx, actorOf(req), req.params.id)
      return reply.header('content-type', code.contentType).header('cache-control', 'private, max-age=3600').send(code.data)
    },
  })

  r.post('/api/invites/:id/revoke', {
    config: { action: 'invite.manage' },
    schema: {
      tags: ['邀请码'],
      summary: '作废邀请码',
      params: Type.Object({ id: Id }),
      response: { 200: InviteSchema, ...errorResponses },
    },
    handler: async (req) => revokeInvite(ctx, actorOf(req), req.params.id),
  })
}
