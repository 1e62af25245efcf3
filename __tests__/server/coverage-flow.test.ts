// Coverage from real shifts, signups and check-ins: the summary table agrees with the domain
// functions on the raw data, the views show the right rates and colours, exports carry the same.
import ExcelJS from 'exceljs'
import type { Me } from '../../types/api'
import type { AreaCoverage, SchoolCoverage } from '../../types/coverage'
import type { Shift } from '../../types/shifts'
import { coverageOf, coverageOfRange, shiftPlaces } from '../../domain/coverage'
import type { Clock } from '../../server/src/lib/clock'
import { closeShifts } from '../../server/src/modules/attendance/jobs'
import { parseHeadcount } from '../../server/src/modules/shifts/repository'
import { markCoverageStale, refreshCoverage, refreshStaleCoverage } from '../../server/src/modules/coverage/maintain'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-11-30T00:00:00Z') // Monday 08:00
const clock: Clock = { now: () => now }
let t: TestApp
let school: string
let post: { id: string; lat: number; lng: number }
let shifts: Shift[]
const localTime = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)

beforeAll(async () => {
  t = await createTestApp({}, clock)
  // no demo signups: the numbers below are this test's own (and the summary is refreshed to match)
  await t.ctx.db.deleteFrom('signups').execute()
  await refreshCoverage(
    t.ctx.db,
    (await t.ctx.db.selectFrom('shifts').select('id').execute()).map((s) => s.id),
  )
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  school = (me.memberships[0].scope as { schoolId: string }).schoolId
  // only our own template at this school, so the numbers are ours
  await t.ctx.db.updateTable('shift_templates').set({ active: 0 }).where('school_id', '=', school).execute()
  // the school's demo shifts cancelled, and their rows and roll-ups refreshed the way the server does
  await t.ctx.db.updateTable('shifts').set({ status: 'cancelled' }).where('school_id', '=', school).execute()
  await refreshCoverage(
    t.ctx.db,
    (await t.ctx.db.selectFrom('shifts').select('id').where('school_id', '=', school).execute()).map((s) => s.id),
  )
  post = (await t.call({ method: 'POST', url: `/api/schools/${school}/posts`, as: '陈志强', payload: { name: '覆盖率测试岗', lat: 28.6401, lng: 115.9174, radiusM: 150 } })).json()
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
      headcount: { volunteer: 2, teacher: 1, guard: 0, police: 0 },
      termStart: '2026-09-01',
      termEnd: '2027-01-22',
    },
  })
  shifts = ((await t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=2026-12-01&to=2026-12-04`, as: '王芳' })).json().items as Shift[]).filter(
    (s) => s.postId === post.id,
  )
  // Tue: 2 volunteers + teacher, all check in (one late); Wed: 1 volunteer who does not come; Thu, Fri: nobody
  const sign = (as: string, shift: Shift, role = 'volunteer') => t.call({ method: 'POST', url: `/api/shifts/${shift.id}/signups`, as, payload: { role } })
  for (const [as, role] of [
    ['王芳', 'volunteer'],
    ['张伟', 'volunteer'],
    ['李红梅', 'teacher'],
  ])
    await sign(as, shifts[0], role)
  await sign('刘洋', shifts[1])
  const atGate = async (action: 'check-in' | 'check-out', as: string, shift: Shift, hhmm: string) => {
    now = localTime(shift.date, hhmm)
    const mine = ((await t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=${shift.date}&to=${shift.date}`, as })).json().items as Shift[]).find(
      (s) => s.id === shift.id,
    )!.mine!
    const res = await t.call({
      method: 'POST',
      url: `/api/signups/${mine.signupId}/${action}`,
      as,
      payload: { lat: post.lat, lng: post.lng, accuracy: 10, idempotencyKey: `cov-${action}-${as}-${shift.date}` },
    })
    expect(res.statusCode).toBe(200)
  }
  await atGate('check-in', '王芳', shifts[0], '07:10')
  await atGate('check-in', '李红梅', shifts[0], '07:15')
  await atGate('check-in', '张伟', shifts[0], '07:30') // late
  await atGate('check-out', '张伟', shifts[0], '07:40') // 10 minutes of service: no hours
  await atGate('check-out', '王芳', shifts[0], '08:00')
  now = localTime('2026-12-02', '08:01')
  await closeShifts(t.ctx) // 刘洋 becomes a no-show
  now = localTime('2026-12-03', '12:00') // Thursday noon: Tue and Wed are over, Thu morning too
})
afterAll(() => t.close())

