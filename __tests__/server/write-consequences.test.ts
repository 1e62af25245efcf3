// A write and its consequences commit together: the coverage summary (shift_coverage and its
// roll-ups) is refreshed inside the write's transaction, and a template or calendar change
// regenerates its shifts in the same transaction. A failure in the consequence (forced here by a
// trigger that refuses the row) leaves the write undone; after every write that succeeds the
// summary equals the raw data.
import { sql } from 'kysely'
import type { Me } from '../../types/api'
import type { Shift, ShiftTemplate } from '../../types/shifts'
import type { Clock } from '../../server/src/lib/clock'
import { createTestApp, type TestApp } from './support/test-app'

// Monday 2026-11-30, 08:00 in Shanghai.
const now = new Date('2026-11-30T00:00:00Z')
const clock: Clock = { now: () => now }
let t: TestApp
let school: string
let post: string
let template: ShiftTemplate
let shifts: Shift[]

/** Makes every insert, update or delete of `table` fail until the returned function is called. */
async function refuseWritesTo(table: 'coverage_days' | 'shifts'): Promise<() => Promise<void>> {
  const db = t.ctx.db
  if (t.ctx.engine === 'postgres') {
    await sql.raw(`create or replace function refuse_write() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`).execute(db)
    await sql.raw(`create trigger refuse_${table} before insert or update or delete on ${table} for each row execute function refuse_write()`).execute(db)
  } else {
    for (const op of ['insert', 'update', 'delete']) {
      await sql.raw(`create trigger refuse_${table}_${op} before ${op} on ${table} begin select raise(abort, 'refused by test'); end`).execute(db)
    }
  }
  return async () => {
    if (t.ctx.engine === 'postgres') await sql.raw(`drop trigger refuse_${table} on ${table}`).execute(db)
    else for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger refuse_${table}_${op}`).execute(db)
  }
}

/** shift_coverage against the signups, coverage_days against shift_coverage, for this school. */
async function expectSummaryEqualsRaw() {
  const db = t.ctx.db
  const active = await db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .select(['g.shift_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.school_id', '=', school)
    .where('s.status', '=', 'scheduled')
    .where('g.status', '=', 'active')
    .groupBy('g.shift_id')
    .execute()
  const coverage = await db.selectFrom('shift_coverage').select(['shift_id', 'date', 'required', 'filled']).where('school_id', '=', school).execute()
  const scheduled = await db.selectFrom('shifts').select('id').where('school_id', '=', school).where('status', '=', 'scheduled').where('post_id', '=', post).execute()
  for (const s of scheduled) {
    const row = coverage.find((c) => c.shift_id === s.id)
    expect(row).toBeDefined()
    expect(Number(row!.filled)).toBe(Number(active.find((a) => a.shift_id === s.id)?.n ?? 0))
  }
  const days = await db.selectFrom('coverage_days').select(['date', 'required', 'filled']).where('school_id', '=', school).execute()
  const dates = [...new Set(coverage.map((c) => c.date))]
  expect(days.map((d) => d.date).sort()).toEqual(dates.sort())
  for (const d of days) {
    const mine = coverage.filter((c) => c.date === d.date)
    expect(Number(d.filled)).toBe(mine.reduce((n, c) => n + Number(c.filled), 0))
    expect(Number(d.required)).toBe(mine.reduce((n, c) => n + Number(c.required), 0))
  }
}

const signUp = (as: string, shiftId: string) => t.call({ method: 'POST', url: `/api/shifts/${shiftId}/signups`, as, payload: { role: 'volunteer' } })
const signupsOf = (shiftId: string) => t.ctx.db.selectFrom('signups').select(['person_id', 'status']).where('shift_id', '=', shiftId).execute()
const templateBody = (changes: Partial<ShiftTemplate>) => {
  const x = { ...template, ...changes }
  return {
    postId: x.postId,
    name: x.name,
    weekdays: x.weekdays,
    startTime: x.startTime,
    endTime: x.endTime,
    headcount: x.headcount,
    termStart: x.termStart,
    termEnd: x.termEnd,
    active: x.active,
  }
}

beforeAll(async () => {
  t = await createTestApp({}, clock)
  await t.ctx.db.deleteFrom('signups').execute()
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  school = (me.memberships[0].scope as { schoolId: string }).schoolId
  // only this test's shifts at the school, so every figure is ours
  await t.ctx.db.updateTable('shift_templates').set({ active: 0 }).where('school_id', '=', school).execute()
  await t.ctx.db.updateTable('shifts').set({ status: 'cancelled' }).where('school_id', '=', school).execute()
  await t.ctx.db.deleteFrom('shift_coverage').where('school_id', '=', school).execute()
  await t.ctx.db.deleteFrom('coverage_days').where('school_id', '=', school).execute()
  post = (await t.call({ method: 'POST', url: `/api/schools/${school}/posts`, as: '陈志强', payload: { name: '事务测试岗', lat: 28.6405, lng: 115.9172, radiusM: 120 } })).json().id
  const res = await t.call({
    method: 'POST',
    url: `/api/schools/${school}/templates`,
    as: '陈志强',
    payload: {
      postId: post,
      name: '早高峰',
      weekdays: [2, 3],
      startTime: '07:20',
      endTime: '08:00',
      headcount: { volunteer: 2, teacher: 0, guard: 0, police: 0 },
      termStart: '2026-09-01',
      termEnd: '2027-01-22',
    },
  })
  expect(res.statusCode).toBe(201)
  template = res.json()
  shifts = ((await t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=2026-11-30&to=2026-12-06`, as: '王芳' })).json().items as Shift[]).filter(
    (s) => s.postId === post,
  )
  expect(shifts.map((s) => s.date)).toEqual(['2026-12-01', '2026-12-02'])
})
afterAll(() => t.close())

