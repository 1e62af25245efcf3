// Keeps shift_coverage in step with signups and check-ins. A write that changes who is on a shift
// refreshes that shift's row (three queries however many shifts); a check-in, the hottest write of
// the day, only marks its shift stale in its own transaction, and the row is recomputed by the
// next coverage read of that scope (so every view is exact) or by the background job.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { ShiftRole } from '@/types/shifts'
import type { ParticipantKind } from '@/types/bulletin'
import { participantKind } from '@/domain/bulletin'
import type { Reach } from '@/domain/authorization'
import { isValidDuty } from '@/domain/attendance'
import { shiftPlaces } from '@/domain/coverage'
import type { Database } from '../../db/schema'
import { newId } from '../../lib/ids'
import { reachFilter } from '../../lib/reach'
import { parseHeadcount } from '../shifts/repository'

/** Morning or afternoon peak, from the local start time. */
export const periodOf = (startTime: string): 'morning' | 'afternoon' => (startTime < '12:00' ? 'morning' : 'afternoon')

/** Marks shifts whose coverage row is behind; call it in the transaction of the write. */
export async function markCoverageStale(db: Kysely<Database>, shiftIds: readonly string[], now: Date): Promise<void> {
  const ids = [...new Set(shiftIds)]
  if (ids.length === 0) return
  await db
    .insertInto('coverage_stale')
    .values(ids.map((id) => ({ shift_id: id, mark: newId(), marked_at: now.toISOString() })))
    .onConflict((oc) => oc.column('shift_id').doUpdateSet((eb) => ({ mark: eb.ref('excluded.mark') })))
    .execute()
}

/** One shift's mark as a write to run with others (a check-in's), its values given (hot-query.ts). */
export function staleMark(db: Kysely<Database>, p: { shiftId: string; mark: string; markedAt: string }) {
  return db
    .insertInto('coverage_stale')
    .values({ shift_id: p.shiftId, mark: p.mark, marked_at: p.markedAt })
    .onConflict((oc) => oc.column('shift_id').doUpdateSet((eb) => ({ mark: eb.ref('excluded.mark') })))
}

/**
 * Recomputes the stale rows inside a reach (the policy's `Reach`; everywhere when none is given)
 * and clears their marks. A mark renewed while this ran (a check-in committed meanwhile) is a
 * different mark and stays, so no change is ever dropped. Returns how many shifts were refreshed.
 */
export async function refreshStaleCoverage(db: Kysely<Database>, reach: Reach = EVERYWHERE, limit = 5000): Promise<number> {
  const marks = await db
    .selectFrom('coverage_stale as m')
    .innerJoin('shifts as s', 's.id', 'm.shift_id')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .select(['m.shift_id', 'm.mark'])
    .where((eb) => reachFilter(eb, reach, { school: 's.school_id', station: 'sc.station_id', district: 'sc.district_id' }))
    .limit(limit)
    .execute()
  if (marks.length === 0) return 0
  await refreshCoverage(
    db,
    marks.map((m) => m.shift_id),
  )
  for (let i = 0; i < marks.length; i += 300) {
    const chunk = marks.slice(i, i + 300)
    await db
      .deleteFrom('coverage_stale')
      .where((eb) => eb.or(chunk.map((m) => eb.and([eb('shift_id', '=', m.shift_id), eb('mark', '=', m.mark)]))))
      .execute()
  }
  return marks.length
}

/** The columns of a school's or a station's day, each the sum of its shifts' rows. */
const DAY_SUMS = ['required', 'filled', 'attended', 'late', 'no_show', 'police_required', 'police_filled', 'police_attended'] as const
type DaySum = (typeof DAY_SUMS)[number]

const EVERYWHERE: Reach = { city: true, districtIds: [], stationIds: [], schoolIds: [] }

