import type { AlarmReviewNumbers } from './alarms'
// Coverage (覆盖率): how well the gates are guarded.

export type CoverageColor = 'green' | 'yellow' | 'red'
export const PERIOD_LABELS: Record<'morning' | 'afternoon', string> = { morning: '早高峰', afternoon: '晚高峰' }
export const COVERAGE_COLOR_LABELS: Record<CoverageColor, string> = { green: '良好', yellow: '需关注', red: '不足' }

export interface CoverageNumbers {
  required: number
  filled: number
  attended: number
  late: number
  noShow: number
  /** filled / required, 0–1; null when nothing was required */
  fillRate: number | null
  attendanceRate: number | null
  /** colour of the attendance rate for past days, of the fill rate for days to come */
  color: CoverageColor | null
  /** 警力到岗: the police places, counted on their own (they are also in the numbers above) */
  police: PoliceCoverage
}

export interface PoliceCoverage {
  /** police places of the range */
  required: number
  /** of them, taken by an officer */
  filled: number
  /** police places of the shifts already over */
  due: number
  /** of those, an officer checked in */
  attended: number
  /** attended / due, 0–1; null when no police place was due */
  rate: number | null
}

export type CoverageRange = 'today' | 'week' | 'term'

export interface SchoolCoverageRow extends CoverageNumbers {
  schoolId: string
  schoolName: string
  stationName: string
  alarms: AlarmReviewNumbers
}

export interface SchoolCoverage {
  schoolId: string
  schoolName: string
  range: CoverageRange
  from: string
  to: string
  totals: CoverageNumbers
  byPost: (CoverageNumbers & { postId: string; postName: string })[]
  byPeriod: (CoverageNumbers & { period: 'morning' | 'afternoon' })[]
  daily: (CoverageNumbers & { date: string })[]
  upcomingUnfilled: { shiftId: string; date: string; startTime: string; postName: string; missing: number }[]
  topVolunteers: { personId: string; name: string; hours: number; shifts: number }[]
  openHazards: number
  noticeAckRate: number | null
  /** 一键报警 over the range: by kind, median time to the first acknowledgement, police on site within 3 and 5 minutes */
  alarms: AlarmReviewNumbers
}

/** A district of the city, or a station of a district, with its schools' coverage summed. */
export interface AreaGroupRow extends CoverageNumbers {
  id: string
  level: 'district' | 'station'
  name: string
  schools: number
}

export interface AreaCoverage {
  range: CoverageRange
  from: string
  to: string
  /** what the view covers: the city, a district or a station */
  level: 'city' | 'district' | 'station'
  name: string
  totals: CoverageNumbers
  /** one level down, worst first: the city's districts or a district's stations (none for a station) */
  groups: AreaGroupRow[]
  /** worst first */
  schools: SchoolCoverageRow[]
  weekly: (CoverageNumbers & { week: string })[]
  /** 一键报警 over the range for the whole area (a station, a district, the city) */
  alarms: AlarmReviewNumbers
  /** … and per station of the area */
  alarmsByStation: { stationId: string; stationName: string; alarms: AlarmReviewNumbers }[]
}
