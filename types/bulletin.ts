// The campus-safety bulletin (简报): the figures a city, district or station reports for a period,
// each beside the same figure for the period of the same length just before.

/** Who took part, as a bulletin counts them: volunteers split into parents and people from society. */
export const PARTICIPANT_KINDS = ['parent', 'society', 'teacher', 'guard', 'police'] as const
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number]
export const PARTICIPANT_KIND_LABELS: Record<ParticipantKind, string> = { parent: '学生家长', society: '社会志愿者', teacher: '教师', guard: '保安', police: '民警' }

/** A volunteer says, when joining a school, whether they are a pupil's parent or from society. */
export const VOLUNTEER_KINDS = ['parent', 'society'] as const satisfies readonly ParticipantKind[]
export type VolunteerKind = (typeof VOLUNTEER_KINDS)[number]

/** Where a hazard is: inside the school or around it (校园周边). */
export const HAZARD_LOCATION_KINDS = ['inside', 'around'] as const
export type HazardLocationKind = (typeof HAZARD_LOCATION_KINDS)[number]
export const HAZARD_LOCATION_LABELS: Record<HazardLocationKind, string> = { inside: '校内', around: '校园周边' }

/** One of the city's safety-education themes (防溺水, 防拐骗 …). */
export interface SafetyTheme {
  id: string
  name: string
}

/** A figure now and in the period before (null: nothing to divide by). */
export interface Compared {
  current: number | null
  previous: number | null
}

export type BulletinLevel = 'city' | 'district' | 'station'

export interface BulletinScope {
  level: BulletinLevel
  /** the district's or station's id; null for the city */
  id: string | null
  name: string
}

export interface Bulletin {
  scope: BulletinScope
  from: string
  to: string
  previousFrom: string
  previousTo: string
  /** 护学岗设置率: schools with an active post and shifts in the period / all schools */
  posts: { schools: Compared; withPosts: Compared; rate: Compared; schoolsWithout: { schoolId: string; schoolName: string; stationName: string }[] }
  /** distinct people who checked in, by kind, and their hours */
  people: { total: Compared; byKind: { kind: ParticipantKind; people: Compared; hours: Compared }[]; volunteerHours: Compared }
  /** per school day, distinct police checked in at the gates */
  police: { schoolDays: Compared; average: Compared; max: Compared }
  /** as the coverage views compute them */
  coverage: { required: Compared; fillRate: Compared; attendanceRate: Compared }
  drills: {
    held: Compared
    schoolsReached: Compared
    byTheme: { themeId: string; themeName: string; held: Compared }[]
    /** drill alarms (一键报警 演练) of the period */
    alarms: { count: Compared; medianFirstAckSec: Compared; policeWithin3MinRate: Compared; policeWithin5MinRate: Compared }
  }
  hazards: {
    byLocation: { kind: HazardLocationKind; reported: Compared; rectified: Compared; closed: Compared }[]
    /** handed over and past their deadline now: school, category and place kind, no reporter */
    overdue: { hazardId: string; schoolName: string; categoryName: string; locationKind: HazardLocationKind; deadline: string }[]
  }
  education: { held: Compared; attended: Compared; byTheme: { themeId: string; themeName: string; held: Compared; attended: Compared }[] }
}

export interface BulletinQuery {
  from: string
  to: string
  level: BulletinLevel
  id?: string
}

