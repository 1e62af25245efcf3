// Coverage (DESIGN.md §4): required = Σ shifts × headcount; filled = active signups, at most the
// headcount of each role; attended = checked in (late counts, flagged), except a duty checked out
// with no time inside its shift (isValidDuty, the same rule as 有效值守). Fill rate = filled /
// required, attendance rate = attended / required. Green ≥ 90 %, yellow 70–89 %, red < 70 %.
// Police places (警力) are places like any other in these numbers, and are also counted on their
// own: police places, police signed up, police checked in (警力到岗 = attended / due).
// Screen, export and tests all take their numbers from here.
import type { CoverageNumbers, PoliceCoverage } from '../types/coverage'
import type { Headcount, ShiftRole } from '../types/shifts'
import { SHIFT_ROLES } from '../types/shifts'
import { colorOf } from './coverage-rate'

export { colorOf, percentText } from './coverage-rate'

export interface ShiftCounts {
  headcount: Headcount
  /** active signups per role */
  active: Partial<Record<ShiftRole, number>>
  /** active signups that checked in, per role */
  checkedIn: Partial<Record<ShiftRole, number>>
  late: number
  noShow: number
}

/** A shift's (or many shifts') police places: asked for, taken by an officer, checked in. */
export interface PoliceSums {
  required: number
  filled: number
  attended: number
}

const NO_POLICE: PoliceSums = { required: 0, filled: 0, attended: 0 }

/** One shift's places, each role clipped to its headcount; the police places also on their own. */
export function shiftPlaces(c: ShiftCounts): { required: number; filled: number; attended: number; late: number; noShow: number; police: PoliceSums } {
  let required = 0
  let filled = 0
  let attended = 0
  const clip = (role: ShiftRole) => {
    const need = c.headcount[role] ?? 0
    return { required: need, filled: Math.min(c.active[role] ?? 0, need), attended: Math.min(c.checkedIn[role] ?? 0, need) }
  }
  for (const role of SHIFT_ROLES) {
    const places = clip(role)
    required += places.required
    filled += places.filled
    attended += places.attended
  }
  return { required, filled, attended, late: c.late, noShow: c.noShow, police: clip('police') }
}

/** a / b to three decimals (0.333), null when nothing was due. */
export const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null)

/** 警力到岗 from the police places of a range and of its shifts already over. */
export function policeOf(all: PoliceSums = NO_POLICE, over: PoliceSums = NO_POLICE): PoliceCoverage {
  return { required: all.required, filled: all.filled, due: over.required, attended: over.attended, rate: ratio(over.attended, over.required) }
}

/**
 * Totals of many shifts' places. `past` says whether the period is over: then the colour
 * follows attendance; for days to come, it follows the fill rate.
 */
export function coverageOf(places: readonly PlaceSums[], past = true): CoverageNumbers {
  const sum = places.reduce(
    (t, p) => ({ required: t.required + p.required, filled: t.filled + p.filled, attended: t.attended + p.attended, late: t.late + p.late, noShow: t.noShow + p.noShow }),
    { required: 0, filled: 0, attended: 0, late: 0, noShow: 0 },
  )
  const police = places.reduce<PoliceSums>((t, p) => addPolice(t, p.police ?? NO_POLICE), NO_POLICE)
  const fillRate = ratio(sum.filled, sum.required)
  const attendanceRate = ratio(sum.attended, sum.required)
  return { ...sum, fillRate, attendanceRate, color: colorOf(past ? attendanceRate : fillRate), police: policeOf(police, past ? police : NO_POLICE) }
}

const addPolice = (a: PoliceSums, b: PoliceSums): PoliceSums => ({ required: a.required + b.required, filled: a.filled + b.filled, attended: a.attended + b.attended })

/** Worst first: by the rate that colours them, then by name. */
export function worstFirst<T extends CoverageNumbers & { schoolName: string }>(rows: readonly T[]): T[] {
  const key = (r: T) => (r.color === null ? 2 : (r.attendanceRate ?? r.fillRate ?? 2))
  return [...rows].sort((a, b) => key(a) - key(b) || a.schoolName.localeCompare(b.schoolName, 'zh-CN'))
}

export interface PlaceSums {
  required: number
  filled: number
  attended: number
  late: number
  noShow: number
  police?: PoliceSums
}

/**
 * Coverage of a range that may run into the future: the fill rate over the whole range, the
 * attendance rate (and late, no-show) over the shifts already over. Coloured by attendance once
 * any shift is over, by the fill rate before.
 */
export function coverageOfRange(all: PlaceSums, over: PlaceSums): CoverageNumbers {
  const fillRate = ratio(all.filled, all.required)
  const attendanceRate = ratio(over.attended, over.required)
  return {
    required: all.required,
    filled: all.filled,
    attended: over.attended,
    late: over.late,
    noShow: over.noShow,
    fillRate,
    attendanceRate,
    color: colorOf(over.required > 0 ? attendanceRate : fillRate),
    police: policeOf(all.police, over.police),
  }
}
