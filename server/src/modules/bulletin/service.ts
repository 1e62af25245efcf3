// The campus-safety bulletin (简报): the figures of a period and area, each beside the period of
// the same length just before. Guard coverage and 护学岗设置率 come from shift_coverage through
// the coverage service's own sums; people, hours and police from duty_days (both summary tables
// are refreshed for the area first, so the figures are exact); drills, hazards and trainings from
// their own small tables. Screen, Word and Excel all print what this returns.
import { sql, type Kysely, type SqlBool } from 'kysely'
import type { Reach } from '@/domain/authorization'
import { compared, oneDecimal, previousPeriod } from '@/domain/bulletin'
import { ratio } from '@/domain/coverage'
import { isOverdue } from '@/domain/hazards'
import { dayjs, localToInstant } from '@/domain/time'
import type { Bulletin, BulletinLevel, BulletinQuery, Compared, HazardLocationKind, ParticipantKind } from '@/types/bulletin'
import { HAZARD_LOCATION_KINDS, PARTICIPANT_KINDS } from '@/types/bulletin'
import type { HazardEventAction, HazardStatus } from '@/types/hazards'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { badRequest } from '../../lib/errors'
import { reachFilter } from '../../lib/reach'
import type { Actor } from '../auth/actor'
import { refreshStaleCoverage } from '../coverage/maintain'
import { addSums, numbers, resolveArea, sumColumns, sums } from '../coverage/service'
import { drillAlarmFigures, type DrillAlarmFigures } from './drill-alarms'

type Db = Kysely<Database>
const MAX_DAYS = 366
const OTHER_THEME = 'other'
/** What each level of the query asks resolveArea for; null when the level needs an id it lacks. */
const AREA_ASKED: Record<BulletinLevel, (id?: string) => { city?: boolean; districtId?: string; stationId?: string } | null> = {
  city: () => ({ city: true }),
  district: (id) => (id ? { districtId: id } : null),
  station: (id) => (id ? { stationId: id } : null),
}

/** The figures of one period (what the comparison puts side by side). */
interface Figures {
  schools: number
  withPosts: number
  schoolsWithout: { schoolId: string; schoolName: string; stationName: string }[]
  peopleTotal: number
  people: Record<ParticipantKind, { people: number; hours: number }>
  schoolDays: number
  policeAverage: number | null
  policeMax: number | null
  coverage: { required: number; fillRate: number | null; attendanceRate: number | null }
  drillsHeld: number
  drillSchools: number
  drillsByTheme: Map<string, number>
  alarms: DrillAlarmFigures
  hazards: Record<HazardLocationKind, { reported: number; rectified: number; closed: number }>
  trainings: number
  trainingAttended: number
  trainingsByTheme: Map<string, { held: number; attended: number }>
}