describe('the coverage refresh is part of the write', () => {
  it('the summary equals the raw data after the template made the shifts', async () => {
    await expectSummaryEqualsRaw()
  })

  it('a signup whose refresh fails is not kept, and nobody is told anything', async () => {
    const outboxBefore = await t.ctx.db.selectFrom('outbox').select('id').execute()
    const allow = await refuseWritesTo('coverage_days')
    try {
      expect((await signUp('王芳', shifts[0].id)).statusCode).toBe(500)
    } finally {
      await allow()
    }
    expect(await signupsOf(shifts[0].id)).toEqual([])
    expect(await t.ctx.db.selectFrom('outbox').select('id').execute()).toHaveLength(outboxBefore.length)
    await expectSummaryEqualsRaw()
  })

  it('the same signup succeeds once the refresh can run, and the summary follows it', async () => {
    expect((await signUp('王芳', shifts[0].id)).statusCode).toBe(200)
    expect((await signUp('张伟', shifts[0].id)).statusCode).toBe(200)
    await expectSummaryEqualsRaw()
  })

  it('a release whose refresh fails leaves the place taken', async () => {
    const mine = ((await t.call({ method: 'GET', url: `/api/shifts/${shifts[0].id}`, as: '王芳' })).json() as Shift).mine!
    const allow = await refuseWritesTo('coverage_days')
    try {
      expect((await t.call({ method: 'POST', url: `/api/signups/${mine.signupId}/release`, as: '王芳' })).statusCode).toBe(500)
    } finally {
      await allow()
    }
    expect((await signupsOf(shifts[0].id)).filter((s) => s.status === 'active')).toHaveLength(2)
    expect((await t.call({ method: 'POST', url: `/api/signups/${mine.signupId}/release`, as: '王芳' })).statusCode).toBe(200)
    expect((await signupsOf(shifts[0].id)).filter((s) => s.status === 'active')).toHaveLength(1)
    await expectSummaryEqualsRaw()
  })
})

describe('a template change and the regeneration of its shifts are one transaction', () => {
  const shiftTimes = () => t.ctx.db.selectFrom('shifts').select(['id', 'start_time', 'status']).where('template_id', '=', template.id).orderBy('date').execute()
  const templateNow = async () =>
    ((await t.call({ method: 'GET', url: `/api/schools/${school}/templates`, as: '陈志强' })).json().items as ShiftTemplate[]).find((x) => x.id === template.id)!

  it('when the shifts cannot be rewritten the template keeps its old times', async () => {
    const before = await shiftTimes()
    const allow = await refuseWritesTo('shifts')
    try {
      const res = await t.call({ method: 'PUT', url: `/api/templates/${template.id}`, as: '陈志强', payload: templateBody({ startTime: '07:00', endTime: '07:50' }) })
      expect(res.statusCode).toBe(500)
    } finally {
      await allow()
    }
    expect(await templateNow()).toMatchObject({ startTime: '07:20', endTime: '08:00' })
    expect(await shiftTimes()).toEqual(before)
  })

  it('when the coverage of the moved shifts cannot be refreshed the template is not changed either', async () => {
    const allow = await refuseWritesTo('coverage_days')
    try {
      const res = await t.call({ method: 'PUT', url: `/api/templates/${template.id}`, as: '陈志强', payload: templateBody({ weekdays: [2, 3, 4] }) })
      expect(res.statusCode).toBe(500)
    } finally {
      await allow()
    }
    expect((await templateNow()).weekdays).toEqual([2, 3])
    expect((await shiftTimes()).filter((s) => s.status === 'scheduled')).toHaveLength(8)
  })

  it('a change that succeeds moves the template, its shifts and the summary together', async () => {
    const res = await t.call({
      method: 'PUT',
      url: `/api/templates/${template.id}`,
      as: '陈志强',
      payload: templateBody({ startTime: '07:00', endTime: '07:50', weekdays: [2, 3, 4] }),
    })
    expect(res.statusCode).toBe(200)
    const after = await shiftTimes()
    expect(after.filter((s) => s.status === 'scheduled')).toHaveLength(12)
    expect(after.every((s) => s.start_time === '07:00')).toBe(true)
    await expectSummaryEqualsRaw()
  })

  it('a calendar day off cancels its shift with the summary in the same transaction', async () => {
    const allow = await refuseWritesTo('coverage_days')
    try {
      const res = await t.call({ method: 'PUT', url: `/api/schools/${school}/calendar/2026-12-02`, as: '陈志强', payload: { kind: 'holiday', note: '停课' } })
      expect(res.statusCode).toBe(500)
    } finally {
      await allow()
    }
    expect((await t.call({ method: 'GET', url: `/api/schools/${school}/calendar`, as: '陈志强' })).json().items.map((d: { date: string }) => d.date)).not.toContain('2026-12-02')
    expect((await shiftTimes()).find((s) => s.id === shifts[1].id)?.status).toBe('scheduled')
    await expectSummaryEqualsRaw()
  })
})