/** The summary rows that differ from the domain functions applied to the raw rows, by shift id. */
async function divergentRows(): Promise<{ compared: number; divergent: string[] }> {
  const rows = await t.ctx.db.selectFrom('shift_coverage').selectAll().execute()
  const raw = await t.ctx.db
    .selectFrom('shifts as s')
    .leftJoin('signups as g', (j) => j.onRef('g.shift_id', '=', 's.id').on('g.status', '=', 'active'))
    .leftJoin('attendance as a', 'a.signup_id', 'g.id')
    .select(['s.id', 's.headcount', 's.status', 'g.role', 'g.outcome', 'a.signup_id as checked', 'a.late'])
    .execute()
  const byShift = new Map<string, typeof raw>()
  for (const r of raw) byShift.set(r.id, [...(byShift.get(r.id) ?? []), r])
  let compared = 0
  const divergent: string[] = []
  for (const [id, list] of byShift) {
    if (list[0].status !== 'scheduled') continue
    const count = (pred: (r: (typeof list)[number]) => boolean) => {
      const out: Record<string, number> = {}
      for (const r of list.filter((x) => x.role && pred(x))) out[r.role as string] = (out[r.role as string] ?? 0) + 1
      return out
    }
    const expected = shiftPlaces({
      headcount: parseHeadcount(list[0].headcount),
      active: count(() => true),
      checkedIn: count((r) => !!r.checked),
      late: list.filter((r) => r.late === 1).length,
      noShow: list.filter((r) => r.outcome === 'no_show').length,
    })
    const row = rows.find((r) => r.shift_id === id)
    const actual = {
      required: row?.required,
      filled: row?.filled,
      attended: row?.attended,
      late: row?.late,
      noShow: row?.no_show,
      police: { required: row?.police_required, filled: row?.police_filled, attended: row?.police_attended },
    }
    if (JSON.stringify(actual) !== JSON.stringify(expected)) divergent.push(id)
    compared++
  }
  return { compared, divergent }
}

const staleShifts = async () => (await t.ctx.db.selectFrom('coverage_stale').select('shift_id').execute()).map((m) => m.shift_id)

it('the summary table agrees with the domain functions applied to the raw rows, except shifts marked stale, until the refresh job runs', async () => {
  // check-ins only mark their shift: a row may lag behind, but never without its mark
  const before = await divergentRows()
  const stale = await staleShifts()
  for (const id of before.divergent) expect(stale).toContain(id)
  await refreshStaleCoverage(t.ctx.db) // the coverage.refresh job
  const after = await divergentRows()
  expect(after.divergent).toEqual([])
  expect(after.compared).toBeGreaterThan(100) // the whole demo city's shifts, not just ours
  expect(await staleShifts()).toEqual([])
})

it("the principal sees this week's rates and colours", async () => {
  const c = (await t.call({ method: 'GET', url: `/api/coverage/schools/${school}?range=week`, as: '黄丽萍' })).json() as SchoolCoverage
  // The template was made on Monday at 08:00, after Monday's shift: Tue–Fri, 4 shifts × 3 = 12
  // required, 4 filled (Tue 3, Wed 1). Over by Thursday noon: Tue, Wed, Thu = 9 required, 3 attended.
  expect(c.totals).toEqual({
    required: 12,
    filled: 4,
    attended: 3,
    late: 1,
    noShow: 1,
    fillRate: 0.333,
    attendanceRate: 0.333,
    color: 'red',
    police: { required: 0, filled: 0, due: 0, attended: 0, rate: null },
  })
  expect(coverageOf([{ required: 9, filled: 4, attended: 3, late: 1, noShow: 1 }]).attendanceRate).toBe(c.totals.attendanceRate)
  expect(c.byPost).toEqual([expect.objectContaining({ postName: '覆盖率测试岗', required: 12 })])
  expect(c.byPeriod.map((p) => p.period)).toEqual(['morning'])
  const tuesday = c.daily.find((d) => d.date === '2026-12-01')!
  expect(tuesday).toMatchObject({ required: 3, attended: 3, attendanceRate: 1, color: 'green' })
  expect(c.daily.find((d) => d.date === '2026-12-02')).toMatchObject({ required: 3, attended: 0, noShow: 1, color: 'red' })
  expect(c.upcomingUnfilled.map((u) => u.date)).toContain('2026-12-04')
})

