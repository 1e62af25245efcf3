// Migrations in code (not read from a folder) so that tsx, jest and a bundle all see the same list.
import type { Migration } from 'kysely'
import * as m2026112801 from './2026112801_foundation'
import * as m2026112802 from './2026112802_shifts'
import * as m2026112803 from './2026112803_attendance'
import * as m2026112804 from './2026112804_hazards'
import * as m2026112805 from './2026112805_notices'
import * as m2026112806 from './2026112806_coverage'
import * as m2026112807 from './2026112807_membership_display_name'
import * as m2026112901 from './2026112901_lookup_indexes'
import * as m2026120201alarms from './2026120201_alarms'
import * as m2026120201hotPath from './2026120201_hot_path'
import * as m2026120201sessionOrigin from './2026120201_session_origin'
import * as m2026120201silence from './2026120201_silence_is_not_off_post'
import * as m2026120201outboxSource from './2026120201_outbox_source'
import * as m2026120220broadcasts from './2026120220_broadcasts'
import * as m2026120230drillAlarms from './2026120230_drill_alarms'
import * as m2026120240coverageDays from './2026120240_coverage_days'
import * as m2026120250policeCoverage from './2026120250_police_coverage'
import * as m2026120260bulletin from './2026120260_bulletin'
import * as m2026120261bulletinRollups from './2026120261_bulletin_rollups'
import * as m2026120300cityRollups from './2026120300_city_rollups'

export const migrations: Record<string, Migration> = {
  '2026112801_foundation': m2026112801,
  '2026112802_shifts': m2026112802,
  '2026112803_attendance': m2026112803,
  '2026112804_hazards': m2026112804,
  '2026112805_notices': m2026112805,
  '2026112806_coverage': m2026112806,
  '2026112807_membership_display_name': m2026112807,
  '2026112901_lookup_indexes': m2026112901,
  '2026120201_alarms': m2026120201alarms,
  '2026120201_hot_path': m2026120201hotPath,
  '2026120201_outbox_source': m2026120201outboxSource,
  '2026120201_session_origin': m2026120201sessionOrigin,
  '2026120201_silence_is_not_off_post': m2026120201silence,
  '2026120220_broadcasts': m2026120220broadcasts,
  '2026120230_drill_alarms': m2026120230drillAlarms,
  '2026120240_coverage_days': m2026120240coverageDays,
  '2026120250_police_coverage': m2026120250policeCoverage,
  '2026120260_bulletin': m2026120260bulletin,
  '2026120261_bulletin_rollups': m2026120261bulletinRollups,
  '2026120300_city_rollups': m2026120300cityRollups,
}
