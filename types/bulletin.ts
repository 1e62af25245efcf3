// The campus-safety bulletin (简报): the figures a city, district or station reports for a period,
// each beside the same figure for the period of the same length just before. The shapes are the
// TypeBox schemas of schemas/bulletin.ts; only their types are imported here (erased at build).
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/bulletin'

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
export type SafetyTheme = Static<typeof S.SafetyThemeSchema>

/** A figure now and in the period before (null: nothing to divide by). */
export type Compared = Static<typeof S.ComparedSchema>

export const BULLETIN_LEVELS = ['city', 'district', 'station'] as const
export type BulletinLevel = (typeof BULLETIN_LEVELS)[number]

export type BulletinScope = Static<typeof S.BulletinScopeSchema>

export type Bulletin = Static<typeof S.BulletinSchema>

export type BulletinQuery = Static<typeof S.BulletinQuerySchema>
