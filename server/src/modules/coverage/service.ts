// Coverage views: a school's, a station's schools side by side, a district's schools ranked.
// All numbers come from shift_coverage through domain/coverage, so screen, export and tests agree.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { AreaCoverage, CoverageRange, Period, SchoolCoverage, SchoolCoverageRow } from '@/types/coverage'
import { CITY_SCOPE, can, reachIsEmpty, reachOf, rolesWith, type Reach } from '@/domain/authorization'
import { authorize } from '../../lib/authorize'
import { reachFilter } from '../../lib/reach'
import { coverageOfRange, ratio, worstFirst, type PlaceSums } from '@/domain/coverage'
import { STILL_OPEN_STATUSES } from '@/domain/hazards'
import { currentTerm, termSoFar } from '@/domain/term'
import { dayjs, local, localToInstant } from '@/domain/time'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { badRequest, forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { getSchoolRef } from '../org/repository'
import { enqueue } from '../outbox/outbox'
import { refreshStaleCoverage } from './maintain'
import { monthPieces, type DateRange, type MonthPieces } from './periods'
import { alarmReview, NO_ALARMS, type AlarmPeriod } from '../alarms/repository'
import { PAGES } from '@/types/pages'

type Db = Kysely<Database>

/** The instants of a range of local dates: from the first day's midnight to the midnight after the last. */
export function rangePeriod(dates: { from: string; to: string }): AlarmPeriod {
  return { from: localToInstant(dates.from, '00:00'), to: localToInstant(dayjs(dates.to).add(1, 'day').format('YYYY-MM-DD'), '00:00') }
}

export function rangeDates(range: CoverageRange, now: Date): { from: string; to: string } {
  const today = local(now)
  if (range === 'today') return { from: today.format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') }
  if (range === 'week') {
    const monday = today.subtract(today.isoWeekday() - 1, 'day')
    return { from: monday.format('YYYY-MM-DD'), to: monday.add(6, 'day').format('YYYY-MM-DD') }
  }
  // the term so far, as the bulletin's 本学期 (domain/term.ts)
  const term = termSoFar(now)
  return { from: term.from, to: term.to }
}

type Column = 'required' | 'filled' | 'attended' | 'late' | 'no_show' | 'police_required' | 'police_filled' | 'police_attended'

/** Sums over the range, and over the shifts already over, in one pass of the summary table. */
export function sums(db: Db, nowIso: string) {
  return db.selectFrom('shift_coverage as c').select((eb) => sumColumns(eb, 'c', 'c.ends_at', nowIso))
}

/**
 * The sums' columns over a table of coverage counts (`alias`.required …): the "over" sums count
 * the rows whose `endsAt` is past (shift_coverage's shift end, a school day's or a station day's last end).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sumColumns(eb: ExpressionBuilder<any, any>, alias: string, endsAt: string, nowIso: string) {
  const over = (col: Column) =>
    eb.fn.sum<number>(
      eb
        .case()
        .when(endsAt, '<=', nowIso)
        .then(eb.ref(`${alias}.${col}`))
        .else(0)
        .end(),
    )
  return [
    eb.fn.sum<number>(`${alias}.required`).as('required'),
    eb.fn.sum<number>(`${alias}.filled`).as('filled'),
    eb.fn.sum<number>(`${alias}.attended`).as('attended'),
    eb.fn.sum<number>(`${alias}.police_required`).as('police_required'),
    eb.fn.sum<number>(`${alias}.police_filled`).as('police_filled'),
    over('required').as('o_required'),
    over('filled').as('o_filled'),
    over('attended').as('o_attended'),
    over('late').as('o_late'),
    over('no_show').as('o_no_show'),
    over('police_required').as('o_police_required'),
    over('police_attended').as('o_police_attended'),
  ]
}

type Sum = number | string | null
const SUM_KEYS = [
  'required',
  'filled',
  'attended',
  'police_required',
  'police_filled',
  'o_required',
  'o_filled',
  'o_attended',
  'o_late',
  'o_no_show',
  'o_police_required',
  'o_police_attended',
] as const
export type SumRow = Record<(typeof SUM_KEYS)[number], Sum>

/** The columns of the roll-ups (coverage_days, coverage_school_months, coverage_station_days). */
const DAY_COLUMNS = ['required', 'filled', 'attended', 'late', 'no_show', 'police_required', 'police_filled', 'police_attended'] as const
type DayRow = Record<(typeof DAY_COLUMNS)[number], Sum>

/** A roll-up's sums of whole days as sum columns: days before today all over, days after it none. */
function wholeDays(r: DayRow, over: boolean): SumRow {
  const o = (v: Sum) => (over ? v : 0)
  return {
    required: r.required,
    filled: r.filled,
    attended: r.attended,
    police_required: r.police_required,
    police_filled: r.police_filled,
    o_required: o(r.required),
    o_filled: o(r.filled),
    o_attended: o(r.attended),
    o_late: o(r.late),
    o_no_show: o(r.no_show),
    o_police_required: o(r.police_required),
    o_police_attended: o(r.police_attended),
  }
}

/**
 * Each school's sums over whole days (a period that leaves out today), from its month rows plus
 * or minus a few day rows (periods.ts): one row per school and piece, added up here.
 */
async function schoolSums(db: Db, scope: Reach, p: MonthPieces): Promise<(DayRow & { school_id: string })[]> {
  const inScope = { station: 'c.station_id', district: 'c.district_id' }
  const ranges = [...p.plus, ...p.minus]
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const inRange = (eb: ExpressionBuilder<any, any>, r: DateRange) => eb.and([eb('c.date', '>=', r.from), eb('c.date', '<=', r.to)])
  const [months, days] = await Promise.all([
    p.months.length
      ? db
          .selectFrom('coverage_school_months as c')
          .select((eb) => ['c.school_id', ...DAY_COLUMNS.map((col) => eb.fn.sum<number>(`c.${col}`).as(col))])
          .where((eb) => reachFilter(eb, scope, inScope))
          .where('c.month', 'in', p.months)
          .groupBy('c.school_id')
          .execute()
      : [],
    ranges.length
      ? db
          .selectFrom('coverage_days as c')
          .select((eb) => [
            'c.school_id',
            ...DAY_COLUMNS.map((col) =>
              (p.minus.length
                ? eb.fn.sum<number>(
                    eb
                      .case()
                      .when(eb.or(p.minus.map((r) => inRange(eb, r))))
                      .then(sql<number>`0 - ${eb.ref(`c.${col}`)}`)
                      .else(eb.ref(`c.${col}`))
                      .end(),
                  )
                : eb.fn.sum<number>(`c.${col}`)
              ).as(col),
            ),
          ])
          .where((eb) => reachFilter(eb, scope, inScope))
          .where((eb) => eb.or(ranges.map((r) => inRange(eb, r))))
          .groupBy('c.school_id')
          .execute()
      : [],
  ])
  return [...months, ...days] as (DayRow & { school_id: string })[]
}

/** Adds sum rows that share a key (a school, a date): the days' part and today's part. */
function sumsByKey<K extends string>(key: K, ...parts: (SumRow & Record<K, string>)[][]): Map<string, SumRow> {
  const groups = new Map<string, SumRow[]>()
  for (const r of parts.flat()) groups.set(r[key], [...(groups.get(r[key]) ?? []), r])
  return new Map([...groups].map(([k, rows]) => [k, addSums(rows)]))
}

export function numbers(r: Partial<SumRow> | undefined) {
  const n = (v: Sum | undefined) => Number(v ?? 0)
  const all: PlaceSums = {
    required: n(r?.required),
    filled: n(r?.filled),
    attended: n(r?.attended),
    late: n(r?.o_late),
    noShow: n(r?.o_no_show),
    police: { required: n(r?.police_required), filled: n(r?.police_filled), attended: 0 },
  }
  const over: PlaceSums = {
    required: n(r?.o_required),
    filled: n(r?.o_filled),
    attended: n(r?.o_attended),
    late: n(r?.o_late),
    noShow: n(r?.o_no_show),
    police: { required: n(r?.o_police_required), filled: 0, attended: n(r?.o_police_attended) },
  }
  return coverageOfRange(all, over)
}

export async function schoolCoverage(ctx: AppContext, actor: Actor, schoolId: string, range: CoverageRange): Promise<SchoolCoverage> {
  const school = await getSchoolRef(ctx.db, schoolId)
  if (!school) throw notFound('学校不存在')
  if (!can(actor.grants, 'coverage.view', school)) throw forbidden('只能查看你负责的学校')
  const now = ctx.clock.now()
  const nowIso = now.toISOString()
  const { from, to } = rangeDates(range, now)
  await refreshStaleCoverage(ctx.db, { city: false, districtIds: [], stationIds: [], schoolIds: [schoolId] })
  const term = currentTerm(now)
  const today = local(now).format('YYYY-MM-DD')
  // one pass over the school's shift rows per date, gate and peak: the range's totals, by gate and
  // by peak, and the daily chart (the term so far, whatever the range) are added up from it
  const first = from < term.start ? from : term.start
  const last = to > today ? to : today
  const [cells, posts, upcoming, top, hazards, notices, alarms] = await Promise.all([
    sums(ctx.db, nowIso)
      .where('c.school_id', '=', schoolId)
      .where('c.date', '>=', first)
      .where('c.date', '<=', last)
      .select(['c.date', 'c.post_id', 'c.period'])
      .groupBy(['c.date', 'c.post_id', 'c.period'])
      .execute(),
    ctx.db.selectFrom('posts').select(['id', 'name']).where('school_id', '=', schoolId).execute(),
    ctx.db
      .selectFrom('shift_coverage as c')
      .innerJoin('shifts as s', 's.id', 'c.shift_id')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['c.shift_id', 'c.date', 's.start_time', 'p.name', 'c.required', 'c.filled'])
      .where('c.school_id', '=', schoolId)
      .where('s.starts_at', '>', nowIso)
      .where('c.date', '<=', dayjs(today).add(7, 'day').format('YYYY-MM-DD'))
      .whereRef('c.filled', '<', 'c.required')
      .orderBy('s.starts_at')
      .limit(30)
      .execute(),
    // hours of the check-ins since the term began (a check-in opens at most minutes before its
    // shift, so this is the term's shifts), summed per person first, then named: one index range
    ctx.db
      .selectFrom((eb) =>
        eb
          .selectFrom('attendance as a')
          .select(['a.person_id', (eb) => eb.fn.sum<number>(eb.fn.coalesce('a.hours', eb.lit(0))).as('hours'), (eb) => eb.fn.countAll<number>().as('shifts')])
          .where('a.school_id', '=', schoolId)
          .where('a.check_in_at', '>=', localToInstant(term.start, '00:00'))
          .groupBy('a.person_id')
          .orderBy('hours', 'desc')
          .orderBy('a.person_id')
          .limit(10)
          .as('t'),
      )
      .innerJoin('people as p', 'p.id', 't.person_id')
      .select(['p.id', 'p.name', 't.hours', 't.shifts'])
      .orderBy('t.hours', 'desc')
      .orderBy('p.id')
      .execute(),
    ctx.db
      .selectFrom('hazards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', schoolId)
      .where('status', 'in', STILL_OPEN_STATUSES)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('notice_receipts as r')
      .innerJoin('notices as n', 'n.id', 'r.notice_id')
      .select([(eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.count<number>('r.acked_at').as('acked')])
      .where('r.school_id', '=', schoolId)
      .where('n.status', '=', 'published')
      .where('n.ack_required', '=', 1)
      .where('n.published_at', '>=', dayjs(now).subtract(30, 'day').toISOString())
      .executeTakeFirst(),
    alarmReview(ctx.db, { city: false, districtIds: [], stationIds: [], schoolIds: [schoolId] }, rangePeriod({ from, to }), now),
  ])
  const total = Number(notices?.total ?? 0)
  const inRange = cells.filter((c) => c.date >= from && c.date <= to)
  const totals = addSums(inRange)
  const byKey = <K extends 'post_id' | 'period' | 'date'>(rows: typeof cells, key: K) => [...sumsByKey(key, rows)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const byPost = byKey(inRange, 'post_id').map(([post_id, r]) => ({ post_id, ...r }))
  const byPeriod = byKey(inRange, 'period').map(([period, r]) => ({ period, ...r }))
  const daily = byKey(
    cells.filter((c) => c.date >= term.start && c.date <= today),
    'date',
  ).map(([date, r]) => ({ date, ...r }))
  return {
    schoolId,
    schoolName: school.name,
    range,
    from,
    to,
    totals: numbers(totals),
    byPost: byPost.map((r) => ({ postId: r.post_id, postName: posts.find((p) => p.id === r.post_id)?.name ?? '', ...numbers(r) })),
    byPeriod: byPeriod.map((r) => ({ period: r.period as Period, ...numbers(r) })),
    daily: daily.map((r) => ({ date: r.date, ...numbers(r) })),
    upcomingUnfilled: upcoming.map((u) => ({ shiftId: u.shift_id, date: u.date, startTime: u.start_time, postName: u.name, missing: u.required - u.filled })),
    topVolunteers: top.map((t) => ({ personId: t.id, name: t.name, hours: Number(t.hours ?? 0), shifts: Number(t.shifts) })),
    openHazards: Number(hazards?.n ?? 0),
    noticeAckRate: ratio(Number(notices?.acked ?? 0), total),
    alarms: alarms.totals,
  }
}

/**
 * Schools side by side, worst first: a police officer's station, or an admin's district (or one
 * station in it). Two queries whatever the number of schools.
 */
export async function areaCoverage(ctx: AppContext, actor: Actor, range: CoverageRange, stationId?: string, districtId?: string): Promise<AreaCoverage> {
  const area = await resolveArea(ctx, actor, 'coverage.area', { stationId, districtId })
  const { reach: scope, level, name: scopeName } = area
  const now = ctx.clock.now()
  const nowIso = now.toISOString()
  const { from, to } = rangeDates(range, now)
  if (to < from) throw badRequest('日期范围不正确')
  await refreshStaleCoverage(ctx.db, scope)
  // days before today are wholly over and days after it not begun (a shift ends on its own day:
  // domain/shifts.ts), so they are read from the roll-ups; only today's shifts from their own rows
  const today = local(now).format('YYYY-MM-DD')
  const yesterday = dayjs(today).subtract(1, 'day').format('YYYY-MM-DD')
  const tomorrow = dayjs(today).add(1, 'day').format('YYYY-MM-DD')
  const inScope = { station: 'c.station_id', district: 'c.district_id' }
  const todays = (from: string, to: string) =>
    sums(ctx.db, nowIso)
      .where((eb) => reachFilter(eb, scope, inScope))
      .where('c.date', '=', from <= today && today <= to ? today : '')
  const term = currentTerm(now)
  const [pastBySchool, aheadBySchool, todayBySchool, pastByDate, todayByDate, names, alarms] = await Promise.all([
    schoolSums(ctx.db, scope, monthPieces(from, to < yesterday ? to : yesterday)),
    schoolSums(ctx.db, scope, monthPieces(from > tomorrow ? from : tomorrow, to)),
    todays(from, to).select('c.school_id').groupBy('c.school_id').execute(),
    // the daily curve of the term so far: the stations' days (a few thousand rows for a city)
    ctx.db
      .selectFrom('coverage_station_days as c')
      .select((eb) => ['c.date', ...DAY_COLUMNS.map((col) => eb.fn.sum<number>(`c.${col}`).as(col))])
      .where((eb) => reachFilter(eb, scope, inScope))
      .where('c.date', '>=', term.start)
      .where('c.date', '<=', yesterday)
      .groupBy('c.date')
      .execute(),
    todays(term.start, today).select('c.date').groupBy('c.date').execute(),
    ctx.db
      .selectFrom('schools as s')
      .innerJoin('stations as st', 'st.id', 's.station_id')
      .innerJoin('districts as d', 'd.id', 's.district_id')
      .select(['s.id', 's.name', 's.station_id', 's.district_id', 'st.name as station_name', 'd.name as district_name'])
      .where((eb) => reachFilter(eb, scope, { station: 's.station_id', district: 's.district_id' }))
      .execute(),
    alarmReview(ctx.db, scope, rangePeriod({ from, to }), now),
  ])
  const bySchoolMap = sumsByKey(
    'school_id',
    pastBySchool.map((r) => ({ school_id: r.school_id, ...wholeDays(r, true) })),
    aheadBySchool.map((r) => ({ school_id: r.school_id, ...wholeDays(r, false) })),
    todayBySchool,
  )
  const bySchool = [...bySchoolMap].map(([school_id, r]) => ({ school_id, ...r }))
  const byDate = [
    ...sumsByKey(
      'date',
      pastByDate.map((r) => ({ date: r.date, ...wholeDays(r, true) })),
      todayByDate,
    ),
  ]
    .map(([date, r]) => ({ date, ...r }))
    .sort((x, y) => (x.date < y.date ? -1 : 1))
  const rows: SchoolCoverageRow[] = names.map((s) => ({
    schoolId: s.id,
    schoolName: s.name,
    stationName: s.station_name,
    ...numbers(bySchoolMap.get(s.id)),
    alarms: alarms.bySchool.get(s.id) ?? NO_ALARMS,
  }))
  const stations = [...new Map(names.map((s) => [s.station_id, s.station_name])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'))
  const totalsRow = addSums(bySchool)
  // week by week (ISO weeks, Monday first) from the daily sums
  const weeks = new Map<string, SumRow[]>()
  for (const d of byDate) {
    const week = dayjs(d.date)
      .subtract(dayjs(d.date).isoWeekday() - 1, 'day')
      .format('YYYY-MM-DD')
    weeks.set(week, [...(weeks.get(week) ?? []), d])
  }
  // one level up the tree, worst first: the city's districts, a district's stations
  const groupBy = CHILD_LEVEL[level]
  const groups = groupBy
    ? [...new Set(names.map((s) => (groupBy === 'district' ? s.district_id : s.station_id)))].map((id) => {
        const mine = names.filter((s) => (groupBy === 'district' ? s.district_id : s.station_id) === id)
        const first = mine[0]
        const ids = new Set(mine.map((s) => s.id))
        return {
          id,
          level: groupBy,
          name: groupBy === 'district' ? first.district_name : first.station_name,
          schools: mine.length,
          ...numbers(addSums(bySchool.filter((b) => ids.has(b.school_id)))),
        }
      })
    : []
  return {
    range,
    from,
    to,
    level,
    name: scopeName,
    totals: numbers(totalsRow),
    groups: worstFirst(groups.map((g) => ({ ...g, schoolName: g.name }))).map(({ schoolName: _name, ...g }) => g),
    schools: worstFirst(rows),
    weekly: [...weeks.entries()].map(([week, r]) => ({ week, ...numbers(addSums(r)) })),
    alarms: alarms.totals,
    alarmsByStation: stations.map(([stationId, stationName]) => ({ stationId, stationName, alarms: alarms.byStation.get(stationId) ?? NO_ALARMS })),
  }
}

/** One level down the tree: what an area's rows are grouped by. */
const CHILD_LEVEL: Record<Area['level'], 'district' | 'station' | null> = { city: 'district', district: 'station', station: null }

/** Adds summary sums row by row (the drivers give numbers or numeric strings). */
export function addSums(rows: readonly Partial<SumRow>[]): SumRow {
  const out = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as SumRow
  for (const r of rows) for (const k of SUM_KEYS) out[k] = Number(out[k] ?? 0) + Number(r[k] ?? 0)
  return out
}

export interface Area {
  reach: Reach
  level: 'city' | 'district' | 'station'
  /** the district's or station's id; null for the city */
  id: string | null
  name: string
}

/**
 * The area an actor asks for (a station, a district, or by default the widest they reach: the
 * city, their district, their station), checked against the policy for the action.
 */
export async function resolveArea(
  ctx: AppContext,
  actor: Actor,
  action: 'coverage.area' | 'bulletin.view',
  ask: { stationId?: string; districtId?: string; city?: boolean },
): Promise<Area> {
  const reach = reachOf(actor.grants, action)
  if (reachIsEmpty(reach)) throw forbidden('只有民警、管理员和市局可以查看片区数据')
  const none = { city: false, districtIds: [], stationIds: [], schoolIds: [] }
  if (ask.stationId) {
    const station = await ctx.db.selectFrom('stations').select(['id', 'district_id', 'name']).where('id', '=', ask.stationId).executeTakeFirst()
    if (!station) throw notFound('派出所不存在')
    authorize(actor, action, { level: 'station', stationId: station.id, districtId: station.district_id }, '只能查看你负责的派出所')
    return { reach: { ...none, stationIds: [station.id] }, level: 'station', id: station.id, name: station.name }
  }
  if (ask.districtId) {
    const district = await ctx.db.selectFrom('districts').select(['id', 'name']).where('id', '=', ask.districtId).executeTakeFirst()
    if (!district) throw notFound('区县不存在')
    authorize(actor, action, { level: 'district', districtId: district.id }, '只能查看你负责的区县')
    return { reach: { ...none, districtIds: [district.id] }, level: 'district', id: district.id, name: district.name }
  }
  if (ask.city) authorize(actor, action, CITY_SCOPE, '只有市局可以查看全市')
  if (reach.city) return { reach: { ...none, city: true }, level: 'city', id: null, name: '全市' }
  // the widest area first: a district admin who is also a police officer sees the district
  const [level, ids] = reach.districtIds.length > 0 ? (['district', reach.districtIds] as const) : (['station', reach.stationIds] as const)
  const table = level === 'district' ? 'districts' : 'stations'
  const named = await ctx.db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute()
  return {
    reach: level === 'district' ? { ...none, districtIds: ids } : { ...none, stationIds: ids },
    level,
    id: ids.length === 1 ? ids[0] : null,
    name: named.map((n) => n.name).join('、'),
  }
}

/** The principal asks the police to assign someone to an unfilled shift. */
export async function askToAssign(ctx: AppContext, actor: Actor, shiftId: string): Promise<{ notified: number }> {
  const shift = await ctx.db
    .selectFrom('shifts as s')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .innerJoin('posts as p', 'p.id', 's.post_id')
    .select(['s.id', 's.school_id', 's.date', 's.start_time', 's.end_time', 'sc.name as school_name', 'sc.station_id', 'p.name as post_name'])
    .where('s.id', '=', shiftId)
    .executeTakeFirst()
  if (!shift) throw notFound('班次不存在')
  const school = await getSchoolRef(ctx.db, shift.school_id)
  if (!school || !can(actor.grants, 'coverage.ask', school)) throw forbidden('只能为你负责的学校请求指派')
  const police = await ctx.db
    .selectFrom('memberships')
    .select('person_id')
    .where('role', 'in', rolesWith('shift.manage'))
    .where('status', '=', 'approved')
    .where('station_id', '=', shift.station_id)
    .execute()
  const day = local(ctx.clock.now()).format('YYYY-MM-DD')
  await enqueue(
    ctx.db,
    ctx.clock.now().toISOString(),
    police.map((p) => ({
      personId: p.person_id,
      schoolId: shift.school_id,
      kind: 'shift.ask_assign',
      title: '学校请求指派护学岗',
      body: `${shift.school_name} ${shift.post_name} ${shift.date} ${shift.start_time}–${shift.end_time} 还缺人，请协助指派`,
      payload: { page: PAGES.gaps, schoolId: shift.school_id },
      dedupeKey: `shift.ask_assign:${shiftId}:${p.person_id}:${day}`,
    })),
  )
  return { notified: police.length }
}