export async function bulletin(ctx: AppContext, actor: Actor, q: BulletinQuery): Promise<Bulletin> {
  if (q.to < q.from) throw badRequest('结束日期不能早于开始日期', 'to')
  if (dayjs(q.to).diff(dayjs(q.from), 'day') + 1 > MAX_DAYS) throw badRequest(`一期简报最长 ${MAX_DAYS} 天`, 'to')
  const ask = AREA_ASKED[q.level](q.id)
  if (!ask) throw badRequest('请指定区县或派出所', 'id')
  const area = await resolveArea(ctx, actor, 'bulletin.view', ask)
  const now = ctx.clock.now()
  await refreshStaleCoverage(ctx.db, area.reach)
  const prev = previousPeriod(q.from, q.to)
  const [themes, cur, before, overdue] = await Promise.all([
    ctx.db.selectFrom('safety_themes').select(['id', 'name']).orderBy('sort').execute(),
    figures(ctx.db, area.reach, q.from, q.to, now),
    figures(ctx.db, area.reach, prev.from, prev.to, now),
    overdueHazards(ctx.db, area.reach, now),
  ])
  const c = (pick: (f: Figures) => number | null): Compared => compared(pick(cur), pick(before))
  const themed = (ids: Iterable<string>) => themes.filter((t) => [...ids].includes(t.id))
  return {
    scope: { level: area.level, id: area.id, name: area.name },
    from: q.from,
    to: q.to,
    previousFrom: prev.from,
    previousTo: prev.to,
    posts: { schools: c((f) => f.schools), withPosts: c((f) => f.withPosts), rate: c((f) => ratio(f.withPosts, f.schools)), schoolsWithout: cur.schoolsWithout },
    people: {
      total: c((f) => f.peopleTotal),
      byKind: PARTICIPANT_KINDS.map((kind) => ({ kind, people: c((f) => f.people[kind].people), hours: c((f) => f.people[kind].hours) })),
      volunteerHours: c((f) => oneDecimal(f.people.parent.hours + f.people.society.hours)),
    },
    police: { schoolDays: c((f) => f.schoolDays), average: c((f) => f.policeAverage), max: c((f) => f.policeMax) },
    coverage: { required: c((f) => f.coverage.required), fillRate: c((f) => f.coverage.fillRate), attendanceRate: c((f) => f.coverage.attendanceRate) },
    drills: {
      held: c((f) => f.drillsHeld),
      schoolsReached: c((f) => f.drillSchools),
      byTheme: themed([...cur.drillsByTheme.keys(), ...before.drillsByTheme.keys()]).map((t) => ({
        themeId: t.id,
        themeName: t.name,
        held: c((f) => f.drillsByTheme.get(t.id) ?? 0),
      })),
      alarms: {
        count: c((f) => f.alarms.count),
        medianFirstAckSec: c((f) => f.alarms.medianFirstAckSec),
        policeWithin3MinRate: c((f) => f.alarms.policeWithin3MinRate),
        policeWithin5MinRate: c((f) => f.alarms.policeWithin5MinRate),
      },
    },
    hazards: {
      byLocation: HAZARD_LOCATION_KINDS.map((kind) => ({
        kind,
        reported: c((f) => f.hazards[kind].reported),
        rectified: c((f) => f.hazards[kind].rectified),
        closed: c((f) => f.hazards[kind].closed),
      })),
      overdue,
    },
    education: {
      held: c((f) => f.trainings),
      attended: c((f) => f.trainingAttended),
      byTheme: themed([...cur.trainingsByTheme.keys(), ...before.trainingsByTheme.keys()]).map((t) => ({
        themeId: t.id,
        themeName: t.name,
        held: c((f) => f.trainingsByTheme.get(t.id)?.held ?? 0),
        attended: c((f) => f.trainingsByTheme.get(t.id)?.attended ?? 0),
      })),
    },
  }
}

