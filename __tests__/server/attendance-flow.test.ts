// Check-in at the gate through the API on a frozen clock: window, fence, exceptions, retries,
// heartbeats and off-post, closing, the duty board, review and hours.
import type { Attendance, DutyBoard, DutyException, HoursSummary } from '../../types/attendance'
import type { Me } from '../../types/api'
import type { Shift } from '../../types/shifts'
import type { Clock } from '../../server/src/lib/clock'
import { closeShifts, detectOffPost, purgeTrails } from '../../server/src/modules/attendance/jobs'
import { refreshStaleCoverage } from '../../server/src/modules/coverage/maintain'
import type { Kysely } from 'kysely'
import * as silenceIsNotOffPost from '../../server/src/db/migrations/2026120201_silence_is_not_off_post'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-11-30T00:00:00Z')
const clock: Clock = { now: () => now }
let t: TestApp
let school: string
let post: { id: string; lat: number; lng: number }
const shifts: Record<string, Shift> = {}
const signups: Record<string, string> = {}

// GCJ-02 points relative to the gate.
const northOf = (m: number) => ({ lat: post.lat + m / 111_195, lng: post.lng })
const localTime = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)
let keySeq = 0
const key = () => `key-${Date.now()}-${keySeq++}`

const checkIn = (as: string, signupId: string, body: Record<string, unknown>) =>
  t.call({ method: 'POST', url: `/api/signups/${signupId}/check-in`, as, payload: { accuracy: 15, idempotencyKey: key(), ...body } })
const checkOut = (as: string, signupId: string, body: Record<string, unknown>) =>
  t.call({ method: 'POST', url: `/api/signups/${signupId}/check-out`, as, payload: { accuracy: 15, idempotencyKey: key(), ...body } })

