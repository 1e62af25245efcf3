// Keeps shift_coverage in step with signups and check-ins. A write that changes who is on a shift
// refreshes that shift's row (three queries however many shifts); a check-in, the hottest write of
// the day, only marks its shift stale in its own transaction, and the row is recomputed by the
// next coverage read of that scope (so every view is exact) or by the background job.
import type { Kysely } from 'kysely'
import type { ShiftRole } from '../../../../types/shifts'
import type { Reach } from '../../../../domain/authorization'
import { shiftPlaces } from '../../../../domain/coverage'
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
  await refreshCoverage(db, marks.map((m) => m.shift_id))
  for (let i = 0; i < marks.length; i += 300) {
    const chunk = marks.slice(i, i + 300)
    await db
      .deleteFrom('coverage_stale')
      .where((eb) => eb.or(chunk.map((m) => eb.and([eb('shift_id', '=', m.shift_id), eb('mark', '=', m.mark)]))))
      .execute()
  }
  return marks.length
}

const EVERYWHERE: Reach = { city: true, districtIds: [], stationIds: [], schoolIds: [] }

export async function refreshCoverage(db: Kysely<Database>, shiftIds: readonly string[]): Promise<void> {
  const ids = [...new Set(shiftIds)]
  if (ids.length === 0) return
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const [shifts, counts] = await Promise.all([
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
    ])
    const cancelled = shifts.filter((s) => s.status !== 'scheduled').map((s) => s.id)
    if (cancelled.length) await db.deleteFrom('shift_coverage').where('shift_id', 'in', cancelled).execute()
    const rows = shifts
      .filter((s) => s.status === 'scheduled')
      .map((s) => {
        const mine = counts.filter((c) => c.shift_id === s.id)
        const per = (k: 'active' | 'checked_in') => Object.fromEntries(mine.map((c) => [c.role, Number(c[k])])) as Partial<Record<ShiftRole, number>>
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
    if (rows.length === 0) continue
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
}