it('the people with the most hours this term come first, with the hours their check-outs earned', async () => {
  const c = (await t.call({ method: 'GET', url: `/api/coverage/schools/${school}?range=today`, as: '黄丽萍' })).json() as SchoolCoverage
  // whatever the range on screen, the list is the term's: 王芳 served 07:20–08:00 (0.5 h);
  // 张伟 stayed ten minutes and 李红梅 has not checked out (0 h each), one shift apiece
  expect(c.topVolunteers[0]).toMatchObject({ name: '王芳', hours: 0.5, shifts: 1 })
  expect(
    c.topVolunteers
      .slice(1)
      .map((v) => `${v.name} ${v.hours} ${v.shifts}`)
      .sort(),
  ).toEqual(['张伟 0 1', '李红梅 0 1'].sort())
})

it('the police see their schools worst first; the district admin the whole district', async () => {
  const police = (await t.call({ method: 'GET', url: '/api/coverage/area?range=week', as: '陈志强' })).json() as AreaCoverage
  expect(police.schools.map((s) => s.schoolName).sort()).toEqual(['青云谱区京山小学', '青云谱区实验学校'].sort())
  const admin = (await t.call({ method: 'GET', url: '/api/coverage/area?range=week', as: '周建国' })).json() as AreaCoverage
  expect(admin.schools).toHaveLength(4)
  const key = (r: { attendanceRate: number | null }) => r.attendanceRate ?? 2
  expect(admin.schools.map(key)).toEqual([...admin.schools.map(key)].sort((a, b) => a - b))
  expect(admin.totals.required).toBe(admin.schools.reduce((s, r) => s + r.required, 0))
  expect((await t.call({ method: 'GET', url: `/api/coverage/area?range=week&stationId=${await stationId('系马桩派出所')}`, as: '周建国' })).statusCode).toBe(403)
})

it('a principal sees only her school', async () => {
  expect((await t.call({ method: 'GET', url: `/api/coverage/schools/${school}?range=week`, as: '胡晓东' })).statusCode).toBe(403)
  expect((await t.call({ method: 'GET', url: '/api/coverage/area?range=week', as: '黄丽萍' })).statusCode).toBe(403)
})

it('the export carries the same numbers', async () => {
  const res = await t.call({ method: 'GET', url: `/api/coverage/schools/${school}/export?range=week`, as: '黄丽萍' })
  expect(res.headers['content-type']).toContain('spreadsheetml')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const summary = book.getWorksheet('汇总')!.getRow(2).values as unknown[]
  // no police place at this test's gate: the 警力 columns are zero and the rate a dash
  expect(summary.slice(3)).toEqual([12, 4, 3, '33.3%', '33.3%', 1, 1, '不足', 0, 0, 0, 0, '—'])
})

it('the principal asks the police to assign someone to a gap', async () => {
  const c = (await t.call({ method: 'GET', url: `/api/coverage/schools/${school}?range=week`, as: '黄丽萍' })).json() as SchoolCoverage
  const res = await t.call({ method: 'POST', url: '/api/coverage/ask-assign', as: '黄丽萍', payload: { shiftId: c.upcomingUnfilled[0].shiftId } })
  expect(res.json()).toEqual({ notified: 1 })
})

