// A policy reach (domain/authorization.ts `reachOf`) as a SQL condition on a query's columns.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Reach } from '@/domain/authorization'

export interface ReachColumns {
  school?: string
  station?: string
  district?: string
}

/** True where the row's school, station or district is inside the reach (false for an empty reach). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function reachFilter(eb: ExpressionBuilder<any, any>, reach: Reach, cols: ReachColumns): Expression<SqlBool> {
  if (reach.city) return eb.lit(true)
  const parts: Expression<SqlBool>[] = []
  if (cols.school && reach.schoolIds.length) parts.push(eb(cols.school, 'in', reach.schoolIds))
  if (cols.station && reach.stationIds.length) parts.push(eb(cols.station, 'in', reach.stationIds))
  if (cols.district && reach.districtIds.length) parts.push(eb(cols.district, 'in', reach.districtIds))
  return parts.length ? eb.or(parts) : eb.lit(false)
}
