// The session → actor cache (server/src/lib/actor-cache.ts): a change to who someone is takes
// effect with their very next request — logout, a membership approved or revoked, a new name — on
// this instance and (PostgreSQL) on another one sharing the database. Each request below reuses a
// token whose actor is already cached, so each assertion fails if the change is not forgotten.
import { buildApp } from '../../server/src/app'
import { ActorCache } from '../../server/src/lib/actor-cache'
import { loadActor, type Actor } from '../../server/src/modules/auth/actor'
import type { Invite, Me, Membership } from '../../types/api'
import { createTestApp, type TestApp } from './support/test-app'
import { onPostgres } from './support/test-db'

const actor = (personId: string, name = personId): Actor => ({ personId, name, grants: [], responsibleSchoolIds: [] })
const later = new Date(Date.now() + 3_600_000).toISOString()

describe('ActorCache', () => {
  it('keeps an actor until its person or session is forgotten', async () => {
    const cache = new ActorCache()
    let loads = 0
    const load = async () => (loads++, { actor: actor('p1'), expiresAt: later })
    await cache.resolve('s1', new Date(), load)
    await cache.resolve('s1', new Date(), load)
    expect(loads).toBe(1)
    cache.forget({ people: ['p1'] })
    await cache.resolve('s1', new Date(), load)
    expect(loads).toBe(2)
    cache.forget({ sessions: ['s1'] })
    await cache.resolve('s1', new Date(), load)
    expect(loads).toBe(3)
  })

  it('does not keep what a load read while a change was being forgotten', async () => {
    const cache = new ActorCache()
    let release!: () => void
    const slow = cache.resolve('s1', new Date(), () => new Promise((resolve) => (release = () => resolve({ actor: actor('p1', 'old'), expiresAt: later }))))
    cache.forget({ people: ['p1'] })
    release()
    expect((await slow)?.name).toBe('old') // that request started before the change
    expect((await cache.resolve('s1', new Date(), async () => ({ actor: actor('p1', 'new'), expiresAt: later })))?.name).toBe('new')
  })

  it('never answers past the session’s expiry, its age bound, or for more than `max` sessions', async () => {
    const cache = new ActorCache({ max: 2, maxAgeMs: 50 })
    let loads = 0
    const load = (expiresAt: string) => async () => (loads++, { actor: actor('p1'), expiresAt })
    const soon = new Date(Date.now() + 1000).toISOString()
    await cache.resolve('s1', new Date(), load(soon))
    await cache.resolve('s1', new Date(Date.now() + 2000), load(later)) // the server clock passed the expiry
    expect(loads).toBe(2)
    await new Promise((r) => setTimeout(r, 60))
    await cache.resolve('s1', new Date(), load(later)) // older than maxAgeMs
    expect(loads).toBe(3)
    await cache.resolve('s2', new Date(), load(later))
    await cache.resolve('s3', new Date(), load(later))
    expect(cache.size).toBe(2)
    cache.setUsable(false)
    expect(cache.size).toBe(0)
    await cache.resolve('s2', new Date(), load(later))
    expect(cache.size).toBe(0) // not kept while changes may be missed
  })
})

describe('on the server', () => {
  let t: TestApp
  let jingshan: string
  beforeAll(async () => {
    t = await createTestApp()
    const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
    jingshan = (me.memberships[0].scope as { schoolId: string }).schoolId
  })
  afterAll(() => t.close())

  const schoolsOf = async (as: string) => ((await t.call({ method: 'GET', url: '/api/schools', as })).json() as { items: { id: string }[] }).items.map((s) => s.id)

  it('logout: the same token is refused with the next request', async () => {
    const token = await t.tokenOf('高雅')
    const headers = { authorization: `Bearer ${token}` }
    expect((await t.app.inject({ method: 'GET', url: '/api/schools', headers })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/schools', headers })).statusCode).toBe(200)
    expect(t.ctx.actors!.hits).toBeGreaterThan(0)
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBeLessThan(300)
    expect((await t.app.inject({ method: 'GET', url: '/api/schools', headers })).statusCode).toBe(401)
  })

  let membership: Membership
  it('approval and revocation reach the member’s next request', async () => {
    const invite = (
      await t.call({ method: 'POST', url: '/api/invites', as: '黄丽萍', payload: { schoolId: jingshan, role: 'volunteer', validDays: 7, maxUses: 5 } })
    ).json() as Invite
    membership = (await t.call({ method: 'POST', url: '/api/memberships/join', as: '林小雨', payload: { code: invite.code, name: '林小雨', phone: '13912345678' } })).json()
    expect(await schoolsOf('林小雨')).toEqual([]) // pending: cached without the school
    expect((await t.call({ method: 'POST', url: `/api/memberships/${membership.id}/decision`, as: '黄丽萍', payload: { decision: 'approve' } })).statusCode).toBe(200)
    expect(await schoolsOf('林小雨')).toEqual([jingshan])
    expect(await schoolsOf('林小雨')).toEqual([jingshan]) // cached again, with the school
    expect((await t.call({ method: 'POST', url: `/api/memberships/${membership.id}/revoke`, as: '陈志强', payload: { reason: '孩子已转学' } })).statusCode).toBe(200)
    expect(await schoolsOf('林小雨')).toEqual([])
  })

  it('a new name is the actor’s name at once', async () => {
    const fresh = await t.tokenOf('林小雨')
    expect((await loadActor(t.ctx, fresh))?.name).toBe('林小雨')
    expect((await t.app.inject({ method: 'PUT', url: '/api/me', headers: { authorization: `Bearer ${fresh}` }, payload: { name: '林小雨妈妈' } })).statusCode).toBe(200)
    expect((await loadActor(t.ctx, fresh))?.name).toBe('林小雨妈妈')
  })
  ;(onPostgres() ? it : it.skip)('on PostgreSQL, a change made on one instance reaches the cache of another', async () => {
    const second = await buildApp({ config: t.ctx.config, logger: false })
    try {
      const headers = { authorization: `Bearer ${await t.tokenOf('林小雨')}` }
      const schoolsThere = async () => ((await second.app.inject({ method: 'GET', url: '/api/schools', headers })).json() as { items: { id: string }[] }).items.map((s) => s.id)
      expect(await schoolsThere()).toEqual([])
      expect(await schoolsThere()).toEqual([])
      expect(second.ctx.actors!.hits).toBeGreaterThan(0)
      const invite = (
        await t.call({ method: 'POST', url: '/api/invites', as: '黄丽萍', payload: { schoolId: jingshan, role: 'volunteer', validDays: 7, maxUses: 5 } })
      ).json() as Invite
      const joined = (
        await t.call({ method: 'POST', url: '/api/memberships/join', as: '林小雨', payload: { code: invite.code, name: '林小雨', phone: '13912345678' } })
      ).json() as Membership
      expect((await t.call({ method: 'POST', url: `/api/memberships/${joined.id}/decision`, as: '黄丽萍', payload: { decision: 'approve' } })).statusCode).toBe(200)
      // NOTIFY reaches the other instance within milliseconds
      const deadline = Date.now() + 2000
      while ((await schoolsThere()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      expect(await schoolsThere()).toEqual([jingshan])
      // logout on this instance: the other refuses the token too
      await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })
      const until = Date.now() + 2000
      while ((await second.app.inject({ method: 'GET', url: '/api/schools', headers })).statusCode === 200 && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
      expect((await second.app.inject({ method: 'GET', url: '/api/schools', headers })).statusCode).toBe(401)
    } finally {
      await second.app.close()
    }
  })
})
