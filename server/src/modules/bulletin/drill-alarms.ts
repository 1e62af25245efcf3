// Measured response times of the drill alarms (一键报警 演练) of a period and area: how many, the
// median first acknowledgement, and the share where the police were on site within 3 and 5
// minutes. Kept in one place so that the coverage views' alarm figures can read the same function.
import type { Kysely } from 'kysely'
import type { Reach } from '@/domain/authorization'
import { responseTimes } from '@/domain/alarms'
import { median } from '@/domain/bulletin'
import { ratio } from '@/domain/coverage'
import type { Database } from '../../db/schema'
import { reachFilter } from '../../lib/reach'
import { alarmQuery, eventRows, snapshotOf } from '../alarms/repository'

export interface DrillAlarmFigures {
  count: number
  medianFirstAckSec: number | null
  policeWithin3MinRate: number | null
  policeWithin5MinRate: number | null
}

/** Drill alarms raised in [fromIso, toIso) inside the reach, not cancelled as a mistap. */
export async function drillAlarmFigures(db: Kysely<Database>, reach: Reach, fromIso: string, toIso: string): Promise<DrillAlarmFigures> {
  const rows = await alarmQuery(db)
    .where('a.drill', '=', 1)
    .where('a.status', '!=', 'cancelled')
    .where('a.raised_at', '>=', fromIso)
    .where('a.raised_at', '<', toIso)
    .where((eb) => reachFilter(eb, reach, { school: 'a.school_id', station: 'a.station_id', district: 'a.district_id' }))
    .execute()
  const events = await eventRows(
    db,
    rows.map((r) => r.id),
  )
  const times = rows.map((r) =>
    responseTimes(
      snapshotOf(
        r,
        events.filter((e) => e.alarm_id === r.id),
      ),
    ),
  )
  const acks = times.flatMap((t) => (t.firstAckSec === null ? [] : [t.firstAckSec]))
  const within = (sec: number) => ratio(times.filter((t) => t.policeOnSiteSec !== null && t.policeOnSiteSec <= sec).length, times.length)
  const mid = median(acks)
  return { count: rows.length, medianFirstAckSec: mid === null ? null : Math.round(mid), policeWithin3MinRate: within(180), policeWithin5MinRate: within(300) }
}
