// The roll-ups the city reads (coverage_days, coverage_school_months, coverage_station_days,
// duty_days, duty_months, duty_station_days) against the raw rows they sum, on the demo city's
// term so far: as seeded, after a shift with check-ins moves to another day, and after a shift
// with signups is cancelled. And the city's term view, read from month rows plus or minus a few
// day rows, equals the sums of the shift rows school by school.
import type { AreaCoverage } from '../../types/coverage'
import type { Role } from '../../types/org'
import { coverageOfRange } from '../../domain/coverage'
import { participantKind } from '../../domain/bulletin'
import { termSoFar } from '../../domain/term'
import { dayjs, localToInstant } from '../../domain/time'
import type { Clock } from '../../server/src/lib/clock'
import { refreshCoverage, refreshStaleCoverage } from '../../server/src/modules/coverage/maintain'
import { monthPieces } from '../../server/src/modules/coverage/periods'
import { createTestApp, type TestApp } from './support/test-app'

jest.setTimeout(600_000) // the demo term's seeding takes minutes under load
const now = new Date('2026-10-29T04:00:00Z') // a Thursday, noon in Nanchang: the morning is over, the afternoon not
const clock: Clock = { now: () => now }
let t: TestApp
const COLS = ['required', 'filled', 'attended', 'late', 'no_show', 'police_required', 'police_filled', 'police_attended'] as const
type Sums = Record<(typeof COLS)[number], number>

beforeAll(async () => {
  t = await createTestApp({ demoHistory: true }, clock)
})

afterAll(async () => {
  await t.close()
})

function add(map: Map<string, Sums>, key: string, row: Partial<Record<(typeof COLS)[number], number | string | null>>) {
  const s = map.get(key) ?? (Object.fromEntries(COLS.map((c) => [c, 0])) as Sums)
  for (const c of COLS) s[c] += Number(row[c] ?? 0)
  map.set(key, s)
}
const pick = (r: Partial<Record<(typeof COLS)[number], number | string | null>>) => Object.fromEntries(COLS.map((c) => [c, Number(r[c] ?? 0)])) as Sums
const hours = (n: unknown) => Math.round(Number(n ?? 0) * 100) / 100