export async function refreshCoverage(db: Kysely<Database>, shiftIds: readonly string[]): Promise<void> {
  const ids = [...new Set(shiftIds)]
  if (ids.length === 0) return
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const [shifts, counts, finished, before] = await Promise.all([
      db
        .selectFrom('shifts as s')
        .innerJoin('schools as sc', 'sc.id', 's.school_id')
        .select(['s.id', 's.school_id', 'sc.station_id', 'sc.district_id', 's.post_id', 's.date', 's.start_time', 's.ends_at', 's.headcount', 's.status'])
        .where('s.id', 'in', chunk)
        .execute(),
      db
        .selectFrom('signups as g')
        .leftJoin('attendance as a', 'a.signup_id', 'g.id')
        .select([
          'g.shift_id',
          'g.role',
          (eb) => eb.fn.countAll<number>().as('active'),
          (eb) => eb.fn.count<number>('a.signup_id').as('checked_in'),
          (eb) => eb.fn.sum<number>(eb.fn.coalesce('a.late', eb.lit(0))).as('late'),
          (eb) => eb.fn.sum<number>(eb.case().when('g.outcome', '=', 'no_show').then(1).else(0).end()).as('no_show'),
        ])
        .where('g.shift_id', 'in', chunk)
        .where('g.status', '=', 'active')
        .groupBy(['g.shift_id', 'g.role'])
        .execute(),
      // finished duties: one with no time inside its shift (done before it began) is no 到岗
      db
        .selectFrom('attendance as a')
        .innerJoin('signups as g', 'g.id', 'a.signup_id')
        .innerJoin('shifts as s', 's.id', 'g.shift_id')
        .select(['g.shift_id', 'g.role', 'a.check_in_at', 'a.check_out_at', 's.starts_at', 's.ends_at'])
        .where('g.shift_id', 'in', chunk)
        .where('g.status', '=', 'active')
        .where('a.check_out_at', 'is not', null)
        .execute(),
      // the school and station days these shifts were summed into so far (a shift moved to another day leaves one)
      db.selectFrom('shift_coverage').select(['school_id', 'station_id', 'district_id', 'date']).where('shift_id', 'in', chunk).execute(),
    ])
    const days = [...before, ...shifts].map((s) => ({ schoolId: s.school_id, date: s.date }))
    const invalid = new Map<string, number>()
    for (const r of finished) {
      if (isValidDuty(r.check_in_at, r.check_out_at!, { startsAt: r.starts_at, endsAt: r.ends_at })) continue
      const k = `${r.shift_id}|${r.role}`
      invalid.set(k, (invalid.get(k) ?? 0) + 1)
    }
    const cancelled = shifts.filter((s) => s.status !== 'scheduled').map((s) => s.id)
    if (cancelled.length) await db.deleteFrom('shift_coverage').where('shift_id', 'in', cancelled).execute()
    const rows = shifts
      .filter((s) => s.status === 'scheduled')
      .map((s) => {
        const mine = counts.filter((c) => c.shift_id === s.id)
        const per = (k: 'active' | 'checked_in') =>
          Object.fromEntries(mine.map((c) => [c.role, Number(c[k]) - (k === 'checked_in' ? (invalid.get(`${s.id}|${c.role}`) ?? 0) : 0)])) as Partial<Record<ShiftRole, number>>
        const places = shiftPlaces({
          headcount: parseHeadcount(s.headcount),
          active: per('active'),
          checkedIn: per('checked_in'),
          late: mine.reduce((t, c) => t + Number(c.late ?? 0), 0),
          noShow: mine.reduce((t, c) => t + Number(c.no_show ?? 0), 0),
        })
        return {
          shift_id: s.id,
          school_id: s.school_id,
          station_id: s.station_id,
          district_id: s.district_id,
          post_id: s.post_id,
          date: s.date,
          period: periodOf(s.start_time),
          ends_at: s.ends_at,
          required: places.required,
          filled: places.filled,
          attended: places.attended,
          late: places.late,
          no_show: places.noShow,
          police_required: places.police.required,
          police_filled: places.police.filled,
          police_attended: places.police.attended,
        }
      })
    // the days the shifts were on before too: a shift moved to another day leaves its check-ins' old day
    await refreshDutyDays(db, [...before, ...shifts])
    if (rows.length > 0) {
      await db
        .insertInto('shift_coverage')
        .values(rows)
        .onConflict((oc) =>
          oc.column('shift_id').doUpdateSet((eb) => ({
            post_id: eb.ref('excluded.post_id'),
            date: eb.ref('excluded.date'),
            period: eb.ref('excluded.period'),
            ends_at: eb.ref('excluded.ends_at'),
            required: eb.ref('excluded.required'),
            filled: eb.ref('excluded.filled'),
            attended: eb.ref('excluded.attended'),
            late: eb.ref('excluded.late'),
            no_show: eb.ref('excluded.no_show'),
            police_required: eb.ref('excluded.police_required'),
            police_filled: eb.ref('excluded.police_filled'),
            police_attended: eb.ref('excluded.police_attended'),
          })),
        )
        .execute()
    }
    await refreshCoverageDays(db, days)
    await refreshStationDays(db, [...before, ...shifts])
  }
}

