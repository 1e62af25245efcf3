import type { Invite, Me, MemberRow, Membership } from '../../types/api'
import { createTestApp, type TestApp } from './support/test-app'

let t: TestApp
let jingshan: string // 青云谱区京山小学 (principal 黄丽萍, police 陈志强)
let shiyan: string // 青云谱区实验学校 (principal 胡晓东, same station)

beforeAll(async () => {
  t = await createTestApp()
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  jingshan = (me.memberships[0].scope as { schoolId: string }).schoolId
  const hu = (await t.call({ method: 'GET', url: '/api/me', as: '胡晓东' })).json() as Me
  shiyan = (hu.memberships[0].scope as { schoolId: string }).schoolId
})
afterAll(() => t.close())

async function createInvite(as: string, body: Record<string, unknown>) {
  return t.call({ method: 'POST', url: '/api/invites', as, payload: { schoolId: jingshan, role: 'volunteer', validDays: 7, maxUses: 5, ...body } })
}

describe('joining a school with an invite code', () => {
  let invite: Invite
  let membership: Membership

  it('the principal creates an invite code', async () => {
    const res = await createInvite('黄丽萍', {})
    expect(res.statusCode).toBe(201)
    invite = res.json()
    expect(invite).toMatchObject({ schoolId: jingshan, role: 'volunteer', maxUses: 5, usedCount: 0, usable: true })
    expect(invite.code).toMatch(/^[A-Z2-9]{8}$/)
  })

  it('a newcomer sees the school and role behind the code, typed loosely', async () => {
    const loose = `${invite.code.slice(0, 4).toLowerCase()}-${invite.code.slice(4)}`
    const res = await t.call({ method: 'GET', url: `/api/invites/preview/${loose}`, as: '林小雨' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ schoolName: '青云谱区京山小学', role: 'volunteer', usable: true, reason: null })
  })

  it('asks to join and waits for approval; a repeated tap returns the same request', async () => {
    const payload = { code: invite.code, name: '林小雨（二年级三班 王子涵妈妈）', phone: '13912345678' }
    const first = await t.call({ method: 'POST', url: '/api/memberships/join', as: '林小雨', payload })
    expect(first.statusCode).toBe(200)
    membership = first.json()
    expect(membership).toMatchObject({ role: 'volunteer', status: 'pending', scope: { kind: 'school', schoolId: jingshan } })
    const again = await t.call({ method: 'POST', url: '/api/memberships/join', as: '林小雨', payload })
    expect(again.json().id).toBe(membership.id)
    const invites = (await t.call({ method: 'GET', url: `/api/invites?schoolId=${jingshan}`, as: '黄丽萍' })).json().items as Invite[]
    expect(invites.find((i) => i.id === invite.id)?.usedCount).toBe(1)
  })

  it('the name given is how this school knows her; elsewhere she keeps her own', async () => {
    const me = (await t.call({ method: 'GET', url: '/api/me', as: '林小雨' })).json() as Me
    expect(me.person.name).toBe('林小雨')
  })

  it('a pending member reaches no school yet', async () => {
    const res = await t.call({ method: 'GET', url: '/api/schools', as: '林小雨' })
    expect(res.json().items).toEqual([])
  })

  it('the principal and the police are told, and see the request with the phone number', async () => {
    const pending = (await t.call({ method: 'GET', url: `/api/members?schoolId=${jingshan}&status=pending`, as: '黄丽萍' })).json().items as MemberRow[]
    const row = pending.find((m) => m.membershipId === membership.id)
    expect(row).toMatchObject({ person: { name: '林小雨（二年级三班 王子涵妈妈）', phone: '13912345678' }, inviteCode: invite.code })
    const outbox = await t.ctx.db.selectFrom('outbox').select(['person_id', 'kind']).where('kind', '=', 'membership.pending').execute()
    const names = await t.ctx.db
      .selectFrom('people')
      .select('name')
      .where(
        'id',
        'in',
        outbox.map((o) => o.person_id),
      )
      .execute()
    expect(names.map((n) => n.name).sort()).toEqual(['陈志强', '黄丽萍'].sort())
  })

  it('a principal of another school cannot decide it', async () => {
    const res = await t.call({ method: 'POST', url: `/api/memberships/${membership.id}/decision`, as: '胡晓东', payload: { decision: 'approve' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('rejecting needs a reason', async () => {
    const res = await t.call({ method: 'POST', url: `/api/memberships/${membership.id}/decision`, as: '黄丽萍', payload: { decision: 'reject' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field: 'reason' })
  })

  it('the principal approves; the volunteer sees it and is told', async () => {
    const res = await t.call({ method: 'POST', url: `/api/memberships/${membership.id}/decision`, as: '黄丽萍', payload: { decision: 'approve' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().status).toBe('approved')
    const me = (await t.call({ method: 'GET', url: '/api/me', as: '林小雨' })).json() as Me
    expect(me.memberships.find((m) => m.id === membership.id)?.status).toBe('approved')
    const schools = (await t.call({ method: 'GET', url: '/api/schools', as: '林小雨' })).json().items
    expect(schools.map((s: { name: string }) => s.name)).toEqual(['青云谱区京山小学'])
    const told = await t.ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', `membership.approve:${membership.id}`).execute()
    expect(told).toHaveLength(1)
  })

  it('approving again changes nothing; rejecting an approved member is refused', async () => {
    const again = await t.call({ method: 'POST', url: `/api/memberships/${membership.id}/decision`, as: '陈志强', payload: { decision: 'approve' } })
    expect(again.statusCode).toBe(200)
    const reject = await t.call({
      method: 'POST',
      url: `/api/memberships/${membership.id}/decision`,
      as: '陈志强',
      payload: { decision: 'reject', reason: '不认识' },
    })
    expect(reject.statusCode).toBe(409)
  })

  it('the police revoke a member with a reason the person sees', async () => {
    const res = await t.call({ method: 'POST', url: `/api/memberships/${membership.id}/revoke`, as: '陈志强', payload: { reason: '孩子已转学' } })
    expect(res.statusCode).toBe(200)
    const me = (await t.call({ method: 'GET', url: '/api/me', as: '林小雨' })).json() as Me
    expect(me.memberships.find((m) => m.id === membership.id)).toMatchObject({ status: 'revoked', reason: '孩子已转学' })
  })
})

describe('invite rules', () => {
  it('a principal cannot invite a principal; the police can', async () => {
    expect((await createInvite('黄丽萍', { role: 'principal' })).statusCode).toBe(403)
    expect((await createInvite('陈志强', { role: 'principal' })).statusCode).toBe(201)
  })

  it('police of another station cannot create invites here', async () => {
    expect((await createInvite('王海涛', {})).statusCode).toBe(403)
  })

  it('a revoked code cannot be used', async () => {
    const invite = (await createInvite('黄丽萍', {})).json() as Invite
    const revoked = await t.call({ method: 'POST', url: `/api/invites/${invite.id}/revoke`, as: '黄丽萍' })
    expect(revoked.json()).toMatchObject({ usable: false })
    const res = await t.call({ method: 'POST', url: '/api/memberships/join', as: '高雅', payload: { code: invite.code, name: '高雅' } })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'INVITE_UNUSABLE', message: '邀请码已作废' })
  })

  it('the last use goes to exactly one of two people joining at the same moment', async () => {
    const invite = (await createInvite('黄丽萍', { maxUses: 1, role: 'teacher' })).json() as Invite
    const [a, b] = await Promise.all(['高雅', '林小雨'].map((as) => t.call({ method: 'POST', url: '/api/memberships/join', as, payload: { code: invite.code, name: as } })))
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const rows = await t.ctx.db.selectFrom('memberships').select('id').where('invite_id', '=', invite.id).execute()
    expect(rows).toHaveLength(1)
  })

  it('five identical join requests at once create one membership and use the code once', async () => {
    const invite = (await createInvite('黄丽萍', { role: 'guard' })).json() as Invite
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.call({ method: 'POST', url: '/api/memberships/join', as: '高雅', payload: { code: invite.code, name: '高雅' } })),
    )
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1)
    const used = await t.ctx.db.selectFrom('invites').select('used_count').where('id', '=', invite.id).executeTakeFirstOrThrow()
    expect(used.used_count).toBe(1)
  })
})

describe('scopes', () => {
  it('a principal lists only their own school; the police all schools of their station', async () => {
    const principal = (await t.call({ method: 'GET', url: '/api/members', as: '黄丽萍' })).json().items as MemberRow[]
    expect(new Set(principal.map((m) => m.schoolId))).toEqual(new Set([jingshan]))
    const police = (await t.call({ method: 'GET', url: '/api/members', as: '陈志强' })).json().items as MemberRow[]
    expect(new Set(police.map((m) => m.schoolId))).toEqual(new Set([jingshan, shiyan]))
  })

  it('asking for another district school is refused, not filtered', async () => {
    const res = await t.call({ method: 'GET', url: `/api/members?schoolId=${shiyan}`, as: '吴秀兰' })
    expect(res.statusCode).toBe(403)
  })

  it('other members see masked phone numbers of approved members', async () => {
    const approved = (await t.call({ method: 'GET', url: `/api/members?schoolId=${jingshan}&status=approved`, as: '黄丽萍' })).json().items as MemberRow[]
    expect(approved.length).toBeGreaterThan(3)
    for (const m of approved) if (m.person.phone) expect(m.person.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
  })
})
