// The geofence (DESIGN.md §4): location is GCJ-02; inside = distance ≤ radius + min(accuracy,
// allowance cap); a fix worse than the refuse limit is refused. The browser's WGS-84 is
// converted to GCJ-02 with gcoord in the app (services/location), never by hand.
import type { Gcj02Point } from '../types/org'
import type { SchoolSettings } from './settings'

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres (haversine); GCJ-02's offset is locally uniform, so distances hold. */
export function distanceM(a: Gcj02Point, b: Gcj02Point): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Compass direction from a to b, in Chinese (for the H5 "distance and direction" view). */
export function directionText(from: Gcj02Point, to: Gcj02Point): string {
  const rad = Math.PI / 180
  const y = Math.sin((to.lng - from.lng) * rad) * Math.cos(to.lat * rad)
  const x = Math.cos(from.lat * rad) * Math.sin(to.lat * rad) - Math.sin(from.lat * rad) * Math.cos(to.lat * rad) * Math.cos((to.lng - from.lng) * rad)
  const bearing = (Math.atan2(y, x) / rad + 360) % 360
  const names = ['北', '东北', '东', '东南', '南', '西南', '西', '西北']
  return names[Math.round(bearing / 45) % 8]
}

export interface Fix extends Gcj02Point {
  /** Reported accuracy radius in metres. */
  accuracy: number
}

export type FenceVerdict =
  | { kind: 'inside'; distanceM: number; limitM: number }
  | { kind: 'outside'; distanceM: number; limitM: number; message: string }
  | { kind: 'inaccurate'; message: string }

/** `action` names what is refused in the message: the same fence holds for check-in and check-out. */
export function fenceVerdict(post: Gcj02Point & { radiusM: number }, fix: Fix, settings: SchoolSettings, action: '签到' | '签退' = '签到'): FenceVerdict {
  if (!(fix.accuracy >= 0) || fix.accuracy > settings.accuracyRefuseM) return { kind: 'inaccurate', message: '定位不准，请到开阔处重试' }
  const distance = Math.round(distanceM(post, fix))
  const limit = Math.round(post.radiusM + Math.min(fix.accuracy, settings.accuracyAllowanceMaxM))
  if (distance <= limit) return { kind: 'inside', distanceM: distance, limitM: limit }
  return { kind: 'outside', distanceM: distance, limitM: limit, message: `你距岗点约 ${formatDistance(distance)}，不在${action}范围（${limit} 米）内` }
}

export function formatDistance(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1)} 公里` : `${Math.round(metres)} 米`
}

/** The school nearest to a point, among those given. */
export function nearestSchool<T extends { lat: number; lng: number }>(schools: readonly T[], point: { lat: number; lng: number }): T | null {
  let best: T | null = null
  let bestD = Infinity
  for (const s of schools) {
    const d = distanceM(s, point)
    if (d < bestD) {
      best = s
      bestD = d
    }
  }
  return best
}