/** Re-sums coverage_station_days for the station days of these rows from shift_coverage. */
export async function refreshStationDays(db: Kysely<Database>, days: readonly { station_id: string; date: string }[]): Promise<void> {
  const pairs = [...new Map(days.map((d) => [`${d.station_id}|${d.date}`, d])).values()]
  for (let i = 0; i < pairs.length; i += 200) {
    const chunk = pairs.slice(i, i + 200)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const these = (eb: ExpressionBuilder<any, any>) => eb.or(chunk.map((d) => eb.and([eb('station_id', '=', d.station_id), eb('date', '=', d.date)])))
    await db.deleteFrom('coverage_station_days').where(these).execute()
    await db
      .insertInto('coverage_station_days')
      .columns(['station_id', 'date', 'district_id', ...DAY_SUMS, 'first_end', 'last_end'])
      .expression(
        db
          .selectFrom('shift_coverage')
          .select((eb) => [
            'station_id',
            'date',
            eb.fn.max('district_id').as('district_id'),
            ...DAY_SUMS.map((col) => eb.fn.sum<number>(col).as(col)),
            eb.fn.min('ends_at').as('first_end'),
            eb.fn.max('ends_at').as('last_end'),
          ])
          .where(these)
          .groupBy(['station_id', 'date']),
      )
      // two refreshes of the same day at once both delete, then both write
      .onConflict((oc) =>
        oc.columns(['station_id', 'date']).doUpdateSet((eb) => ({
          ...Object.fromEntries(DAY_SUMS.map((col) => [col, eb.ref(`excluded.${col}`)])),
          first_end: eb.ref('excluded.first_end'),
          last_end: eb.ref('excluded.last_end'),
        })),
      )
      .execute()
  }
}

/** The days of a month a person stood, as a bitmask (bit d-1 for day d); duty_days has a row per day. */
const dayBits = sql<number>`cast(sum(1 << (cast(substr(date, 9, 2) as integer) - 1)) as integer)`

/** Re-sums duty_months for these schools' months from duty_days. */
export async function refreshDutyMonths(db: Kysely<Database>, days: readonly { school_id: string; date: string }[]): Promise<void> {
  const pairs = [...new Map(days.map((d) => [`${d.school_id}|${d.date.slice(0, 7)}`, { school_id: d.school_id, month: d.date.slice(0, 7) }])).values()]
  for (const p of pairs) {
    await db.deleteFrom('duty_months').where('school_id', '=', p.school_id).where('month', '=', p.month).execute()
    await db
      .insertInto('duty_months')
      .columns(['school_id', 'month', 'person_id', 'kind', 'station_id', 'district_id', 'days', 'hours'])
      .expression(
        db
          .selectFrom('duty_days')
          .select((eb) => [
            'school_id',
            eb.val(p.month).as('month'),
            'person_id',
            'kind',
            eb.fn.max('station_id').as('station_id'),
            eb.fn.max('district_id').as('district_id'),
            dayBits.as('days'),
            eb.fn.sum<number>('hours').as('hours'),
          ])
          .where('school_id', '=', p.school_id)
          .where('date', '>=', `${p.month}-01`)
          .where('date', '<=', `${p.month}-31`)
          .groupBy(['school_id', 'person_id', 'kind']),
      )
      .onConflict((oc) => oc.columns(['school_id', 'month', 'person_id', 'kind']).doUpdateSet((eb) => ({ days: eb.ref('excluded.days'), hours: eb.ref('excluded.hours') })))
      .execute()
  }
}

