import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { notFound } from '../../lib/errors'
import { DemoPersonSchema } from '@/types/schemas/api'
import { ErrorBody, errorResponses, Id, ListOf, LoginResponseSchema, MeSchema, Nullable, Text } from '../../lib/schemas'
import { actorOf, bearerToken } from '../../plugins/auth'
import { demoLogin, demoPeople, getMe, logout, updateProfile, wechatLogin } from './service'
import { wechatPhoneNumber } from './wechat'

/** Login is rate-limited per client address: guessing codes or hammering WeChat gets a 429. */
const loginRateLimit = { max: 20, timeWindow: '1 minute' }

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.post('/api/auth/wechat', {
    config: { action: 'public', rateLimit: loginRateLimit },
    schema: {
      tags: ['登录'],
      summary: '微信登录：用 Taro.login 的 code 换取会话令牌（session_key 只留在服务器）',
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
      response: { 200: LoginResponseSchema, 401: ErrorBody, 429: ErrorBody, 502: ErrorBody, 503: ErrorBody },
    },
    handler: async (req) => wechatLogin(ctx, req.body.code),
  })

  r.get('/api/auth/demo-people', {
    config: { action: 'public' },
    schema: {
      tags: ['登录'],
      summary: '演示账号列表（仅演示模式）',
      response: {
        200: ListOf(DemoPersonSchema),
        404: ErrorBody,
      },
    },
    handler: async () => {
      if (!ctx.config.demo) throw notFound('演示登录未开启')
      return { items: await demoPeople(ctx) }
    },
  })

  r.post('/api/auth/demo-login', {
    config: { action: 'public', rateLimit: loginRateLimit },
    schema: {
      tags: ['登录'],
      summary: '以演示账号登录（仅演示模式），与真实登录一样返回会话令牌',
      body: Type.Object({ personId: Id }, { additionalProperties: false }),
      response: { 200: LoginResponseSchema, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
    },
    handler: async (req) => {
      if (!ctx.config.demo) throw notFound('演示登录未开启')
      return demoLogin(ctx, req.body.personId)
    },
  })

  r.post('/api/auth/logout', {
    config: { action: 'person' },
    schema: { tags: ['登录'], summary: '退出登录', response: { 204: Type.Null(), ...errorResponses } },
    handler: async (req, reply) => {
      const token = bearerToken(req)
      if (token) await logout(ctx, token)
      return reply.status(204).send(null)
    },
  })

  r.get('/api/subscribe-templates', {
    config: { action: 'person' },
    schema: {
      tags: ['我的'],
      summary: '订阅消息模板 ID（小程序在用户点击时调用 requestSubscribeMessage）',
      response: {
        200: Type.Object({ duty: Nullable(Type.String()), review: Nullable(Type.String()), notice: Nullable(Type.String()), alarm: Nullable(Type.String()) }),
        ...errorResponses,
      },
    },
    handler: async () => ctx.config.wx.templates,
  })

  r.get('/api/me', {
    config: { action: 'person' },
    schema: { tags: ['我的'], summary: '我的资料与所有成员身份', response: { 200: MeSchema, ...errorResponses } },
    handler: async (req) => getMe(ctx, actorOf(req).personId),
  })

  r.put('/api/me', {
    config: { action: 'person' },
    schema: {
      tags: ['我的'],
      summary: '修改姓名或手机号',
      body: Type.Object(
        {
          name: Type.Optional(Text({ maxLength: 40 })),
          phone: Type.Optional(Type.String({ pattern: '^(1[3-9]\\d{9})?$', description: '11 位手机号，空串表示清除' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: MeSchema, ...errorResponses },
    },
    handler: async (req) => updateProfile(ctx, actorOf(req).personId, req.body.name, req.body.phone),
  })

  r.post('/api/me/wechat-phone', {
    config: { action: 'person' },
    schema: {
      tags: ['我的'],
      summary: '用微信手机号：getPhoneNumber 按钮的 code 在服务器换取手机号并保存到我的资料',
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
      response: { 200: MeSchema, ...errorResponses },
    },
    handler: async (req) => {
      const phone = await wechatPhoneNumber(ctx.config.wx, req.body.code, () => ctx.clock.now())
      return updateProfile(ctx, actorOf(req).personId, undefined, phone)
    },
  })
}
