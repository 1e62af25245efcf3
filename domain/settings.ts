// Rule settings per school, with DESIGN.md §4's numbers as defaults. Stored per school as JSON;
// anything missing falls back to the default.

export interface SchoolSettings {
  /** Check-in opens this many minutes before a shift starts. */
  checkinOpensMin: number
  /** After start + grace a check-in is late. */
  lateGraceMin: number
  /** Check-out is normal from this many minutes before the end. */
  checkoutOpensBeforeEndMin: number
  /** No check-out by end + this closes the signup as missing_checkout. */
  missingCheckoutAfterMin: number
  /** Default geofence radius of a new post, in metres. */
  defaultRadiusM: number
  /** At most this much of the reported accuracy is added to the radius. */
  accuracyAllowanceMaxM: number
  /** A fix worse than this is refused. */
  accuracyRefuseM: number
  /** Shifts a volunteer may hold in one calendar month. */
  monthlyCapPerVolunteer: number
  /** Releasing is free until this many hours before the start. */
  releaseCutoffHours: number
  /** Unfilled shifts this close are pushed to the school's volunteers. */
  fillPushHours: number
  /** Positions outside the fence spanning this long while on duty raise an off-post event (离岗预警). */
  offPostOutsideMin: number
  /** No position this long while on duty shows 信号中断 on the duty board (never a warning). */
  offPostSilentMin: number
}

export const DEFAULT_SETTINGS: SchoolSettings = {
  checkinOpensMin: 30,
  lateGraceMin: 5,
  checkoutOpensBeforeEndMin: 10,
  missingCheckoutAfterMin: 60,
  defaultRadiusM: 150,
  accuracyAllowanceMaxM: 100,
  accuracyRefuseM: 300,
  monthlyCapPerVolunteer: 2,
  releaseCutoffHours: 12,
  fillPushHours: 48,
  offPostOutsideMin: 5,
  offPostSilentMin: 10,
}

/** The furthest ahead a school may push unfilled places (fillPushHours: one week). */
export const MAX_FILL_PUSH_HOURS = 168

export function settingsFrom(stored: Partial<SchoolSettings> | null | undefined): SchoolSettings {
  const merged = { ...DEFAULT_SETTINGS }
  if (!stored) return merged
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SchoolSettings)[]) {
    const value = stored[key]
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) merged[key] = value
  }
  return merged
}