beforeAll(async () => {
  t = await createTestApp({}, clock)
  await t.ctx.db.deleteFrom('signups').execute()
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  school = (me.memberships[0].scope as { schoolId: string }).schoolId
  const p = await t.call({ method: 'POST', url: `/api/schools/${school}/posts`, as: '陈志强', payload: { name: '测试岗', lat: 28.6401, lng: 115.9174, radiusM: 150 } })
  post = p.json()
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
  const list = (await t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=2026-12-01&to=2026-12-04`, as: '王芳' })).json().items as Shift[]
  for (const s of list.filter((x) => x.postId === post.id)) shifts[s.date] = s
  for (const [name, date, role] of [
    ['王芳', '2026-12-01', 'volunteer'],
    ['张伟', '2026-12-01', 'volunteer'],
    ['刘洋', '2026-12-01', 'volunteer'],
    ['李红梅', '2026-12-01', 'teacher'],
    ['王芳', '2026-12-02', 'volunteer'],
  ] as const) {
    const res = await t.call({ method: 'POST', url: `/api/shifts/${shifts[date].id}/signups`, as: name, payload: { role } })
    signups[`${name}@${date}`] = res.json().mine.signupId
  }
})
afterAll(() => t.close())

describe('checking in on 1 December, 07:20–08:00', () => {
  it('before the window opens, the server refuses and says when it opens', async () => {
    now = localTime('2026-12-01', '06:40')
    const res = await checkIn('王芳', signups['王芳@2026-12-01'], northOf(0))
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'OUT_OF_WINDOW', message: '签到在开始前 30 分钟开放' })
  })

  it('the duty board shows 待签到 from the school’s own check-in window (checkinOpensMin), not a fixed 30 minutes', async () => {
    const stateOf = async (name: string) => {
      const board = (await t.call({ method: 'GET', url: `/api/schools/${school}/duty-board?date=2026-12-01`, as: '陈志强' })).json() as DutyBoard
      return board.posts.find((p) => p.post.id === post.id)!.shifts[0].people.find((p) => p.person.name === name)!.state
    }
    now = localTime('2026-12-01', '06:40') // 40 minutes before the start
    expect(await stateOf('王芳')).toBe('upcoming')
    const setOpens = (min: number) => t.call({ method: 'PUT', url: `/api/schools/${school}/settings`, as: '陈志强', payload: { checkinOpensMin: min } })
    expect((await setOpens(60)).statusCode).toBe(200)
    try {
      expect(await stateOf('王芳')).toBe('waiting')
    } finally {
      await setOpens(30)
    }
  })

  it('at the gate: 签到成功, on time', async () => {
    now = localTime('2026-12-01', '07:15')
    const res = await checkIn('王芳', signups['王芳@2026-12-01'], northOf(20))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ late: false, offline: false, checkInDistanceM: 20, exceptions: [] })
  })

  it('the same check-in sent five times at once stores one record', async () => {
    const body = { ...northOf(10), accuracy: 10, idempotencyKey: 'same-key-0001' }
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.call({ method: 'POST', url: `/api/signups/${signups['李红梅@2026-12-01']}/check-in`, as: '李红梅', payload: body })),
    )
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(results.map((r) => (r.json() as Attendance).checkInAt)).size).toBe(1)
    const rows = await t.ctx.db.selectFrom('attendance').select('signup_id').where('signup_id', '=', signups['李红梅@2026-12-01']).execute()
    expect(rows).toHaveLength(1)
  })

  it('2 km away: refused with the distance', async () => {
    const res = await checkIn('张伟', signups['张伟@2026-12-01'], northOf(2000))
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ code: 'OUTSIDE_FENCE', field: 'reason', message: '你距岗点约 2.0 公里，不在签到范围（165 米）内' })
    expect(await t.ctx.db.selectFrom('attendance').select('signup_id').where('signup_id', '=', signups['张伟@2026-12-01']).execute()).toEqual([])
  })

  it('a fix worse than 300 m is refused', async () => {
    const res = await checkIn('张伟', signups['张伟@2026-12-01'], { ...northOf(0), accuracy: 450 })
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toBe('定位不准，请到开阔处重试')
  })

  it('with a reason, the far check-in is accepted as an exception for review', async () => {
    now = localTime('2026-12-01', '07:27')
    const res = await checkIn('张伟', signups['张伟@2026-12-01'], { ...northOf(2000), reason: '孩子发烧，在路口帮忙疏导' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ late: true, exceptions: [{ kind: 'outside_fence', status: 'pending' }] })
  })

  it('someone else cannot check in on my signup', async () => {
    const res = await checkIn('张伟', signups['刘洋@2026-12-01'], northOf(0))
    expect(res.statusCode).toBe(403)
  })
})

describe('on duty', () => {
  it('heartbeats inside keep a person on post; positions outside for 5 minutes raise an off-post event for the police, silence raises nothing', async () => {
    now = localTime('2026-12-01', '07:30')
    const hb = (m: number) => t.call({ method: 'POST', url: `/api/signups/${signups['王芳@2026-12-01']}/heartbeat`, as: '王芳', payload: { ...northOf(m), accuracy: 10 } })
    expect((await hb(30)).json()).toMatchObject({ inside: true, distanceM: 30 })
    now = localTime('2026-12-01', '07:31')
    expect((await hb(400)).json()).toMatchObject({ inside: false })
    now = localTime('2026-12-01', '07:34')
    await hb(420)
    // 王芳's positions show her outside for 3 minutes: not yet. 李红梅 checked in at 07:15 and has
    // sent no position since (a locked phone): silence is not evidence, nobody is told.
    expect(await detectOffPost(t.ctx)).toBe(0)
    const events = () => t.ctx.db.selectFrom('off_post_events').innerJoin('people', 'people.id', 'off_post_events.person_id').select(['people.name', 'kind']).execute()
    expect(await events()).toEqual([])
    // still nothing later, however long the silence
    now = localTime('2026-12-01', '07:35')
    expect(await detectOffPost(t.ctx)).toBe(0)
    now = localTime('2026-12-01', '07:36')
    await hb(430)
    expect(await detectOffPost(t.ctx)).toBe(1)
    expect(await detectOffPost(t.ctx)).toBe(0)
    expect(await events()).toEqual([{ name: '王芳', kind: 'outside' }])
    const told = await t.ctx.db
      .selectFrom('outbox')
      .innerJoin('people', 'people.id', 'outbox.person_id')
      .select(['people.name', 'outbox.body'])
      .where('kind', '=', 'duty.off_post')
      .execute()
    expect(told.some((m) => m.name === '陈志强' && m.body.includes('王芳') && m.body.includes('离开签到范围'))).toBe(true)
    expect(told.filter((m) => m.body.includes('李红梅'))).toEqual([])
  })

  it('the duty board shows who is on post, late, off post, silent and missing', async () => {
    // 张伟 checked in at 07:27: 9 minutes without a position is not yet a lost signal
    now = localTime('2026-12-01', '07:36')
    const res = await t.call({ method: 'GET', url: `/api/schools/${school}/duty-board?date=2026-12-01`, as: '陈志强' })
    expect(res.statusCode).toBe(200)
    const board = res.json() as DutyBoard
    const people = board.posts.find((p) => p.post.id === post.id)!.shifts[0].people
    const person = (name: string) => people.find((p) => p.person.name === name)!
    const state = (name: string) => person(name).state
    expect(state('王芳')).toBe('off_post')
    expect(person('王芳').offPost).toEqual({ since: localTime('2026-12-01', '07:31').toISOString() })
    expect(state('张伟')).toBe('late')
    expect(state('刘洋')).toBe('missing')
    // 李红梅: nothing heard since her check-in at 07:15 → 信号中断, with when and where she was last seen
    expect(person('李红梅')).toMatchObject({ state: 'signal_lost', offPost: null, checkInAt: localTime('2026-12-01', '07:15').toISOString() })
    expect(person('李红梅').checkInDistanceM).not.toBeNull()
    expect(people.find((p) => p.person.name === '张伟')?.pendingExceptions).toEqual(['outside_fence'])
  })

  it('polling the board again answers 304 when nothing changed', async () => {
    const first = await t.call({ method: 'GET', url: `/api/schools/${school}/duty-board?date=2026-12-01`, as: '陈志强' })
    const again = await t.call({
      method: 'GET',
      url: `/api/schools/${school}/duty-board?date=2026-12-01`,
      as: '陈志强',
      headers: { 'if-none-match': first.headers.etag as string },
    })
    expect(again.statusCode).toBe(304)
  })

  it('back at the gate, the off-post event ends', async () => {
    now = localTime('2026-12-01', '07:38')
    await t.call({ method: 'POST', url: `/api/signups/${signups['王芳@2026-12-01']}/heartbeat`, as: '王芳', payload: { ...northOf(10), accuracy: 10 } })
    const open = await t.ctx.db.selectFrom('off_post_events').select('id').where('signup_id', '=', signups['王芳@2026-12-01']).where('resolved_at', 'is', null).execute()
    expect(open).toEqual([])
  })
})

describe('checking out and closing', () => {
  it('check-out before 07:50 is an early leave; after, normal; hours are rounded', async () => {
    now = localTime('2026-12-01', '07:45')
    const early = await checkOut('张伟', signups['张伟@2026-12-01'], northOf(0))
    // 07:27 to 07:45: 18 minutes → half an hour
    expect(early.json()).toMatchObject({ earlyLeave: true, hours: 0.5 })
    now = localTime('2026-12-01', '08:00')
    const normal = await checkOut('王芳', signups['王芳@2026-12-01'], northOf(0))
    expect(normal.json()).toMatchObject({ earlyLeave: false, hours: 0.5 })
    const retry = await checkOut('王芳', signups['王芳@2026-12-01'], northOf(0))
    expect(retry.json().checkOutAt).toBe(normal.json().checkOutAt)
  })

  it('at the end nobody checked in becomes a no-show; an hour later no check-out becomes missing_checkout', async () => {
    now = localTime('2026-12-01', '08:01')
    expect(await closeShifts(t.ctx)).toMatchObject({ noShow: 1, missingCheckout: 0 })
    now = localTime('2026-12-01', '09:00')
    expect(await closeShifts(t.ctx)).toMatchObject({ missingCheckout: 1 })
    expect(await closeShifts(t.ctx)).toEqual({ noShow: 0, missingCheckout: 0 })
    const liu = (await t.call({ method: 'GET', url: '/api/me/shifts?when=past', as: '刘洋' })).json().items as Shift[]
    expect(liu.find((s) => s.id === shifts['2026-12-01'].id)?.mine?.outcome).toBe('no_show')
  })

  it('首页 counts pending exceptions of every managed school in one request', async () => {
    const counts = async (as: string) => {
      const res = await t.call({ method: 'GET', url: '/api/exceptions/pending-counts', as })
      expect(res.statusCode).toBe(200)
      return res.json().items as { schoolId: string; pending: number }[]
    }
    const police = await counts('陈志强')
    // 京山派出所: 京山小学 with the two exceptions above, and 实验学校 with none
    expect(police).toHaveLength(2)
    expect(police.find((c) => c.schoolId === school)).toEqual({ schoolId: school, pending: 2 })
    expect(police.filter((c) => c.schoolId !== school).map((c) => c.pending)).toEqual([0])
    expect(await counts('黄丽萍')).toEqual([{ schoolId: school, pending: 2 }])
    // the district admin: every school of 青云谱区, 京山小学 among them
    const admin = await counts('周建国')
    expect(admin.length).toBeGreaterThan(2)
    expect(admin.find((c) => c.schoolId === school)?.pending).toBe(2)
    // another district's admin reaches none of them
    expect((await counts('吴秀兰')).find((c) => c.schoolId === school)).toBeUndefined()
    expect((await t.call({ method: 'GET', url: '/api/exceptions/pending-counts', as: '王芳' })).statusCode).toBe(403)
  })

  it('the police review exceptions; the person sees the outcome and hours follow it', async () => {
    const list = (await t.call({ method: 'GET', url: `/api/schools/${school}/exceptions?status=pending`, as: '陈志强' })).json().items as DutyException[]
    expect(list.map((e) => `${e.person.name}:${e.kind}`).sort()).toEqual(['张伟:outside_fence', '李红梅:missing_checkout'].sort())
    const outside = list.find((e) => e.kind === 'outside_fence')!
    expect(outside).toMatchObject({ reason: '孩子发烧，在路口帮忙疏导', distanceM: 2000 })
    const accepted = await t.call({ method: 'POST', url: `/api/exceptions/${outside.id}/review`, as: '陈志强', payload: { decision: 'accept', note: '情况属实' } })
    expect(accepted.json()).toMatchObject({ status: 'accepted', reviewNote: '情况属实' })
    const missing = list.find((e) => e.kind === 'missing_checkout')!
    await t.call({ method: 'POST', url: `/api/exceptions/${missing.id}/review`, as: '黄丽萍', payload: { decision: 'accept', note: '忘记签退' } })
    const li = (await t.call({ method: 'GET', url: '/api/me/hours', as: '李红梅' })).json() as HoursSummary
    expect(li).toMatchObject({ totalHours: 0.5, shiftsAttended: 1 })
    const told = await t.ctx.db.selectFrom('outbox').select('body').where('kind', '=', 'duty.exception.accepted').execute()
    expect(told.map((m) => m.body)).toContain('你的「范围外签到」已被认可：情况属实')
    // after a reload, 张伟's own shift still shows he came late, left early, and how the exception was decided
    const shown = (await t.call({ method: 'GET', url: `/api/shifts/${shifts['2026-12-01'].id}`, as: '张伟' })).json() as Shift
    expect(shown.mine).toMatchObject({ late: true, earlyLeave: true, exceptions: [{ kind: 'outside_fence', status: 'accepted', reviewNote: '情况属实' }] })
    const others = (await t.call({ method: 'GET', url: `/api/shifts/${shifts['2026-12-01'].id}`, as: '王芳' })).json() as Shift
    expect(others.mine).toMatchObject({ late: false, exceptions: [] })
  })

  it('hours appear on 我的 with their history, and the certificate carries them', async () => {
    const wang = (await t.call({ method: 'GET', url: '/api/me/hours', as: '王芳' })).json() as HoursSummary
    expect(wang).toMatchObject({ totalHours: 0.5, pendingHours: 0, shiftsAttended: 1, term: { start: '2026-09-01', end: '2027-01-22' } })
    expect(wang.entries[0]).toMatchObject({ hours: 0.5, status: 'counted' })
    const cert = await t.call({ method: 'GET', url: `/api/me/certificate?schoolId=${school}`, as: '王芳' })
    expect(cert.json()).toMatchObject({ personName: '王芳', schoolName: '青云谱区京山小学', stationName: '京山派出所', shifts: 1, hours: 0.5 })
  })
})

describe('a duty done before its shift began', () => {
  it('checked in and out before the start: an early leave, 0 hours, not counted as 有效值守', async () => {
    now = localTime('2026-12-01', '10:00')
    const res = await t.call({ method: 'POST', url: `/api/shifts/${shifts['2026-12-03'].id}/signups`, as: '张伟', payload: { role: 'volunteer' } })
    expect(res.statusCode).toBe(200)
    const signupId = res.json().mine.signupId as string
    now = localTime('2026-12-03', '06:55')
    expect((await checkIn('张伟', signupId, northOf(0))).json()).toMatchObject({ late: false })
    const coverage = async () => {
      await refreshStaleCoverage(t.ctx.db)
      return t.ctx.db.selectFrom('shift_coverage').select(['filled', 'attended']).where('shift_id', '=', shifts['2026-12-03'].id).executeTakeFirstOrThrow()
    }
    // checked in: 到岗 for now
    expect(await coverage()).toMatchObject({ filled: 1, attended: 1 })
    now = localTime('2026-12-03', '07:10')
    expect((await checkOut('张伟', signupId, northOf(0))).json()).toMatchObject({ earlyLeave: true, hours: 0 })
    const hours = (await t.call({ method: 'GET', url: '/api/me/hours', as: '张伟' })).json() as HoursSummary
    expect(hours.entries.find((e) => e.shift.id === shifts['2026-12-03'].id)).toMatchObject({ hours: 0, status: 'not_counted' })
    // only 1 December (accepted outside-fence exception) counts
    expect(hours).toMatchObject({ shiftsAttended: 1, totalHours: 0.5 })
    // nor is it 到岗 in coverage (到岗率 follows 有效值守): the check-out marked the shift's row behind
    expect(await coverage()).toMatchObject({ filled: 1, attended: 0 })
  })
})

describe('offline check-in and trails', () => {
  it('a check-in kept offline is accepted with its own time only as an offline exception', async () => {
    now = localTime('2026-12-02', '07:40') // the network came back
    const res = await checkIn('王芳', signups['王芳@2026-12-02'], { ...northOf(5), clientAt: localTime('2026-12-02', '07:18').toISOString() })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      offline: true,
      late: false,
      checkInAt: localTime('2026-12-02', '07:18').toISOString(),
      exceptions: [{ kind: 'offline', status: 'pending' }],
    })
  })

  it('an offline time outside the window is refused', async () => {
    const res = await checkIn('王芳', signups['王芳@2026-12-02'], { ...northOf(5), clientAt: localTime('2026-12-02', '05:00').toISOString() })
    // already checked in: the first result stands
    expect(res.statusCode).toBe(200)
    expect(res.json().checkInAt).toBe(localTime('2026-12-02', '07:18').toISOString())
  })

  it('heartbeats are refused outside duty, and trails older than 30 days are deleted', async () => {
    now = localTime('2026-12-02', '09:00')
    const late = await t.call({ method: 'POST', url: `/api/signups/${signups['王芳@2026-12-02']}/heartbeat`, as: '王芳', payload: { ...northOf(0), accuracy: 10 } })
    expect(late.statusCode).toBe(409)
    const before = await t.ctx.db.selectFrom('location_pings').select('id').execute()
    expect(before.length).toBeGreaterThan(0)
    // 王芳's pings: 07:30, 07:31, 07:34, 07:36, 07:38; thirty days after 07:35 the first three go
    now = new Date(localTime('2026-12-01', '07:35').getTime() + 30 * 86_400_000)
    expect(await purgeTrails(t.ctx)).toBe(3)
    now = localTime('2027-01-05', '00:00')
    await purgeTrails(t.ctx)
    expect(await t.ctx.db.selectFrom('location_pings').select('id').execute()).toEqual([])
  })
})

describe('upgrading from the silence rule', () => {
  it('an off-post event once raised for silence is closed by the migration', async () => {
    const signupId = signups['李红梅@2026-12-01']
    const row = await t.ctx.db.selectFrom('signups').select(['shift_id', 'person_id']).where('id', '=', signupId).executeTakeFirstOrThrow()
    const detectedAt = localTime('2026-12-01', '07:26').toISOString()
    await t.ctx.db
      .insertInto('off_post_events')
      .values({
        id: 'legacy-silent',
        signup_id: signupId,
        shift_id: row.shift_id,
        school_id: school,
        person_id: row.person_id,
        kind: 'silent',
        since: localTime('2026-12-01', '07:15').toISOString(),
        detected_at: detectedAt,
        resolved_at: null,
      })
      .execute()
    // migrations take an untyped Kysely (they must not depend on today's schema)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await silenceIsNotOffPost.up(t.ctx.db as unknown as Kysely<any>)
    const event = await t.ctx.db.selectFrom('off_post_events').select(['resolved_at']).where('id', '=', 'legacy-silent').executeTakeFirstOrThrow()
    expect(event.resolved_at).toBe(detectedAt)
  })
})
