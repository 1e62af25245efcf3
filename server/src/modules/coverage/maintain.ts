// Keeps shift_coverage in step with signups and check-ins: every write that changes who is on a
// shift, or who checked in, refreshes that shift's row (three queries however many shifts).
import type { Kysely } from 'kysely'
import type { ShiftRole } from '../../../../types/shifts'
import { shiftPlaces } from '../../../../domain/coverage'
import type { Database } from '../../db/schema'
import { parseHeadcount } from '../shifts/repository'

/** Morning or afternoon peak, from the local start time. */
export const periodOf = (startTime: string): 'morning' | 'afternoon' => (startTime < '12:00' ? 'morning' : 'afternoon')

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
        })),
      )
      .execute()
  }
}