/**
 * Rewrites duty_days for the school days of these shifts from their check-ins: one row per person,
 * school, day and kind (a volunteer's kind is the one they joined the school with).
 */
async function refreshDutyDays(db: Kysely<Database>, shifts: readonly { school_id: string; station_id: string; district_id: string; date: string }[]): Promise<void> {
  if (shifts.length === 0) return
  const days = new Map(shifts.map((s) => [`${s.school_id}|${s.date}`, s]))
  const schoolIds = [...new Set(shifts.map((s) => s.school_id))]
  const dates = [...new Set(shifts.map((s) => s.date))]
  const rows = await db
    .selectFrom('attendance as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .innerJoin('signups as g', 'g.id', 'a.signup_id')
    .select((eb) => [
      'a.school_id',
      's.date',
      'a.person_id',
      'g.role',
      eb
        .selectFrom('memberships as m')
        .select((m) => m.fn.max('m.volunteer_kind').as('k'))
        .whereRef('m.person_id', '=', 'a.person_id')
        .whereRef('m.school_id', '=', 'a.school_id')
        .whereRef('m.role', '=', 'g.role')
        .as('volunteer_kind'),
      eb.fn.countAll<number>().as('shifts'),
      eb.fn.sum<number>(eb.fn.coalesce('a.hours', eb.lit(0))).as('hours'),
    ])
    .where('a.school_id', 'in', schoolIds)
    .where('s.date', 'in', dates)
    .groupBy(['a.school_id', 's.date', 'a.person_id', 'g.role'])
    .execute()
  const merged = new Map<
    string,
    { school_id: string; date: string; person_id: string; kind: ParticipantKind; station_id: string; district_id: string; shifts: number; hours: number }
  >()
  for (const r of rows) {
    const day = days.get(`${r.school_id}|${r.date}`)
    if (!day) continue
    const kind = participantKind(r.role, r.volunteer_kind)
    const key = `${r.school_id}|${r.date}|${r.person_id}|${kind}`
    const row = merged.get(key) ?? {
      school_id: r.school_id,
      date: r.date,
      person_id: r.person_id,
      kind,
      station_id: day.station_id,
      district_id: day.district_id,
      shifts: 0,
      hours: 0,
    }
    row.shifts += Number(r.shifts)
    row.hours = Math.round((row.hours + Number(r.hours ?? 0)) * 100) / 100
    merged.set(key, row)
  }
  const pairs = [...days.values()]
  for (let i = 0; i < pairs.length; i += 200) {
    const chunk = pairs.slice(i, i + 200)
    await db
      .deleteFrom('duty_days')
      .where((eb) => eb.or(chunk.map((d) => eb.and([eb('school_id', '=', d.school_id), eb('date', '=', d.date)]))))
      .execute()
  }
  const values = [...merged.values()]
  // an upsert: two refreshes of the same day at once (two signups) both delete, then both write
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insertInto('duty_days')
      .values(values.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['school_id', 'date', 'person_id', 'kind']).doUpdateSet((eb) => ({ shifts: eb.ref('excluded.shifts'), hours: eb.ref('excluded.hours') })))
      .execute()
  }
  await refreshDutyMonths(db, pairs)
  await refreshDutyStationDays(db, pairs)
}

