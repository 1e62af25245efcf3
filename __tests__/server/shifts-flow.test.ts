// The shifts issue, end to end through the API on a frozen clock: templates generate shifts,
// people sign up, wait, release, swap; the police assign, remove and fill gaps.
import type { Me } from '../../types/api'
import type { Gap, Shift, ShiftDetail, ShiftTemplate, Swap } from '../../types/shifts'
import type { Clock } from '../../server/src/lib/clock'
import { regenerateSchool } from '../../server/src/modules/shifts/generation'
import { pushUnfilled, sendReminders } from '../../server/src/modules/shifts/jobs'
import { createTestApp, type TestApp } from './support/test-app'

// Monday 2026-11-30, 08:00 in Shanghai.
let now = new Date('2026-11-30T00:00:00Z')
const clock: Clock = { now: () => now }
let t: TestApp
let school: string
let post: string
let template: ShiftTemplate

const json = async <T>(p: Promise<{ json(): unknown; statusCode: number }>): Promise<T> => (await p).json() as T
const shiftsOn = async (as: string, from: string, to = from) =>
  (await json<{ items: Shift[] }>(t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=${from}&to=${to}`, as }))).items.filter((s) => s.postId === post)
// a second passes between taps, so that the waitlist's order is the order of the taps
const signUp = (as: string, shiftId: string, waitlist = false) => {
  now = new Date(now.getTime() + 1000)
  return t.call({ method: 'POST', url: `/api/shifts/${shiftId}/signups`, as, payload: { role: 'volunteer', waitlist } })
}
const outbox = (kind: string) =>
  t.ctx.db.selectFrom('outbox').innerJoin('people', 'people.id', 'outbox.person_id').select(['people.name', 'outbox.body', 'outbox.dedupe_key']).where('kind', '=', kind).execute()

beforeAll(async () => {
  t = await createTestApp({}, clock)
  // a clean slate: no demo signups, so every count below is this test's own
  await t.ctx.db.deleteFrom('signups').execute()
  const me = await json<Me>(t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' }))
  school = (me.memberships[0].scope as { schoolId: string }).schoolId
})
afterAll(() => t.close())

describe('posts and templates', () => {
  it('the police add a gate and a template; four weeks of shifts appear', async () => {
    const p = await t.call({ method: 'POST', url: `/api/schools/${school}/posts`, as: '陈志强', payload: { name: '北门（测试）', lat: 28.6405, lng: 115.9172, radiusM: 120 } })
    expect(p.statusCode).toBe(201)
    post = p.json().id
    const res = await t.call({
      method: 'POST',
      url: `/api/schools/${school}/templates`,
      as: '陈志强',
      payload: {
        postId: post,
        name: '早高峰',
        weekdays: [2, 3, 4],
        startTime: '07:20',
        endTime: '08:00',
        headcount: { volunteer: 1, teacher: 0, guard: 0, police: 0 },
        termStart: '2026-09-01',
        termEnd: '2027-01-22',
      },
    })
    expect(res.statusCode).toBe(201)
    template = res.json()
    const week = await shiftsOn('王芳', '2026-11-30', '2026-12-06')
    expect(week.map((s) => s.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03'])
    expect(week[0]).toMatchObject({ startTime: '07:20', startsAt: '2026-11-30T23:20:00.000Z', roles: [{ role: 'volunteer', required: 1, filled: 0, waitlisted: 0 }] })
    const all = await shiftsOn('王芳', '2026-11-30', '2026-12-28')
    expect(all).toHaveLength(12)
  })

  it('generation is idempotent: running it again creates nothing', async () => {
    expect(await regenerateSchool(t.ctx, school)).toEqual({ created: 0, updated: 0, cancelled: 0, restored: 0 })
  })

  it('a bad template is refused with the field and a Chinese message', async () => {
    const res = await t.call({
      method: 'POST',
      url: `/api/schools/${school}/templates`,
      as: '陈志强',
      payload: { ...template, id: undefined, postName: undefined, schoolId: undefined, active: undefined, updatedAt: undefined, startTime: '08:00', endTime: '07:00' },
    })
    expect(res.statusCode).toBe(400)
  })

  it("only the school's principal or its station's police manage templates", async () => {
    const res = await t.call({ method: 'GET', url: `/api/schools/${school}/templates`, as: '胡晓东' })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toBe('只有该校校长或所属派出所民警可以管理排班')
    expect((await t.call({ method: 'GET', url: `/api/schools/${school}/templates`, as: '黄丽萍' })).statusCode).toBe(200)
  })

  it('a volunteer sees only the shifts of schools where they are approved', async () => {
    const res = await t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=2026-12-01&to=2026-12-01`, as: '徐丽' })
    expect(res.statusCode).toBe(403)
  })
})

