// Coverage views: a school's, a station's schools side by side, a district's schools ranked.
// All numbers come from shift_coverage through domain/coverage, so screen, export and tests agree.
import type { Kysely } from 'kysely'
import type { AreaCoverage, CoverageRange, SchoolCoverage, SchoolCoverageRow } from '../../../../types/coverage'
import { can, reachIsEmpty, reachOf, rolesWith, type Reach } from '../../../../domain/authorization'
import { authorize } from '../../lib/authorize'
import { reachFilter } from '../../lib/reach'
import { coverageOfRange, ratio, worstFirst, type PlaceSums } from '../../../../domain/coverage'
import { currentTerm } from '../../../../domain/term'
import { dayjs, local, localToInstant } from '../../../../domain/time'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { badRequest, forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { getSchoolRef } from '../org/repository'
import { enqueue } from '../outbox/outbox'
import { refreshStaleCoverage } from './maintain'

type Db = Kysely<Database>

export function rangeDates(range: CoverageRange, now: Date): { from: string; to: string } {
  const today = local(now)
  if (range === 'today') return { from: today.format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') }
  if (range === 'week') {
    const monday = today.subtract(today.isoWeekday() - 1, 'day')
    return { from: monday.format('YYYY-MM-DD'), to: monday.add(6, 'day').format('YYYY-MM-DD') }
  }
  const term = currentTerm(now)
  return { from: term.start, to: term.end }
}

type Column = 'required' | 'filled' | 'attended' | 'late' | 'no_show' | 'police_required' | 'police_filled' | 'police_attended'

/** Sums over the range, and over the shifts already over, in one pass of the summary table. */
function sums(db: Db, nowIso: string) {
  return db.selectFrom('shift_coverage as c').select((eb) => {
    const over = (col: Column) => eb.fn.sum<number>(eb.case().when('c.ends_at', '<=', nowIso).then(eb.ref(`c.${col}`)).else(0).end())
    return [
      eb.fn.sum<number>('c.required').as('required'),
      eb.fn.sum<number>('c.filled').as('filled'),
      eb.fn.sum<number>('c.attended').as('attended'),
      eb.fn.sum<number>('c.police_required').as('police_required'),
      eb.fn.sum<number>('c.police_filled').as('police_filled'),
      over('required').as('o_required'),
      over('filled').as('o_filled'),
      over('attended').as('o_attended'),
      over('late').as('o_late'),
      over('no_show').as('o_no_show'),
      over('police_required').as('o_police_required'),
      over('police_attended').as('o_police_attended'),
    ]
  })
}

type Sum = number | string | null
const SUM_KEYS = ['required', 'filled', 'attended', 'police_required', 'police_filled', 'o_required', 'o_filled', 'o_attended', 'o_late', 'o_no_show', 'o_police_required', 'o_police_attended'] as const
type SumRow = Record<(typeof SUM_KEYS)[number], Sum>
const zeroSums = (): SumRow => Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as SumRow

/** Adds one row of sums into another (schools into an area, days into a week). */
function addSums(into: SumRow, r: Partial<SumRow>): SumRow {
  for (const k of SUM_KEYS) into[k] = Number(into[k] ?? 0) + Number(r[k] ?? 0)
  return into
}

function numbers(r: Partial<SumRow> | undefined) {
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
  const base = () => sums(ctx.db, nowIso).where('c.school_id', '=', schoolId).where('c.date', '>=', from).where('c.date', '<=', to)
  const term = currentTerm(now)
  const [totals, byPost, byPeriod, daily, posts, upcoming, top, hazards, notices] = await Promise.all([
    base().executeTakeFirst(),
    base().select('c.post_id').groupBy('c.post_id').execute(),
    base().select('c.period').groupBy('c.period').execute(),
    // the daily chart covers the term so far, whatever the range
    sums(ctx.db, nowIso).where('c.school_id', '=', schoolId).where('c.date', '>=', term.start).where('c.date', '<=', local(now).format('YYYY-MM-DD')).select('c.date').groupBy('c.date').orderBy('c.date').execute(),
    ctx.db.selectFrom('posts').select(['id', 'name']).where('school_id', '=', schoolId).execute(),
    ctx.db
      .selectFrom('shift_coverage as c')
      .innerJoin('shifts as s', 's.id', 'c.shift_id')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['c.shift_id', 'c.date', 's.start_time', 'p.name', 'c.required', 'c.filled'])
      .where('c.school_id', '=', schoolId)
      .where('s.starts_at', '>', nowIso)
      .where('c.date', '<=', local(now).add(7, 'day').format('YYYY-MM-DD'))
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
      .where('status', 'in', ['submitted', 'accepted', 'assigned', 'resolved'])
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
  ])
  const total = Number(notices?.total ?? 0)
  return {
    schoolId,
    schoolName: school.name,
    range,
    from,
    to,
    totals: numbers(totals),
    byPost: byPost.map((r) => ({ postId: r.post_id, postName: posts.find((p) => p.id === r.post_id)?.name ?? '', ...numbers(r) })),
    byPeriod: byPeriod.map((r) => ({ period: r.period as 'morning' | 'afternoon', ...numbers(r) })),
    daily: daily.map((r) => ({ date: r.date, ...numbers(r) })),
    upcomingUnfilled: upcoming.map((u) => ({ shiftId: u.shift_id, date: u.date, startTime: u.start_time, postName: u.name, missing: u.required - u.filled })),
    topVolunteers: top.map((t) => ({ personId: t.id, name: t.name, hours: Number(t.hours ?? 0), shifts: Number(t.shifts) })),
    openHazards: Number(hazards?.n ?? 0),
    noticeAckRate: ratio(Number(notices?.acked ?? 0), total),
  }
}

/**
 * Schools side by side, worst first: a police officer's station, or an admin's district (or one
 * station in it). Two queries whatever the number of schools.
 */
export async function areaCoverage(ctx: AppContext, actor: Actor, range: CoverageRange, stationId?: string): Promise<AreaCoverage> {
  const reach = reachOf(actor.grants, 'coverage.area')
  if (reachIsEmpty(reach)) throw forbidden('只有民警和管理员可以查看片区覆盖率')
  const none = { city: false, districtIds: [], stationIds: [], schoolIds: [] }
  let scope: Reach
  if (stationId) {
    const station = await ctx.db.selectFrom('stations').select(['id', 'district_id']).where('id', '=', stationId).executeTakeFirst()
    if (!station) throw notFound('派出所不存在')
    authorize(actor, 'coverage.area', { level: 'station', stationId, districtId: station.district_id }, '只能查看你负责的派出所')
    scope = { ...none, stationIds: [stationId] }
  } else if (reach.city) {
    scope = { ...none, city: true }
  } else if (reach.districtIds.length > 0) {
    // the widest area first: a district admin who is also a police officer sees the district
    scope = { ...none, districtIds: reach.districtIds }
  } else {
    scope = { ...none, stationIds: reach.stationIds }
  }
  const now = ctx.clock.now()
  const nowIso = now.toISOString()
  const { from, to } = rangeDates(range, now)
  if (to < from) throw badRequest('日期范围不正确')
  await refreshStaleCoverage(ctx.db, scope)
  const area = () => sums(ctx.db, nowIso).where((eb) => reachFilter(eb, scope, { station: 'c.station_id', district: 'c.district_id' }))
  const term = currentTerm(now)
  const [bySchool, byDate, names] = await Promise.all([
    area().where('c.date', '>=', from).where('c.date', '<=', to).select('c.school_id').groupBy('c.school_id').execute(),
    area().where('c.date', '>=', term.start).where('c.date', '<=', local(now).format('YYYY-MM-DD')).select('c.date').groupBy('c.date').orderBy('c.date').execute(),
    ctx.db
      .selectFrom('schools as s')
      .innerJoin('stations as st', 'st.id', 's.station_id')
      .select(['s.id', 's.name', 'st.name as station_name'])
      .where((eb) => reachFilter(eb, scope, { station: 's.station_id', district: 's.district_id' }))
      .execute(),
  ])
  const rows: SchoolCoverageRow[] = names.map((s) => ({ schoolId: s.id, schoolName: s.name, stationName: s.station_name, ...numbers(bySchool.find((b) => b.school_id === s.id)) }))
  const totalsRow = bySchool.reduce<SumRow>((t, r) => addSums(t, r), zeroSums())
  // week by week (ISO weeks, Monday first) from the daily sums
  const weeks = new Map<string, SumRow>()
  for (const d of byDate) {
    const week = dayjs(d.date).subtract(dayjs(d.date).isoWeekday() - 1, 'day').format('YYYY-MM-DD')
    weeks.set(week, addSums(weeks.get(week) ?? zeroSums(), d))
  }
  return {
    range,
    from,
    to,
    totals: numbers(totalsRow),
    schools: worstFirst(rows),
    weekly: [...weeks.entries()].map(([week, r]) => ({ week, ...numbers(r) })),
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
  const police = await ctx.db.selectFrom('memberships').select('person_id').where('role', 'in', rolesWith('shift.manage')).where('status', '=', 'approved').where('station_id', '=', shift.station_id).execute()
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
      payload: { page: '/packages/schedule/pages/gaps/index', schoolId: shift.school_id },
      dedupeKey: `shift.ask_assign:${shiftId}:${p.person_id}:${day}`,
    })),
  )
  return { notified: police.length }
}