async function figures(db: Db, reach: Reach, from: string, to: string, now: Date): Promise<Figures> {
  const fromIso = localToInstant(from, '00:00')
  const toIso = localToInstant(dayjs(to).add(1, 'day').format('YYYY-MM-DD'), '00:00')
  const nowIso = now.toISOString()
  const inReach = { station: 'sc.station_id', district: 'sc.district_id' }
  const days = () => db.selectFrom('duty_days as d').where((eb) => reachFilter(eb, reach, { station: 'd.station_id', district: 'd.district_id' }))
  const months = () =>
    db
      .selectFrom('duty_months as m')
      .where((eb) => reachFilter(eb, reach, { station: 'm.station_id', district: 'm.district_id' }))
      .where('m.month', '>=', from.slice(0, 7))
      .where('m.month', '<=', to.slice(0, 7))
  const stationDays = () =>
    db
      .selectFrom('coverage_station_days as cd')
      .where((eb) => reachFilter(eb, reach, { station: 'cd.station_id', district: 'cd.district_id' }))
      .where('cd.date', '>=', from)
      .where('cd.date', '<=', to)
  const span = monthSpan(from, to)
  // a month row counts for the period when one of its days is inside it (edge months by the mask)
  const inPeriod = sql<SqlBool>`(m.days & (case when m.month = ${from.slice(0, 7)} then ${sql.lit(span.fromBits)} else ${sql.lit(ALL_DAYS)} end) & (case when m.month = ${to.slice(0, 7)} then ${sql.lit(span.toBits)} else ${sql.lit(ALL_DAYS)} end)) <> 0`
  const [schools, staffedRows, rolled, straddling, dates, peopleAll, hours, policeByDate, drills, alarms, reported, changed, trainings, attended] = await Promise.all([
    db
      .selectFrom('schools as sc')
      .innerJoin('stations as st', 'st.id', 'sc.station_id')
      .select(['sc.id', 'sc.name', 'st.name as station_name'])
      .where((eb) => reachFilter(eb, reach, inReach))
      .orderBy('st.name')
      .orderBy('sc.name')
      .execute(),
    // 护学岗设置率: schools with an active post that had shifts in the period (one index probe a post)
    db
      .selectFrom('posts as p')
      .innerJoin('schools as sc', 'sc.id', 'p.school_id')
      .select('p.school_id')
      .distinct()
      .where('p.active', '=', 1)
      .where((eb) => reachFilter(eb, reach, inReach))
      .where((eb) => eb.exists(eb.selectFrom('shift_coverage as c').select('c.post_id').whereRef('c.post_id', '=', 'p.id').where('c.date', '>=', from).where('c.date', '<=', to)))
      .execute(),
    // guard coverage: the station days' sums; a day wholly over counts in the "over" sums
    stationDays()
      .select((eb) => sumColumns(eb, 'cd', 'cd.last_end', nowIso))
      .executeTakeFirst(),
    // days partly over (today): their shifts over are summed from shift_coverage below
    stationDays().select(['cd.station_id', 'cd.date']).where('cd.first_end', '<=', nowIso).where('cd.last_end', '>', nowIso).execute(),
    stationDays().select('cd.date').distinct().execute(),
    // distinct people in all and per kind in one pass of the month rows: a row per person, with a mark per kind
    db
      .selectFrom(
        months()
          .select((eb) => ['m.person_id', ...PARTICIPANT_KINDS.map((k) => eb.fn.max(eb.case().when('m.kind', '=', k).then(1).else(0).end()).as(k))])
          .where(inPeriod)
          .groupBy('m.person_id')
          .as('p'),
      )
      .select((eb) => [eb.fn.countAll<number>().as('people'), ...PARTICIPANT_KINDS.map((k) => eb.fn.sum<number>(`p.${k}`).as(k))])
      .executeTakeFirst(),
    // hours: the stations' days per kind (duty_station_days, a few thousand rows for a city's term)
    db
      .selectFrom('duty_station_days as h')
      .select(['h.kind', (eb) => eb.fn.sum<number>('h.hours').as('hours')])
      .where((eb) => reachFilter(eb, reach, { station: 'h.station_id', district: 'h.district_id' }))
      .where('h.date', '>=', from)
      .where('h.date', '<=', to)
      .groupBy('h.kind')
      .execute(),
    days()
      .select(['d.date', (eb) => eb.fn.count<number>('d.person_id').distinct().as('police')])
      .where('d.kind', '=', 'police' satisfies ParticipantKind)
      .where('d.date', '>=', from)
      .where('d.date', '<=', to)
      .groupBy('d.date')
      .execute(),
    db
      .selectFrom('drills as dr')
      .innerJoin('drill_schools as ds', 'ds.drill_id', 'dr.id')
      .innerJoin('schools as sc', 'sc.id', 'ds.school_id')
      .leftJoin('notices as n', 'n.id', 'dr.notice_id')
      .select(['dr.id', 'ds.school_id', (eb) => eb.fn.coalesce('dr.theme_id', 'n.theme_id').as('theme_id')])
      .where('dr.date', '>=', from)
      .where('dr.date', '<=', to)
      .where((eb) => reachFilter(eb, reach, inReach))
      .execute(),
    drillAlarmFigures(db, reach, fromIso, toIso),
    db
      .selectFrom('hazards as h')
      .innerJoin('schools as sc', 'sc.id', 'h.school_id')
      .select(['h.location_kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('h.created_at', '>=', fromIso)
      .where('h.created_at', '<', toIso)
      .where((eb) => reachFilter(eb, reach, inReach))
      .groupBy('h.location_kind')
      .execute(),
    // rectified (整改) and closed (销号) in the period: hazards with such a step then, each once
    db
      .selectFrom('hazard_events as e')
      .innerJoin('hazards as h', 'h.id', 'e.hazard_id')
      .innerJoin('schools as sc', 'sc.id', 'h.school_id')
      .select(['h.location_kind', 'e.to_status', (eb) => eb.fn.count<number>('h.id').distinct().as('n')])
      .where('e.to_status', 'in', ['resolved', 'closed'] satisfies HazardStatus[])
      // a step that changes no status (我也遇到了, 更正位置) rectifies nothing
      .where('e.action', 'not in', ['confirm', 'locate'] satisfies HazardEventAction[])
      .where('e.created_at', '>=', fromIso)
      .where('e.created_at', '<', toIso)
      .where((eb) => reachFilter(eb, reach, inReach))
      .groupBy(['h.location_kind', 'e.to_status'])
      .execute(),
    // trainings held in the period (their event time) for at least one school of the area
    db
      .selectFrom('notices as n')
      .select(['n.id', 'n.theme_id'])
      .where('n.type', '=', 'training')
      .where('n.status', '=', 'published')
      .where('n.event_at', '>=', fromIso)
      .where('n.event_at', '<', toIso)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('notice_audience as na')
            .innerJoin('schools as sc', 'sc.id', 'na.school_id')
            .select('na.school_id')
            .whereRef('na.notice_id', '=', 'n.id')
            .where((eb2) => reachFilter(eb2, reach, inReach)),
        ),
      )
      .execute(),
    // attendance of those trainings by the area's schools' people
    db
      .selectFrom('notice_receipts as r')
      .innerJoin('notices as n', 'n.id', 'r.notice_id')
      .innerJoin('schools as sc', 'sc.id', 'r.school_id')
      .select(['n.theme_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('n.type', '=', 'training')
      .where('n.status', '=', 'published')
      .where('n.event_at', '>=', fromIso)
      .where('n.event_at', '<', toIso)
      .where('r.attended_at', 'is not', null)
      .where((eb) => reachFilter(eb, reach, inReach))
      .groupBy('n.theme_id')
      .execute(),
  ])

  const staffed = new Set(staffedRows.map((r) => r.school_id))
  const partlyOver = straddling.length
    ? await sums(db, nowIso)
        .where((eb) => eb.or(straddling.map((d) => eb.and([eb('c.station_id', '=', d.station_id), eb('c.date', '=', d.date)]))))
        .executeTakeFirst()
    : undefined
  // only the "over" sums of the days partly over: their totals are in the station days already
  const coverage = numbers(addSums([...(rolled ? [rolled] : []), ...(partlyOver ? [{ ...partlyOver, required: 0, filled: 0, attended: 0 }] : [])]))
  const people = Object.fromEntries(PARTICIPANT_KINDS.map((k) => [k, { people: 0, hours: 0 }])) as Figures['people']
  for (const k of PARTICIPANT_KINDS) people[k].people = Number((peopleAll as Record<string, unknown> | undefined)?.[k] ?? 0)
  for (const r of hours) if (people[r.kind as ParticipantKind]) people[r.kind as ParticipantKind].hours += Number(r.hours ?? 0)
  for (const k of PARTICIPANT_KINDS) people[k].hours = oneDecimal(people[k].hours)
  const police = policeByDate.map((r) => Number(r.police))
  const schoolDays = dates.length
  const drillIds = new Set(drills.map((d) => d.id))
  const drillsByTheme = new Map<string, number>()
  for (const id of drillIds) {
    const theme = drills.find((d) => d.id === id)?.theme_id ?? OTHER_THEME
    drillsByTheme.set(theme, (drillsByTheme.get(theme) ?? 0) + 1)
  }
  const hazards = Object.fromEntries(HAZARD_LOCATION_KINDS.map((k) => [k, { reported: 0, rectified: 0, closed: 0 }])) as Figures['hazards']
  for (const r of reported) if (r.location_kind in hazards) hazards[r.location_kind].reported = Number(r.n)
  for (const r of changed) if (r.location_kind in hazards) hazards[r.location_kind][r.to_status === 'closed' ? 'closed' : 'rectified'] = Number(r.n)
  const trainingsByTheme = new Map<string, { held: number; attended: number }>()
  for (const t of trainings) {
    const e = trainingsByTheme.get(t.theme_id ?? OTHER_THEME) ?? { held: 0, attended: 0 }
    trainingsByTheme.set(t.theme_id ?? OTHER_THEME, { ...e, held: e.held + 1 })
  }
  for (const a of attended) {
    const e = trainingsByTheme.get(a.theme_id ?? OTHER_THEME) ?? { held: 0, attended: 0 }
    trainingsByTheme.set(a.theme_id ?? OTHER_THEME, { ...e, attended: e.attended + Number(a.n) })
  }
  return {
    schools: schools.length,
    withPosts: staffed.size,
    schoolsWithout: schools.filter((s) => !staffed.has(s.id)).map((s) => ({ schoolId: s.id, schoolName: s.name, stationName: s.station_name })),
    peopleTotal: Number(peopleAll?.people ?? 0),
    people,
    schoolDays,
    // days without any police count as zero: the average is over the school days
    policeAverage: schoolDays > 0 ? oneDecimal(police.reduce((t, n) => t + n, 0) / schoolDays) : null,
    policeMax: schoolDays > 0 ? Math.max(0, ...police) : null,
    coverage: { required: coverage.required, fillRate: coverage.fillRate, attendanceRate: coverage.attendanceRate },
    drillsHeld: drillIds.size,
    drillSchools: new Set(drills.map((d) => d.school_id)).size,
    drillsByTheme,
    alarms,
    hazards,
    trainings: trainings.length,
    trainingAttended: attended.reduce((t, a) => t + Number(a.n), 0),
    trainingsByTheme,
  }
}

/** Every day of a month in duty_months.days (bit d-1 for day d). */
const ALL_DAYS = 2 ** 31 - 1

/**
 * The months of a period: the days of its first and last month inside it (as day bits), the
 * months it covers whole, and the date ranges of the months it covers in part.
 */
export function monthSpan(from: string, to: string): { fromBits: number; toBits: number; full: string[]; partial: { from: string; to: string }[] } {
  const full: string[] = []
  const partial: { from: string; to: string }[] = []
  for (let m = dayjs(from).startOf('month'); m.format('YYYY-MM') <= to.slice(0, 7); m = m.add(1, 'month')) {
    const first = m.format('YYYY-MM-DD')
    const last = m.endOf('month').format('YYYY-MM-DD')
    const start = from > first ? from : first
    const end = to < last ? to : last
    if (start === first && end === last) full.push(m.format('YYYY-MM'))
    else partial.push({ from: start, to: end })
  }
  const fromDay = dayjs(from).date()
  const toDay = dayjs(to).date()
  return { fromBits: (ALL_DAYS >>> (fromDay - 1)) << (fromDay - 1), toBits: toDay >= 31 ? ALL_DAYS : 2 ** toDay - 1, full, partial }
}

/** Hazards handed over whose deadline has passed (now, whatever the period): no reporter, no description. */
async function overdueHazards(db: Db, reach: Reach, now: Date): Promise<Bulletin['hazards']['overdue']> {
  const rows = await db
    .selectFrom('hazards as h')
    .innerJoin('schools as sc', 'sc.id', 'h.school_id')
    .innerJoin('hazard_categories as cat', 'cat.id', 'h.category_id')
    .select(['h.id', 'h.status', 'h.deadline', 'h.location_kind', 'sc.name as school_name', 'cat.name as category_name'])
    .where('h.deadline', '<', now.toISOString())
    .where((eb) => reachFilter(eb, reach, { station: 'sc.station_id', district: 'sc.district_id' }))
    .orderBy('h.deadline')
    .execute()
  return rows
    .filter((h) => isOverdue(h.status, h.deadline, now))
    .map((h) => ({ hazardId: h.id, schoolName: h.school_name, categoryName: h.category_name, locationKind: h.location_kind, deadline: h.deadline! }))
}
