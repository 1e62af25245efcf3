import type { DemoPerson, LoginResponse } from '@/types/api'
import type { Me } from '@/types/org'
import type { AppContext } from '../../context'
import { forgetActors } from '../../lib/actor-cache'
import { badRequest, notFound } from '../../lib/errors'
import { newId, randomToken, sha256 } from '../../lib/ids'
import { membershipsOfPerson, membershipsWithScopeNames } from '../org/repository'
import { code2Session } from './wechat'

/** The name a person has between their first WeChat login and joining a school. */
export const NEW_USER_NAME = '微信用户'

export async function getMe(ctx: AppContext, personId: string): Promise<Me> {
  const person = await ctx.db.selectFrom('people').select(['id', 'name', 'phone']).where('id', '=', personId).executeTakeFirst()
  if (!person) throw notFound('用户不存在')
  // The person sees their own number in full.
  return { person: { id: person.id, name: person.name, phone: person.phone }, memberships: await membershipsOfPerson(ctx.db, personId) }
}

async function startSession(ctx: AppContext, personId: string, origin: 'wechat' | 'demo'): Promise<LoginResponse> {
  const token = randomToken()
  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + ctx.config.sessionDays * 86_400_000).toISOString()
  await ctx.db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), person_id: personId, created_at: now.toISOString(), expires_at: expiresAt, origin })
    .execute()
  return { token, expiresAt, me: await getMe(ctx, personId) }
}

export async function wechatLogin(ctx: AppContext, code: string): Promise<LoginResponse> {
  const wx = await code2Session(ctx.config.wx, code)
  const now = ctx.clock.now().toISOString()
  // Insert-or-update on the unique openid: two first logins at once create one person.
  await ctx.db
    .insertInto('people')
    .values({
      id: newId(),
      name: NEW_USER_NAME,
      phone: null,
      wx_openid: wx.openid,
      wx_unionid: wx.unionid,
      wx_session_key: wx.sessionKey,
      is_demo: 0,
      created_at: now,
    })
    .onConflict((oc) => oc.column('wx_openid').doUpdateSet({ wx_session_key: wx.sessionKey, wx_unionid: wx.unionid }))
    .execute()
  const person = await ctx.db.selectFrom('people').select('id').where('wx_openid', '=', wx.openid).executeTakeFirstOrThrow()
  return startSession(ctx, person.id, 'wechat')
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  const tokenHash = sha256(token)
  await ctx.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
  await forgetActors(ctx, { sessions: [tokenHash] })
}

/** The seeded demo people, one row per membership, for the H5 login screen. */
export async function demoPeople(ctx: AppContext): Promise<DemoPerson[]> {
  const rows = await ctx.db
    .selectFrom('people as p')
    .leftJoin(membershipsWithScopeNames(ctx.db).select(['m.person_id', 'm.role', 'm.status']).as('m'), (join) => join.onRef('m.person_id', '=', 'p.id'))
    .select(['p.id', 'p.name', 'm.role', 'm.status', 'm.school_name', 'm.station_name', 'm.district_name'])
    .where('p.is_demo', '=', 1)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute()
  return rows.map((r) => ({
    personId: r.id,
    name: r.name,
    role: r.role ?? null,
    status: r.status ?? null,
    schoolName: r.school_name,
    scopeName: r.school_name ?? r.station_name ?? r.district_name ?? (r.role ? '全市' : ''),
  }))
}

export async function demoLogin(ctx: AppContext, personId: string): Promise<LoginResponse> {
  const person = await ctx.db.selectFrom('people').select('id').where('id', '=', personId).where('is_demo', '=', 1).executeTakeFirst()
  if (!person) throw badRequest('没有这个演示账号', 'personId')
  return startSession(ctx, person.id, 'demo')
}

export async function updateProfile(ctx: AppContext, personId: string, name: string | undefined, phone: string | undefined): Promise<Me> {
  const patch: { name?: string; phone?: string | null } = {}
  if (name !== undefined) patch.name = name.trim()
  if (phone !== undefined) patch.phone = phone === '' ? null : phone
  if (Object.keys(patch).length > 0) {
    await ctx.db.updateTable('people').set(patch).where('id', '=', personId).execute()
    // the actor carries the name
    await forgetActors(ctx, { people: [personId] })
  }
  return getMe(ctx, personId)
}