/** Re-sums duty_station_days (hours per station, day and kind) for these days from duty_days. */
export async function refreshDutyStationDays(db: Kysely<Database>, days: readonly { station_id: string; date: string }[]): Promise<void> {
  const pairs = [...new Map(days.map((d) => [`${d.station_id}|${d.date}`, d])).values()]
  for (let i = 0; i < pairs.length; i += 200) {
    const chunk = pairs.slice(i, i + 200)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const these = (eb: ExpressionBuilder<any, any>) => eb.or(chunk.map((d) => eb.and([eb('station_id', '=', d.station_id), eb('date', '=', d.date)])))
    await db.deleteFrom('duty_station_days').where(these).execute()
    await db
      .insertInto('duty_station_days')
      .columns(['station_id', 'date', 'kind', 'district_id', 'hours'])
      .expression(
        db
          .selectFrom('duty_days')
          .select((eb) => ['station_id', 'date', 'kind', eb.fn.max('district_id').as('district_id'), eb.fn.sum<number>('hours').as('hours')])
          .where(these)
          .groupBy(['station_id', 'date', 'kind']),
      )
      .onConflict((oc) => oc.columns(['station_id', 'date', 'kind']).doUpdateSet((eb) => ({ hours: eb.ref('excluded.hours') })))
      .execute()
  }
}

/** A date's month, YYYY-MM, in SQL. */
const monthOf = sql<string>`substr(date, 1, 7)`

/** Re-sums coverage_school_months for these schools' months from coverage_days. */
export async function refreshSchoolMonths(db: Kysely<Database>, days: readonly { schoolId: string; date: string }[]): Promise<void> {
  const pairs = [...new Map(days.map((d) => [`${d.schoolId}|${d.date.slice(0, 7)}`, { schoolId: d.schoolId, month: d.date.slice(0, 7) }])).values()]
  for (let i = 0; i < pairs.length; i += 200) {
    const chunk = pairs.slice(i, i + 200)
    await db
      .deleteFrom('coverage_school_months')
      .where((eb) => eb.or(chunk.map((p) => eb.and([eb('school_id', '=', p.schoolId), eb('month', '=', p.month)]))))
      .execute()
    await db
      .insertInto('coverage_school_months')
      .columns(['school_id', 'month', 'station_id', 'district_id', ...DAY_SUMS])
      .expression(
        db
          .selectFrom('coverage_days')
          .select((eb) => [
            'school_id',
            monthOf.as('month'),
            eb.fn.max('station_id').as('station_id'),
            eb.fn.max('district_id').as('district_id'),
            ...DAY_SUMS.map((col) => eb.fn.sum<number>(col).as(col)),
          ])
          .where((eb) => eb.or(chunk.map((p) => eb.and([eb('school_id', '=', p.schoolId), eb('date', '>=', `${p.month}-01`), eb('date', '<=', `${p.month}-31`)]))))
          .groupBy(['school_id', monthOf]),
      )
      // two refreshes of the same month at once both delete, then both write
      .onConflict((oc) =>
        oc.columns(['school_id', 'month']).doUpdateSet((eb) => ({
          station_id: eb.ref('excluded.station_id'),
          district_id: eb.ref('excluded.district_id'),
          ...Object.fromEntries(DAY_SUMS.map((col) => [col, eb.ref(`excluded.${col}`)])),
        })),
      )
      .execute()
  }
}

/**
 * Recomputes coverage_days for these schools' days from their shifts' rows (a day left with no
 * shift is removed). Over-selecting (every date of the list for every school of it) recomputes a
 * few more rows than needed, from the same source, so it is still exact.
 */