/** Every roll-up recomputed here from the raw rows equals the stored one. */
async function expectRollupsExact() {
  const db = t.ctx.db
  await refreshStaleCoverage(db)
  const shiftRows = await db.selectFrom('shift_coverage').selectAll().execute()
  const schoolDays = new Map<string, Sums>()
  const schoolMonths = new Map<string, Sums>()
  const stationDays = new Map<string, Sums>()
  for (const r of shiftRows) {
    add(schoolDays, `${r.school_id}|${r.date}`, r)
    add(schoolMonths, `${r.school_id}|${r.date.slice(0, 7)}`, r)
    add(stationDays, `${r.station_id}|${r.date}`, r)
  }
  const [days, months, stations] = await Promise.all([
    db.selectFrom('coverage_days').selectAll().execute(),
    db.selectFrom('coverage_school_months').selectAll().execute(),
    db.selectFrom('coverage_station_days').selectAll().execute(),
  ])
  expect(new Map(days.map((d) => [`${d.school_id}|${d.date}`, pick(d)]))).toEqual(schoolDays)
  expect(new Map(months.map((d) => [`${d.school_id}|${d.month}`, pick(d)]))).toEqual(schoolMonths)
  expect(new Map(stations.map((d) => [`${d.station_id}|${d.date}`, pick(d)]))).toEqual(stationDays)

  // who stood where on which day as what, from the check-ins themselves
  const checkIns = await db
    .selectFrom('attendance as a')
    .innerJoin('signups as g', 'g.id', 'a.signup_id')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('schools as sc', 'sc.id', 'a.school_id')
    .leftJoin('memberships as m', (j) => j.onRef('m.person_id', '=', 'a.person_id').onRef('m.school_id', '=', 'a.school_id').onRef('m.role', '=', 'g.role'))
    .select(['a.school_id', 'sc.station_id', 's.date', 'a.person_id', 'g.role', 'a.hours', 'm.volunteer_kind'])
    .execute()
  const dutyDays = new Map<string, { shifts: number; hours: number }>()
  const dutyMonths = new Map<string, { days: Set<number>; hours: number }>()
  const stationHours = new Map<string, number>()
  for (const a of checkIns) {
    const kind = participantKind(a.role as Role, a.volunteer_kind)
    const day = dutyDays.get(`${a.school_id}|${a.date}|${a.person_id}|${kind}`) ?? { shifts: 0, hours: 0 }
    dutyDays.set(`${a.school_id}|${a.date}|${a.person_id}|${kind}`, { shifts: day.shifts + 1, hours: hours(day.hours + Number(a.hours ?? 0)) })
    const month = dutyMonths.get(`${a.school_id}|${a.date.slice(0, 7)}|${a.person_id}|${kind}`) ?? { days: new Set<number>(), hours: 0 }
    month.days.add(Number(a.date.slice(8, 10)))
    month.hours = hours(month.hours + Number(a.hours ?? 0))
    dutyMonths.set(`${a.school_id}|${a.date.slice(0, 7)}|${a.person_id}|${kind}`, month)
    stationHours.set(`${a.station_id}|${a.date}|${kind}`, hours((stationHours.get(`${a.station_id}|${a.date}|${kind}`) ?? 0) + Number(a.hours ?? 0)))
  }
  const [dd, dm, dsd] = await Promise.all([
    db.selectFrom('duty_days').selectAll().execute(),
    db.selectFrom('duty_months').selectAll().execute(),
    db.selectFrom('duty_station_days').selectAll().execute(),
  ])
  expect(new Map(dd.map((d) => [`${d.school_id}|${d.date}|${d.person_id}|${d.kind}`, { shifts: Number(d.shifts), hours: hours(d.hours) }]))).toEqual(dutyDays)
  const bits = (days: Set<number>) => [...days].reduce((t, d) => t + 2 ** (d - 1), 0)
  expect(new Map(dm.map((d) => [`${d.school_id}|${d.month}|${d.person_id}|${d.kind}`, { days: Number(d.days), hours: hours(d.hours) }]))).toEqual(
    new Map([...dutyMonths].map(([k, v]) => [k, { days: bits(v.days), hours: v.hours }])),
  )
  expect(new Map(dsd.map((d) => [`${d.station_id}|${d.date}|${d.kind}`, hours(d.hours)]))).toEqual(stationHours)
  return { shiftRows, checkIns }
}

/** The city's view of a range, school by school, equals the sums of the shift rows. */
async function expectCityViewExact(range: 'week' | 'term') {
  const shiftRows = await t.ctx.db.selectFrom('shift_coverage').selectAll().execute()
  const area = (await t.call({ method: 'GET', url: `/api/coverage/area?range=${range}`, as: '孙明' })).json() as AreaCoverage
  expect(area.level).toBe('city')
  const nowIso = now.toISOString()
  let required = 0
  for (const row of area.schools) {
    const mine = shiftRows.filter((r) => r.school_id === row.schoolId && r.date >= area.from && r.date <= area.to)
    const over = mine.filter((r) => r.ends_at <= nowIso)
    const sum = (rows: typeof mine, k: (typeof COLS)[number]) => rows.reduce((t, r) => t + r[k], 0)
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
    required += row.required
  }
  expect(required).toBeGreaterThan(0)
  expect(area.totals.required).toBe(required)
  return area
}

