// The coverage refresh as part of a write: called inside the write's transaction, so the summary
// (shift_coverage and its roll-ups coverage_days, duty_days, duty_months, coverage_station_days)
// commits with the change or not at all. Refreshes of one station are taken in turn: on
// PostgreSQL two writes re-summing the same day at once would otherwise each keep the other's old
// figures (each transaction sees only its own uncommitted rows).
import { sql, type Kysely } from 'kysely'
import type { Engine } from '../../db/dialect'
import type { Database } from '../../db/schema'
import { refreshCoverage } from './maintain'

export async function refreshCoverageInWrite(trx: Kysely<Database>, engine: Engine, shiftIds: readonly string[]): Promise<void> {
  const ids = [...new Set(shiftIds)]
  if (ids.length === 0) return
  if (engine === 'postgres') {
    const stations = trx.selectFrom('shifts as s').innerJoin('schools as sc', 'sc.id', 's.school_id').select('sc.station_id').where('s.id', 'in', ids)
    // one statement, in id order: two writes over several stations cannot lock them crosswise
    await sql`select id from stations where id in (${stations}) order by id for no key update`.execute(trx)
  }
  await refreshCoverage(trx, ids)
}
