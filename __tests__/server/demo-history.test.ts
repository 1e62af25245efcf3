// The demo city's term so far (seedDemoHistory), on a frozen clock: every school day from the
// term's start up to yesterday is lived through the services, with the outcomes a principal, an
// officer and a district expect to see; the same day always plays out the same way.
import type { AreaCoverage, SchoolCoverage } from '../../types/coverage'
import type { HoursSummary } from '../../types/attendance'
import type { Me } from '../../types/api'
import type { Clock } from '../../server/src/lib/clock'
import { chance, pastSchoolDays } from '../../server/src/db/seed/demo-history'
import { createTestApp, type TestApp } from './support/test-app'

jest.setTimeout(600_000) // PostgreSQL under load: the two seedings take minutes

// Wednesday 30 September 2026, 10:00 in Nanchang: 22 school days since 1 September
const now = new Date('2026-09-30T02:00:00Z')
const clock: Clock = { now: () => now }

async function facts(t: TestApp) {
  const db = t.ctx.db
  const outcomes = await db
    .selectFrom('signups')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('outcome')
    .execute()
  const hazards = await db.selectFrom('hazards').select(['status', 'deadline']).execute()
  const exceptions = await db
    .selectFrom('duty_exceptions as e')
    .innerJoin('signups as g', 'g.id', 'e.signup_id')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .select(['e.kind', 'e.status', 's.date'])
    .execute()
  const attendance = await db.selectFrom('attendance').select(['late', 'early_leave', 'check_in_at']).execute()
  const shiftDates = await db.selectFrom('shifts as s').innerJoin('attendance as a', 'a.shift_id', 's.id').select('s.date').distinct().orderBy('s.date').execute()
  const receipts = await db.selectFrom('notice_receipts').select(['read_at', 'acked_at']).execute()
  const drills = await db.selectFrom('drills').select('id').execute()
  const swaps = await db.selectFrom('swaps').select('status').execute()
  return { outcomes, hazards, exceptions, attendance, shiftDates: shiftDates.map((r) => r.date), receipts, drills, swaps }
}

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ demoHistory: true }, clock)
})
afterAll(() => t.close())

