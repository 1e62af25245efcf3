// What the server must not take on the client's word at the gate (issue 11): check-out follows
// the check-in rules, and a member removed from a school leaves its shifts and its gate.
import type { Attendance } from '../../types/attendance'
import type { Me } from '../../types/api'
import type { Shift } from '../../types/shifts'
import type { Clock } from '../../server/src/lib/clock'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-11-30T00:00:00Z')
const clock: Clock = { now: () => now }
let t: TestApp
let school: string
let post: { id: string; lat: number; lng: number }
const shifts: Record<string, Shift> = {}
const signups: Record<string, string> = {}

const northOf = (m: number) => ({ lat: post.lat + m / 111_195, lng: post.lng })
const localTime = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)
let keySeq = 0
const key = () => `key-${keySeq++}-${Date.now()}`
const gate = (what: 'check-in' | 'check-out', as: string, signupId: string, body: Record<string, unknown>) =>
  t.call({ method: 'POST', url: `/api/signups/${signupId}/${what}`, as, payload: { accuracy: 15, idempotencyKey: key(), ...body } })
const attendanceRow = (signupId: string) => t.ctx.db.selectFrom('attendance').selectAll().where('signup_id', '=', signupId).executeTakeFirst()

beforeAll(async () => {
  t = await createTestApp({}, clock)
  await t.ctx.db.deleteFrom('signups').execute()
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  school = (me.memberships[0].scope as { schoolId: string }).schoolId
  post = (await t.call({ method: 'POST', url: `/api/schools/${school}/posts`, as: '陈志强', payload: { name: '测试岗', lat: 28.6401, lng: 115.9174, radiusM: 150 } })).json()
  await t.call({
    method: 'POST',
    url: `/api/schools/${school}/templates`,
    as: '陈志强',
    payload: {
      postId: post.id,
      name: '早高峰',
      weekdays: [1, 2, 3, 4, 5],
      startTime: '07:20',
      endTime: '08:00',
      headcount: { volunteer: 3, teacher: 1, guard: 0, police: 0 },
      termStart: '2026-09-01',
      termEnd: '2027-01-22',
    },
  })
  await t.call({ method: 'PUT', url: `/api/schools/${school}/settings`, as: '陈志强', payload: { monthlyCapPerVolunteer: 10 } })
  const list = (await t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=2026-12-01&to=2026-12-04`, as: '王芳' })).json().items as Shift[]
  for (const s of list.filter((x) => x.postId === post.id)) shifts[s.date] = s
  for (const [name, date] of [
    ['王芳', '2026-12-01'],
    ['张伟', '2026-12-01'],
    ['刘洋', '2026-12-01'],
    ['刘洋', '2026-12-02'],
    ['刘洋', '2026-12-03'],
    ['张伟', '2026-12-02'],
  ] as const) {
    const res = await t.call({ method: 'POST', url: `/api/shifts/${shifts[date].id}/signups`, as: name, payload: { role: 'volunteer' } })
    expect(res.statusCode).toBe(200)
    signups[`${name}@${date}`] = res.json().mine.signupId
  }
  now = localTime('2026-12-01', '07:15')
  for (const name of ['王芳', '张伟', '刘洋']) expect((await gate('check-in', name, signups[`${name}@2026-12-01`], northOf(10))).statusCode).toBe(200)
})
afterAll(() => t.close())

describe('check-out follows the check-in rules', () => {
  it('a client time before the check-in is refused, and nothing is stored', async () => {
    now = localTime('2026-12-01', '07:55')
    const res = await gate('check-out', '王芳', signups['王芳@2026-12-01'], { ...northOf(10), clientAt: localTime('2026-12-01', '07:10').toISOString() })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'OUT_OF_WINDOW', field: 'clientAt', message: '签退时间不能早于签到时间' })
    expect((await attendanceRow(signups['王芳@2026-12-01']))?.check_out_at).toBeNull()
  })

  it('a client time 20 minutes back is kept only as an offline exception for review', async () => {
    const clientAt = localTime('2026-12-01', '07:35')
    const res = await gate('check-out', '王芳', signups['王芳@2026-12-01'], { ...northOf(10), clientAt: clientAt.toISOString() })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ checkOutAt: clientAt.toISOString(), earlyLeave: true, exceptions: [{ kind: 'checkout_offline', status: 'pending' }] })
    const exceptions = (await t.call({ method: 'GET', url: `/api/schools/${school}/exceptions?status=pending`, as: '陈志强' })).json().items as {
      kind: string
      person: { name: string }
    }[]
    expect(exceptions.map((e) => `${e.person.name}:${e.kind}`)).toContain('王芳:checkout_offline')
  })

  it('13 km from the gate without a reason: refused with the distance, nothing stored', async () => {
    now = localTime('2026-12-01', '07:58')
    const res = await gate('check-out', '张伟', signups['张伟@2026-12-01'], northOf(13_000))
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ code: 'OUTSIDE_FENCE', field: 'reason', message: '你距岗点约 13.0 公里，不在签退范围（165 米）内' })
    expect((await attendanceRow(signups['张伟@2026-12-01']))?.check_out_at).toBeNull()
    const blurred = await gate('check-out', '张伟', signups['张伟@2026-12-01'], { ...northOf(0), accuracy: 900 })
    expect(blurred.json()).toMatchObject({ code: 'LOCATION_INACCURATE', message: '定位不准，请到开阔处重试' })
  })

  it('with a reason: accepted on the server clock as an outside-fence exception', async () => {
    const res = await gate('check-out', '张伟', signups['张伟@2026-12-01'], { ...northOf(13_000), reason: '送孩子去医院，路上签退' })
    expect(res.statusCode).toBe(200)
    const att = res.json() as Attendance
    expect(att).toMatchObject({ checkOutAt: now.toISOString(), earlyLeave: false, hours: 0.5 })
    expect(att.exceptions).toEqual([expect.objectContaining({ kind: 'checkout_outside_fence', status: 'pending' })])
    expect((await attendanceRow(signups['张伟@2026-12-01']))?.check_out_distance_m).toBe(13_000)
  })

  it('at the gate, no client time: the server clock, no exception; a retry returns the first result', async () => {
    const res = await gate('check-out', '刘洋', signups['刘洋@2026-12-01'], northOf(20))
    expect(res.json()).toMatchObject({ checkOutAt: now.toISOString(), exceptions: [] })
    now = localTime('2026-12-01', '08:03')
    const again = await gate('check-out', '刘洋', signups['刘洋@2026-12-01'], { ...northOf(9000), clientAt: localTime('2026-12-01', '07:00').toISOString() })
    expect(again.json()).toMatchObject({ checkOutAt: localTime('2026-12-01', '07:58').toISOString(), exceptions: [] })
  })
})

describe('a member removed from the school', () => {
  it('check-in needs an approved duty role at the school at that moment', async () => {
    now = localTime('2026-12-02', '07:15')
    const membership = await t.ctx.db
      .selectFrom('memberships')
      .innerJoin('people', 'people.id', 'memberships.person_id')
      .selectAll('memberships')
      .where('people.name', '=', '张伟')
      .where('memberships.school_id', '=', school)
      .executeTakeFirstOrThrow()
    // 张伟 is also a parent at another school: he still holds a duty role somewhere
    const other = await t.ctx.db.selectFrom('schools').select('id').where('id', '!=', school).executeTakeFirstOrThrow()
    await t.ctx.db
      .insertInto('memberships')
      .values({ ...membership, id: `${membership.id}-2`, school_id: other.id })
      .execute()
    // revoked in the minute before (e.g. by another server instance): the signup is still there
    await t.ctx.db.updateTable('memberships').set({ status: 'revoked' }).where('id', '=', membership.id).execute()
    // that instance tells this one (live channel), as forgetActors does after the change
    t.ctx.actors?.forget({ people: [membership.person_id] })
    const res = await gate('check-in', '张伟', signups['张伟@2026-12-02'], northOf(10))
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: '你在该校的成员身份已失效，不能签到' })
    expect(await attendanceRow(signups['张伟@2026-12-02'])).toBeUndefined()
    await t.ctx.db.updateTable('memberships').set({ status: 'approved' }).where('id', '=', membership.id).execute()
    t.ctx.actors?.forget({ people: [membership.person_id] })
    expect((await gate('check-in', '张伟', signups['张伟@2026-12-02'], northOf(10))).statusCode).toBe(200)
  })

  it('revocation releases their future signups, moves the waitlist up and tells the school', async () => {
    now = localTime('2026-12-01', '12:00')
    // one volunteer place on 3 December: 刘洋 holds it, 王芳 and 张伟 wait
    await t.ctx.db
      .updateTable('shifts')
      .set({ headcount: JSON.stringify({ volunteer: 1, teacher: 1, guard: 0, police: 0 }) })
      .where('id', '=', shifts['2026-12-03'].id)
      .execute()
    for (const name of ['王芳', '张伟']) {
      const waiting = await t.call({ method: 'POST', url: `/api/shifts/${shifts['2026-12-03'].id}/signups`, as: name, payload: { role: 'volunteer', waitlist: true } })
      expect((waiting.json() as Shift).mine?.status).toBe('waitlisted')
      now = new Date(now.getTime() + 60_000) // first come, first served: 王芳 waits longer
    }
    const members = (await t.call({ method: 'GET', url: `/api/members?schoolId=${school}`, as: '黄丽萍' })).json().items as {
      membershipId: string
      person: { name: string }
      status: string
    }[]
    const liu = members.find((m) => m.person.name === '刘洋' && m.status === 'approved')!
    const revoked = await t.call({ method: 'POST', url: `/api/memberships/${liu.membershipId}/revoke`, as: '黄丽萍', payload: { reason: '孩子已转学' } })
    expect(revoked.statusCode).toBe(200)

    const rows = await t.ctx.db
      .selectFrom('signups')
      .select(['id', 'status'])
      .where('id', 'in', [signups['刘洋@2026-12-01'], signups['刘洋@2026-12-02'], signups['刘洋@2026-12-03']])
      .execute()
    const status = (id: string) => rows.find((r) => r.id === id)?.status
    expect(status(signups['刘洋@2026-12-01'])).toBe('active') // past: the record stays
    expect(status(signups['刘洋@2026-12-02'])).toBe('released')
    expect(status(signups['刘洋@2026-12-03'])).toBe('released')
    const detail = (await t.call({ method: 'GET', url: `/api/shifts/${shifts['2026-12-03'].id}`, as: '陈志强' })).json() as Shift & {
      signups: { person: { name: string }; status: string }[]
    }
    const active = detail.signups
      .filter((s) => s.status === 'active')
      .map((s) => s.person.name)
      .sort()
    expect(active).toEqual(['王芳'])
    // the fill follows at once
    expect(detail.roles.find((r) => r.role === 'volunteer')?.filled).toBe(active.length)
    const outbox = await t.ctx.db
      .selectFrom('outbox')
      .innerJoin('people', 'people.id', 'outbox.person_id')
      .select(['people.name', 'outbox.body'])
      .where('kind', '=', 'signup.released_on_revocation')
      .execute()
    expect(outbox.map((m) => m.name).sort()).toEqual(['陈志强', '黄丽萍'].sort())
    expect(outbox[0].body).toMatch(/^刘洋已被移出.+，其报名已释放：.+ 2026-12-02 07:20–08:00；.+ 2026-12-03 07:20–08:00$/)
    // and 刘洋 cannot take a new place there
    const again = await t.call({ method: 'POST', url: `/api/shifts/${shifts['2026-12-04'].id}/signups`, as: '刘洋', payload: { role: 'volunteer' } })
    expect(again.statusCode).toBeGreaterThanOrEqual(400)
  })
})