describe('signing up and the waitlist', () => {
  let wed: Shift

  it('a volunteer takes the place; a repeated tap changes nothing', async () => {
    ;[wed] = await shiftsOn('王芳', '2026-12-02')
    const res = await signUp('王芳', wed.id)
    expect(res.statusCode).toBe(200)
    expect(res.json().mine).toMatchObject({ status: 'active', role: 'volunteer' })
    expect((await signUp('王芳', wed.id)).json().mine.signupId).toBe(res.json().mine.signupId)
    expect((await shiftsOn('张伟', '2026-12-02'))[0].roles[0]).toMatchObject({ filled: 1, required: 1 })
  })

  it('when the role is full, another is told so, and can join the waitlist', async () => {
    const full = await signUp('张伟', wed.id)
    expect(full.statusCode).toBe(409)
    expect(full.json().message).toBe('家长志愿者名额已满，可以加入候补')
    const waiting = await signUp('张伟', wed.id, true)
    expect(waiting.json().mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const second = await signUp('刘洋', wed.id, true)
    expect(second.json().mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 })
  })

  it('a release before the cut-off frees the place for the first on the waitlist, who is told', async () => {
    const mine = (await shiftsOn('王芳', '2026-12-02'))[0].mine!
    const res = await t.call({ method: 'POST', url: `/api/signups/${mine.signupId}/release`, as: '王芳' })
    expect(res.statusCode).toBe(200)
    expect(res.json().mine.status).toBe('released')
    expect((await shiftsOn('张伟', '2026-12-02'))[0].mine).toMatchObject({ status: 'active' })
    expect((await shiftsOn('刘洋', '2026-12-02'))[0].mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect((await outbox('signup.promoted')).map((m) => m.name)).toEqual(['张伟'])
  })

  it('two people taking the last place at the same moment: exactly one gets it', async () => {
    const [thu] = await shiftsOn('王芳', '2026-12-03')
    const [a, b] = await Promise.all([signUp('王芳', thu.id), signUp('刘洋', thu.id)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const active = await t.ctx.db.selectFrom('signups').select('id').where('shift_id', '=', thu.id).where('status', '=', 'active').execute()
    expect(active).toHaveLength(1)
    // the winner lets it go again, so that the counts below do not depend on who won
    const winner = a.statusCode === 200 ? '王芳' : '刘洋'
    const mine = (await shiftsOn(winner, '2026-12-03'))[0].mine!
    expect((await t.call({ method: 'POST', url: `/api/signups/${mine.signupId}/release`, as: winner })).statusCode).toBe(200)
  })

  it('the monthly cap stops a third shift in December with a clear message', async () => {
    const dec = await shiftsOn('刘洋', '2026-12-08', '2026-12-17')
    expect((await signUp('刘洋', dec[0].id)).statusCode).toBe(200)
    // 刘洋 holds the December 2 waitlist place and this one: the cap of 2 is reached
    const third = await signUp('刘洋', dec[1].id)
    expect(third.statusCode).toBe(409)
    expect(third.json().message).toBe('本月已报名 2 个班次，学校规定每位志愿者每月最多 2 个')
  })

  it('a shift already started cannot be signed up for', async () => {
    const [tue] = await shiftsOn('王芳', '2026-12-01')
    const saved = now
    now = new Date('2026-11-30T23:30:00Z')
    const res = await signUp('王芳', tue.id)
    now = saved
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toBe('该班次已开始，不能报名')
  })
})

describe('release cut-off and swaps', () => {
  let shift: Shift
  let swap: Swap

  it('after the cut-off a release is refused: only a swap', async () => {
    ;[shift] = await shiftsOn('张伟', '2026-12-10')
    expect((await signUp('张伟', shift.id)).statusCode).toBe(200)
    now = new Date('2026-12-09T12:00:00Z') // 20:00 the evening before, 11h20 before the start
    const mine = (await shiftsOn('张伟', '2026-12-10'))[0].mine!
    const res = await t.call({ method: 'POST', url: `/api/signups/${mine.signupId}/release`, as: '张伟' })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toBe('距开始不足 12 小时，不能直接释放，请发起换班')
  })

  it('the swap is offered to everyone at the school; another volunteer takes it over', async () => {
    const mine = (await shiftsOn('张伟', '2026-12-10'))[0].mine!
    const offer = await t.call({ method: 'POST', url: `/api/signups/${mine.signupId}/swap`, as: '张伟', payload: {} })
    expect(offer.statusCode).toBe(200)
    swap = offer.json()
    expect(swap).toMatchObject({ status: 'open', to: null, from: { name: '张伟' } })
    const again = await t.call({ method: 'POST', url: `/api/signups/${mine.signupId}/swap`, as: '张伟', payload: {} })
    expect(again.json().id).toBe(swap.id)

    const visible = await json<{ items: Swap[] }>(t.call({ method: 'GET', url: `/api/schools/${school}/swaps`, as: '王芳' }))
    expect(visible.items.map((s) => s.id)).toContain(swap.id)
    const accepted = await t.call({ method: 'POST', url: `/api/swaps/${swap.id}/accept`, as: '王芳' })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedBy: { name: '王芳' } })
    expect((await shiftsOn('王芳', '2026-12-10'))[0].mine).toMatchObject({ status: 'active' })
    expect((await shiftsOn('张伟', '2026-12-10'))[0].mine).toMatchObject({ status: 'swapped' })
    expect((await outbox('swap.accepted')).map((m) => m.name)).toEqual(['张伟'])
  })

  it('a swap cannot be taken twice', async () => {
    const res = await t.call({ method: 'POST', url: `/api/swaps/${swap.id}/accept`, as: '刘洋' })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toBe('该换班已被他人接下')
  })

  it('the police see every swap of their schools', async () => {
    const all = await json<{ items: Swap[] }>(t.call({ method: 'GET', url: `/api/schools/${school}/swaps`, as: '陈志强' }))
    expect(all.items.find((s) => s.id === swap.id)?.status).toBe('accepted')
  })

  it('a swap offered to a named member reaches only them', async () => {
    now = new Date('2026-11-30T00:00:00Z')
    const [s] = await shiftsOn('王芳', '2026-12-15')
    const mine = (await signUp('王芳', s.id)).json().mine
    const me = await t.ctx.db.selectFrom('people').select('id').where('name', '=', '刘洋').executeTakeFirstOrThrow()
    const offer = await json<Swap>(t.call({ method: 'POST', url: `/api/signups/${mine.signupId}/swap`, as: '王芳', payload: { toPersonId: me.id } }))
    expect(offer.to?.name).toBe('刘洋')
    expect((await t.call({ method: 'POST', url: `/api/swaps/${offer.id}/accept`, as: '张伟' })).statusCode).toBe(403)
    expect((await outbox('swap.offered')).map((m) => m.name)).toEqual(['刘洋'])
    expect((await t.call({ method: 'POST', url: `/api/swaps/${offer.id}/cancel`, as: '王芳' })).json().status).toBe('cancelled')
  })
})

describe('the police assign, remove and fill gaps', () => {
  it('the gaps of the coming weeks propose free members with the fewest shifts first', async () => {
    const res = await json<{ items: Gap[] }>(t.call({ method: 'GET', url: `/api/schools/${school}/gaps?days=21`, as: '陈志强' }))
    const ours = res.items.filter((g) => g.shift.postId === post)
    expect(ours.length).toBeGreaterThan(0)
    const gap = ours.find((g) => g.shift.date === '2026-12-16')!
    expect(gap).toMatchObject({ role: 'volunteer', missing: 1 })
    const counts = gap.candidates.map((c) => c.shiftsThisTerm)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
    expect(gap.candidates.map((c) => c.person.name)).not.toContain('陈静') // pending members are not proposed
  })

  it('an assignment places the person and tells them; a removal gives them the reason', async () => {
    const [s] = await shiftsOn('陈志强', '2026-12-16')
    const liu = await t.ctx.db.selectFrom('people').select('id').where('name', '=', '张伟').executeTakeFirstOrThrow()
    const detail = await t.call({ method: 'POST', url: `/api/shifts/${s.id}/assignments`, as: '陈志强', payload: { personId: liu.id, role: 'volunteer' } })
    expect(detail.statusCode).toBe(200)
    const row = (detail.json() as ShiftDetail).signups.find((g) => g.person.name === '张伟')!
    expect(row).toMatchObject({ status: 'active', source: 'assigned' })
    expect((await outbox('signup.assigned')).map((m) => m.name)).toContain('张伟')

    const removed = await t.call({ method: 'POST', url: `/api/signups/${row.signupId}/remove`, as: '陈志强', payload: { reason: '当天学校有活动，改派他人' } })
    expect(removed.statusCode).toBe(200)
    expect((await shiftsOn('张伟', '2026-12-16'))[0].mine).toMatchObject({ status: 'removed', reason: '当天学校有活动，改派他人' })
  })

  it('a pending member cannot be assigned', async () => {
    const [s] = await shiftsOn('陈志强', '2026-12-17')
    const chen = await t.ctx.db.selectFrom('people').select('id').where('name', '=', '陈静').executeTakeFirstOrThrow()
    const res = await t.call({ method: 'POST', url: `/api/shifts/${s.id}/assignments`, as: '陈志强', payload: { personId: chen.id, role: 'volunteer' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toBe('对方不是该校通过审核的家长志愿者，不能指派')
  })

  it('首页 shows a person their next shift, and the police the unfilled places of the next 48 h', async () => {
    const wang = await json<{ nextShift: Shift | null }>(t.call({ method: 'GET', url: '/api/home', as: '王芳' }))
    expect(wang.nextShift).toMatchObject({ date: '2026-12-10' })
    const police = await json<{ unfilled: { shift: Shift; missing: number }[] }>(t.call({ method: 'GET', url: '/api/home', as: '陈志强' }))
    expect(police.unfilled.some((u) => u.shift.postId === post && u.shift.date === '2026-12-01')).toBe(true)
    expect(police.unfilled.every((u) => new Date(u.shift.startsAt).getTime() - now.getTime() <= 48 * 3_600_000)).toBe(true)
  })
})

describe('editing the template and the calendar', () => {
  it('a new start time moves future shifts, keeps the signups and tells the people on them', async () => {
    const res = await t.call({ method: 'PUT', url: `/api/templates/${template.id}`, as: '陈志强', payload: { ...pick(template), startTime: '07:10', active: true } })
    expect(res.statusCode).toBe(200)
    const [s] = await shiftsOn('王芳', '2026-12-10')
    expect(s).toMatchObject({ startTime: '07:10', mine: { status: 'active' } })
    expect((await outbox('shift.changed')).some((m) => m.name === '王芳' && m.body.includes('07:10'))).toBe(true)
  })

  it('dropping Thursday cancels those shifts and tells who was on them', async () => {
    await t.call({ method: 'PUT', url: `/api/templates/${template.id}`, as: '陈志强', payload: { ...pick(template), startTime: '07:10', weekdays: [2, 3], active: true } })
    const thursdays = await shiftsOn('王芳', '2026-12-03')
    expect(thursdays[0].status).toBe('cancelled')
    const cancelled = await outbox('shift.cancelled')
    expect(cancelled.length).toBeGreaterThan(0)
  })

  it('a holiday in the term calendar cancels that day', async () => {
    const res = await t.call({ method: 'PUT', url: `/api/schools/${school}/calendar/2026-12-09`, as: '黄丽萍', payload: { kind: 'holiday', note: '校运会补休' } })
    expect(res.statusCode).toBe(200)
    expect((await shiftsOn('王芳', '2026-12-09'))[0].status).toBe('cancelled')
    await t.call({ method: 'DELETE', url: `/api/schools/${school}/calendar/2026-12-09`, as: '黄丽萍' })
    expect((await shiftsOn('王芳', '2026-12-09'))[0].status).toBe('scheduled')
  })
})

describe('reminders and 补位', () => {
  it('the day before and 30 minutes before, once each however often the job runs', async () => {
    now = new Date('2026-12-14T00:00:00Z') // the day before 王芳's 12-15 shift (07:10 local)
    await sendReminders(t.ctx)
    await sendReminders(t.ctx)
    expect((await outbox('shift.reminder.day')).filter((m) => m.name === '王芳')).toHaveLength(1)
    now = new Date('2026-12-14T22:50:00Z') // 06:50 local
    await sendReminders(t.ctx)
    await sendReminders(t.ctx)
    const soon = (await outbox('shift.reminder.soon')).filter((m) => m.name === '王芳')
    expect(soon).toHaveLength(1)
    expect(soon[0].body).toContain('07:10–08:00')
  })

  it("unfilled places of the next 48 h are pushed to the school's approved volunteers once a day", async () => {
    now = new Date('2026-11-30T00:00:00Z')
    await pushUnfilled(t.ctx)
    await pushUnfilled(t.ctx)
    const pushed = (await outbox('shift.fill')).filter((m) => m.dedupe_key.includes(school))
    expect(pushed.map((m) => m.name).sort()).toEqual(['刘洋', '张伟', '王芳'].sort())
  })

  it('a school that asks for a week ahead (fillPushHours 168) has the places of the coming week pushed, not only 48 h', async () => {
    now = new Date('2026-12-04T12:00:00Z') // Friday 20:00 local: no school shift before Monday
    const fridayPushes = async () => (await outbox('shift.fill')).filter((m) => m.dedupe_key.includes(school) && m.dedupe_key.endsWith(':2026-12-04'))
    await pushUnfilled(t.ctx)
    expect(await fridayPushes()).toHaveLength(0)
    const res = await t.call({ method: 'PUT', url: `/api/schools/${school}/settings`, as: '黄丽萍', payload: { fillPushHours: 168 } })
    expect(res.statusCode).toBe(200)
    await pushUnfilled(t.ctx)
    const pushed = await fridayPushes()
    expect(pushed.map((m) => m.name).sort()).toEqual(['刘洋', '张伟', '王芳'].sort())
    expect(pushed[0].body).toContain('未来 168 小时')
    await t.call({ method: 'PUT', url: `/api/schools/${school}/settings`, as: '黄丽萍', payload: { fillPushHours: 48 } })
  })
})

function pick(tpl: ShiftTemplate) {
  const { postId, name, weekdays, startTime, endTime, headcount, termStart, termEnd } = tpl
  return { postId, name, weekdays, startTime, endTime, headcount, termStart, termEnd }
}