it('a period is its whole months plus or minus a few days, and adds up to its days exactly', () => {
  // a day's value from its date; a month's the sum of its days
  const value = (d: string) => Number(d.replace(/-/g, '')) % 997
  const daysOf = (from: string, to: string) => {
    const out: string[] = []
    for (let d = dayjs(from); d.format('YYYY-MM-DD') <= to; d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'))
    return out
  }
  const monthTotal = (m: string) => daysOf(`${m}-01`, dayjs(`${m}-01`).endOf('month').format('YYYY-MM-DD')).reduce((t, d) => t + value(d), 0)
  for (const [from, to] of [
    ['2026-09-01', '2027-01-22'],
    ['2026-09-01', '2026-10-28'],
    ['2026-10-30', '2027-01-22'],
    ['2026-10-03', '2026-10-27'],
    ['2026-10-14', '2026-10-16'],
    ['2026-02-16', '2026-07-03'],
    ['2026-12-31', '2027-01-01'],
  ]) {
    const p = monthPieces(from, to)
    const got =
      p.months.reduce((t, m) => t + monthTotal(m), 0) +
      p.plus.flatMap((r) => daysOf(r.from, r.to)).reduce((t, d) => t + value(d), 0) -
      p.minus.flatMap((r) => daysOf(r.from, r.to)).reduce((t, d) => t + value(d), 0)
    expect({ from, to, got }).toEqual({ from, to, got: daysOf(from, to).reduce((t, d) => t + value(d), 0) })
    // never more than half a month of day rows at either end
    expect([...p.plus, ...p.minus].flatMap((r) => daysOf(r.from, r.to)).length).toBeLessThanOrEqual(32)
  }
  expect(monthPieces('2026-10-02', '2026-10-01')).toEqual({ months: [], plus: [], minus: [] })
})

it('the roll-ups equal the raw rows of the demo term, and so does the city view', async () => {
  const { checkIns } = await expectRollupsExact()
  expect(checkIns.length).toBeGreaterThan(0)
  const term = await expectCityViewExact('term')
  // 本学期 is the term so far, as in the bulletin
  expect({ from: term.from, to: term.to }).toEqual({ from: termSoFar(now).from, to: '2026-10-29' })
  await expectCityViewExact('week')
})

it('a shift with check-ins moved to another day leaves no trace on its old day', async () => {
  const db = t.ctx.db
  const shift = await db
    .selectFrom('shifts as s')
    .innerJoin('attendance as a', 'a.shift_id', 's.id')
    .select(['s.id', 's.date', 's.start_time', 's.end_time', 's.school_id'])
    .where('s.date', '<', '2026-10-20')
    .where('s.date', '>=', '2026-10-05')
    .orderBy('s.date')
    .executeTakeFirstOrThrow()
  const oldDate = shift.date
  // to a Sunday of September: another month, and a day of no shift of its template
  const newDate = '2026-09-27'
  const before = await db.selectFrom('duty_days').select(['person_id']).where('school_id', '=', shift.school_id).where('date', '=', oldDate).execute()
  expect(before.length).toBeGreaterThan(0)
  await db
    .updateTable('shifts')
    .set({ date: newDate, starts_at: localToInstant(newDate, shift.start_time), ends_at: localToInstant(newDate, shift.end_time) })
    .where('id', '=', shift.id)
    .execute()
  await refreshCoverage(db, [shift.id])
  const { shiftRows } = await expectRollupsExact()
  expect(shiftRows.find((r) => r.shift_id === shift.id)?.date).toBe(newDate)
  await expectCityViewExact('term')
})

it('a cancelled shift leaves the roll-ups and the city view', async () => {
  const db = t.ctx.db
  const shift = await db
    .selectFrom('shifts as s')
    .innerJoin('signups as g', 'g.shift_id', 's.id')
    .select(['s.id'])
    .where('s.status', '=', 'scheduled')
    .where('g.status', '=', 'active')
    .where('s.date', '>', '2026-10-29')
    .executeTakeFirstOrThrow()
  await db.updateTable('shifts').set({ status: 'cancelled' }).where('id', '=', shift.id).execute()
  await db.updateTable('signups').set({ status: 'cancelled' }).where('shift_id', '=', shift.id).execute()
  await refreshCoverage(db, [shift.id])
  const { shiftRows } = await expectRollupsExact()
  expect(shiftRows.some((r) => r.shift_id === shift.id)).toBe(false)
  await expectCityViewExact('week')
  await expectCityViewExact('term')
})