describe('the term so far', () => {
  it('covers every school day from the term’s start up to yesterday, and today’s shifts already over', async () => {
    const days = pastSchoolDays(now)
    expect(days[0]).toBe('2026-09-01')
    expect(days.at(-1)).toBe('2026-09-29')
    expect(days).toHaveLength(21)
    const f = await facts(t)
    expect(f.shiftDates).toEqual([...days, '2026-09-30'])
    // today: the morning peak (over at 08:00), not the afternoon one still to come
    const today = await t.ctx.db
      .selectFrom('signups as g')
      .innerJoin('shifts as s', 's.id', 'g.shift_id')
      .select(['s.ends_at'])
      .where('s.date', '=', '2026-09-30')
      .where('g.outcome', 'is not', null)
      .execute()
    expect(today.length).toBeGreaterThan(0)
    expect(today.every((r) => new Date(r.ends_at) < now)).toBe(true)
    expect(f.attendance.every((a) => new Date(a.check_in_at) < now)).toBe(true)
  })

  it('has duty as it happens: attended, late, early leaves, no-shows, forgotten check-outs, outside-fence check-ins reviewed', async () => {
    const f = await facts(t)
    const count = (o: string | null) => Number(f.outcomes.find((r) => r.outcome === o)?.n ?? 0)
    expect(count('attended')).toBeGreaterThan(500)
    expect(count('no_show')).toBeGreaterThan(0)
    expect(count('missing_checkout')).toBeGreaterThan(0)
    expect(f.attendance.filter((a) => a.late === 1).length).toBeGreaterThan(0)
    expect(f.attendance.filter((a) => a.early_leave === 1).length).toBeGreaterThan(0)
    const outside = f.exceptions.filter((e) => e.kind === 'outside_fence')
    expect(outside.length).toBeGreaterThan(0)
    // the police reviewed every exception before today (today's wait for them), some not accepted
    expect(f.exceptions.filter((e) => e.status === 'pending' && e.date < '2026-09-30')).toEqual([])
    expect(outside.some((e) => e.status === 'rejected')).toBe(true)
    expect(f.swaps.length).toBeGreaterThan(0)
  })

  it('has hazards in every state, some overdue, notices with receipts, and drills', async () => {
    const f = await facts(t)
    const states = new Set(f.hazards.map((h) => h.status))
    for (const s of ['submitted', 'accepted', 'rejected', 'duplicate', 'assigned', 'resolved', 'closed']) expect(states).toContain(s)
    expect(f.hazards.some((h) => h.status === 'assigned' && h.deadline !== null && new Date(h.deadline) < now)).toBe(true)
    expect(f.hazards.some((h) => h.status === 'assigned' && h.deadline !== null && new Date(h.deadline) > now)).toBe(true)
    expect(f.receipts.filter((r) => r.read_at).length).toBeGreaterThan(0)
    expect(f.receipts.filter((r) => r.acked_at).length).toBeGreaterThan(0)
    expect(f.receipts.filter((r) => !r.read_at).length).toBeGreaterThan(0)
    expect(f.drills.length).toBeGreaterThan(0)
  })

  it('reads on the principal’s term view and a volunteer’s hours', async () => {
    const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
    const schoolId = (me.memberships.find((m) => m.role === 'principal')!.scope as { schoolId: string }).schoolId
    const term = (await t.call({ method: 'GET', url: `/api/coverage/schools/${schoolId}?range=term`, as: '黄丽萍' })).json() as SchoolCoverage
    expect(term.totals.attendanceRate).toBeGreaterThan(0.5)
    const past = term.daily.filter((d) => d.date <= '2026-09-30')
    expect(past).toHaveLength(22)
    expect(past.every((d) => d.attendanceRate !== null && d.attended > 0)).toBe(true)
    // the schools differ, as real ones do: some days green, some not
    expect(new Set(past.map((d) => d.color)).size).toBeGreaterThan(1)
    expect(term.topVolunteers.length).toBeGreaterThan(0)
    const hours = (await t.call({ method: 'GET', url: '/api/me/hours', as: '王芳' })).json() as HoursSummary
    expect(hours.totalHours).toBeGreaterThan(0)
  })

  it('has the police at the gates: officers checked in at both peaks, and 警力到岗 on the district view', async () => {
    const police = await t.ctx.db
      .selectFrom('attendance as a')
      .innerJoin('signups as g', 'g.id', 'a.signup_id')
      .innerJoin('shifts as s', 's.id', 'a.shift_id')
      .innerJoin('shift_templates as tp', 'tp.id', 's.template_id')
      .select(['tp.name', 'a.person_id'])
      .where('g.role', '=', 'police')
      .execute()
    expect(new Set(police.map((p) => p.name))).toEqual(new Set(['早高峰', '晚高峰']))
    expect(new Set(police.map((p) => p.person_id)).size).toBe(3) // every station's officer
    const district = (await t.call({ method: 'GET', url: '/api/coverage/area?range=term', as: '周建国' })).json() as AreaCoverage
    expect(district.totals.police.attended).toBeGreaterThan(0)
    expect(district.totals.police.rate).toBeGreaterThan(0)
    // an officer of a station with two schools stands at one gate at a time: not every police place is met
    expect(district.totals.police.rate).toBeLessThan(1)
  })

  it('keeps the demo logins as they were: the invited parents are people of the city, not demo logins', async () => {
    const names = (await t.demoPeople()).map((p) => p.name)
    expect(names).toContain('王芳')
    const invited = await t.ctx.db.selectFrom('people').select('name').where('wx_openid', 'like', 'demo-parent-%').execute()
    expect(invited).toHaveLength(48)
    expect(names.filter((n) => invited.some((p) => p.name === n))).toEqual([])
    // each of them joined with an invite and was approved
    const approved = await t.ctx.db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select('m.invite_id')
      .where('p.wx_openid', 'like', 'demo-parent-%')
      .where('m.status', '=', 'approved')
      .execute()
    expect(approved).toHaveLength(48)
    expect(approved.every((m) => m.invite_id !== null)).toBe(true)
  })
})

describe('determinism', () => {
  it('a choice is a function of what it is about', () => {
    expect(chance('青云谱区京山小学|2026-09-01|早高峰|王芳|signup')).toBe(chance('青云谱区京山小学|2026-09-01|早高峰|王芳|signup'))
    const spread = Array.from({ length: 2000 }, (_v, i) => chance(`k${i}`))
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...spread)).toBeLessThan(1)
    expect(spread.filter((x) => x < 0.5).length).toBeGreaterThan(900)
    expect(spread.filter((x) => x < 0.5).length).toBeLessThan(1100)
  })

  it('seeding the same day again gives the same term', async () => {
    const again = await createTestApp({ demoHistory: true }, clock)
    try {
      const [a, b] = await Promise.all([facts(t), facts(again)])
      const shape = (f: Awaited<ReturnType<typeof facts>>) => ({
        outcomes: [...f.outcomes].sort((x, y) => String(x.outcome).localeCompare(String(y.outcome))).map((r) => [r.outcome, Number(r.n)]),
        hazards: f.hazards.map((h) => h.status).sort(),
        exceptions: f.exceptions.map((e) => `${e.kind}:${e.status}`).sort(),
        late: f.attendance.filter((x) => x.late === 1).length,
        checkIns: f.attendance.map((x) => x.check_in_at).sort(),
        receipts: f.receipts.length,
      })
      expect(shape(b)).toEqual(shape(a))
    } finally {
      await again.close()
    }
  })
})