it("the area view, read from the schools' days and today's shifts, gives exactly what the shift rows give", async () => {
  await refreshStaleCoverage(t.ctx.db)
  const shiftRows = await t.ctx.db.selectFrom('shift_coverage').selectAll().execute()
  // every school's day is the sum of its shifts' rows, and there is a day for every shift's day
  const COLS = ['required', 'filled', 'attended', 'late', 'no_show', 'police_required', 'police_filled', 'police_attended'] as const
  const expectedDays = new Map<string, Record<(typeof COLS)[number], number> & { last_ends_at: string }>()
  for (const r of shiftRows) {
    const key = `${r.school_id}|${r.date}`
    const d = expectedDays.get(key) ?? { ...(Object.fromEntries(COLS.map((c) => [c, 0])) as Record<(typeof COLS)[number], number>), last_ends_at: '' }
    const next = { ...d, last_ends_at: r.ends_at > d.last_ends_at ? r.ends_at : d.last_ends_at }
    for (const c of COLS) next[c] = d[c] + r[c]
    expectedDays.set(key, next)
  }
  const days = await t.ctx.db.selectFrom('coverage_days').selectAll().execute()
  expect(days.length).toBe(expectedDays.size)
  for (const d of days) {
    const { school_id, date, station_id, district_id, ...sums } = d
    expect({ key: `${school_id}|${date}`, ...sums, ...Object.fromEntries(COLS.map((c) => [c, Number(sums[c])])) }).toEqual({
      key: `${school_id}|${date}`,
      ...expectedDays.get(`${school_id}|${date}`),
    })
    expect(station_id && district_id).toBeTruthy()
  }
  // Thursday noon: the morning shifts are over, the afternoon's are not (today is summed from its shifts)
  const nowIso = now.toISOString()
  for (const range of ['today', 'week', 'term'] as const) {
    const area = (await t.call({ method: 'GET', url: `/api/coverage/area?range=${range}`, as: '周建国' })).json() as AreaCoverage
    expect(area.schools.length).toBeGreaterThan(0)
    for (const row of area.schools) {
      const mine = shiftRows.filter((r) => r.school_id === row.schoolId && r.date >= area.from && r.date <= area.to)
      const sum = (rows: typeof mine, k: (typeof COLS)[number]) => rows.reduce((t, r) => t + r[k], 0)
      const over = mine.filter((r) => r.ends_at <= nowIso)
      const expected = coverageOfRange(
        {
          required: sum(mine, 'required'),
          filled: sum(mine, 'filled'),
          attended: sum(mine, 'attended'),
          late: sum(over, 'late'),
          noShow: sum(over, 'no_show'),
          police: { required: sum(mine, 'police_required'), filled: sum(mine, 'police_filled'), attended: 0 },
        },
        {
          required: sum(over, 'required'),
          filled: sum(over, 'filled'),
          attended: sum(over, 'attended'),
          late: sum(over, 'late'),
          noShow: sum(over, 'no_show'),
          police: { required: sum(over, 'police_required'), filled: 0, attended: sum(over, 'police_attended') },
        },
      )
      expect(row).toEqual({ schoolId: row.schoolId, schoolName: row.schoolName, stationName: row.stationName, alarms: row.alarms, ...expected })
    }
  }
})

async function stationId(name: string) {
  return (await t.ctx.db.selectFrom('stations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}

it('a check-in counts in the coverage view at once: the view brings its stale rows up to date first, and the job mends any row left behind', async () => {
  const friday = shifts[3]
  const row = () => t.ctx.db.selectFrom('shift_coverage').selectAll().where('shift_id', '=', friday.id).executeTakeFirstOrThrow()
  await t.call({ method: 'POST', url: `/api/shifts/${friday.id}/signups`, as: '张伟', payload: { role: 'volunteer' } })
  now = localTime(friday.date, '07:15')
  const attendedBefore = (await row()).attended
  const mine = ((await t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=${friday.date}&to=${friday.date}`, as: '张伟' })).json().items as Shift[]).find(
    (s) => s.id === friday.id,
  )!.mine!
  expect(
    (
      await t.call({
        method: 'POST',
        url: `/api/signups/${mine.signupId}/check-in`,
        as: '张伟',
        payload: { lat: post.lat, lng: post.lng, accuracy: 10, idempotencyKey: 'cov-friday' },
      })
    ).statusCode,
  ).toBe(200)
  // the check-in wrote its mark, not the row
  expect(await staleShifts()).toContain(friday.id)
  expect((await row()).attended).toBe(attendedBefore)
  // the principal's view, once the shift is over, refreshes the school's marked rows before it reads
  now = localTime(friday.date, '08:05')
  const c = (await t.call({ method: 'GET', url: `/api/coverage/schools/${school}?range=today`, as: '黄丽萍' })).json() as SchoolCoverage
  expect((await row()).attended).toBe(attendedBefore + 1)
  expect(c.byPost.find((p) => p.postName === '覆盖率测试岗')).toMatchObject({ attended: attendedBefore + 1 })
  expect(await staleShifts()).not.toContain(friday.id)
  // a row that is wrong for whatever reason, once marked, is recomputed by the job
  await t.ctx.db.updateTable('shift_coverage').set({ attended: 99 }).where('shift_id', '=', friday.id).execute()
  await markCoverageStale(t.ctx.db, [friday.id], now)
  expect(await refreshStaleCoverage(t.ctx.db)).toBeGreaterThanOrEqual(1)
  expect((await row()).attended).toBe(attendedBefore + 1)
})