export async function refreshCoverageDays(db: Kysely<Database>, days: readonly { schoolId: string; date: string }[]): Promise<void> {
  if (days.length === 0) return
  const schoolIds = [...new Set(days.map((d) => d.schoolId))]
  const dates = [...new Set(days.map((d) => d.date))]
  const sums = await db
    .selectFrom('shift_coverage')
    .select((eb) => [
      'school_id',
      'date',
      eb.fn.max('station_id').as('station_id'),
      eb.fn.max('district_id').as('district_id'),
      eb.fn.max('ends_at').as('last_ends_at'),
      ...DAY_SUMS.map((col) => eb.fn.sum<number>(col).as(col)),
    ])
    .where('school_id', 'in', schoolIds)
    .where('date', 'in', dates)
    .groupBy(['school_id', 'date'])
    .execute()
  const kept = new Set(sums.map((r) => `${r.school_id}|${r.date}`))
  const gone = days.filter((d) => !kept.has(`${d.schoolId}|${d.date}`))
  if (gone.length > 0) {
    await db
      .deleteFrom('coverage_days')
      .where((eb) => eb.or(gone.map((d) => eb.and([eb('school_id', '=', d.schoolId), eb('date', '=', d.date)]))))
      .execute()
  }
  if (sums.length > 0) await writeCoverageDays(db, sums)
  await refreshSchoolMonths(db, days)
}

async function writeCoverageDays(
  db: Kysely<Database>,
  sums: readonly ({ school_id: string; date: string; station_id: string; district_id: string; last_ends_at: string } & Partial<Record<DaySum, number | string | null>>)[],
): Promise<void> {
  await db
    .insertInto('coverage_days')
    .values(
      sums.map((r) => ({
        school_id: r.school_id,
        date: r.date,
        station_id: r.station_id,
        district_id: r.district_id,
        last_ends_at: r.last_ends_at,
        ...(Object.fromEntries(DAY_SUMS.map((col) => [col, Number(r[col] ?? 0)])) as Record<DaySum, number>),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['school_id', 'date']).doUpdateSet((eb) => ({
        station_id: eb.ref('excluded.station_id'),
        district_id: eb.ref('excluded.district_id'),
        last_ends_at: eb.ref('excluded.last_ends_at'),
        ...Object.fromEntries(DAY_SUMS.map((col) => [col, eb.ref(`excluded.${col}`)])),
      })),
    )
    .execute()
}

/**
 * Every roll-up from the whole of shift_coverage and duty_days, one statement a table (a city
 * loaded in bulk, as the benchmark does): the same sums as the refreshes above.
 */
export async function rebuildRollups(db: Kysely<Database>): Promise<void> {
  const cols = sql.raw(DAY_SUMS.join(', '))
  const summed = sql.raw(DAY_SUMS.map((c) => `sum(${c})`).join(', '))
  await db.deleteFrom('coverage_days').execute()
  await sql`insert into coverage_days (school_id, date, station_id, district_id, last_ends_at, ${cols})
    select school_id, date, max(station_id), max(district_id), max(ends_at), ${summed}
    from shift_coverage group by school_id, date`.execute(db)
  await db.deleteFrom('coverage_station_days').execute()
  await sql`insert into coverage_station_days (station_id, date, district_id, ${cols}, first_end, last_end)
    select station_id, date, max(district_id), ${summed}, min(ends_at), max(ends_at)
    from shift_coverage group by station_id, date`.execute(db)
  await db.deleteFrom('coverage_school_months').execute()
  await sql`insert into coverage_school_months (school_id, month, station_id, district_id, ${cols})
    select school_id, substr(date, 1, 7), max(station_id), max(district_id), ${summed}
    from coverage_days group by school_id, substr(date, 1, 7)`.execute(db)
  await db.deleteFrom('duty_station_days').execute()
  await sql`insert into duty_station_days (station_id, date, kind, district_id, hours)
    select station_id, date, kind, max(district_id), sum(hours) from duty_days group by station_id, date, kind`.execute(db)
  await db.deleteFrom('duty_months').execute()
  await sql`insert into duty_months (school_id, month, person_id, kind, station_id, district_id, days, hours)
    select school_id, substr(date, 1, 7), person_id, kind, max(station_id), max(district_id), ${dayBits}, sum(hours)
    from duty_days group by school_id, substr(date, 1, 7), person_id, kind`.execute(db)
}
