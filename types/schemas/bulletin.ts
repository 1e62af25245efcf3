// The campus-safety bulletin (简报): every figure beside the same figure of the period before
// (types in types/bulletin.ts).
import { Type } from '@sinclair/typebox'
import { BULLETIN_LEVELS, HAZARD_LOCATION_KINDS, PARTICIPANT_KINDS } from '../bulletin'
import { Id, LocalDate, Nullable, StringEnum } from './formats'

/** One of the city's safety-education themes (防溺水, 防拐骗 …). */
export const SafetyThemeSchema = Type.Object({ id: Id, name: Type.String() })

export const BulletinQuerySchema = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    level: StringEnum(BULLETIN_LEVELS, '范围：全市、区县或派出所'),
    id: Type.Optional(Id),
  },
  { additionalProperties: false },
)

const N = Nullable(Type.Number())
/** A figure now and in the period before (null: nothing to divide by). */
export const ComparedSchema = Type.Object({ current: N, previous: N })
const C = ComparedSchema

/** id: the district's or station's; null for the city. */
export const BulletinScopeSchema = Type.Object({ level: StringEnum(BULLETIN_LEVELS), id: Nullable(Id), name: Type.String() })

/**
 * posts (护学岗设置率): schools with an active post and shifts in the period / all schools; people:
 * distinct people who checked in, by kind, and their hours; police: per school day, distinct police
 * checked in at the gates; coverage as the coverage views compute it; drills with the drill alarms
 * (一键报警 演练) of the period; hazards.overdue: handed over and past their deadline now (school,
 * category and place kind, no reporter).
 */
export const BulletinSchema = Type.Object({
  scope: BulletinScopeSchema,
  from: Type.String(),
  to: Type.String(),
  previousFrom: Type.String(),
  previousTo: Type.String(),
  posts: Type.Object({ schools: C, withPosts: C, rate: C, schoolsWithout: Type.Array(Type.Object({ schoolId: Id, schoolName: Type.String(), stationName: Type.String() })) }),
  people: Type.Object({ total: C, byKind: Type.Array(Type.Object({ kind: StringEnum(PARTICIPANT_KINDS), people: C, hours: C })), volunteerHours: C }),
  police: Type.Object({ schoolDays: C, average: C, max: C }),
  coverage: Type.Object({ required: C, fillRate: C, attendanceRate: C }),
  drills: Type.Object({
    held: C,
    schoolsReached: C,
    byTheme: Type.Array(Type.Object({ themeId: Id, themeName: Type.String(), held: C })),
    alarms: Type.Object({ count: C, medianFirstAckSec: C, policeWithin3MinRate: C, policeWithin5MinRate: C }),
  }),
  hazards: Type.Object({
    byLocation: Type.Array(Type.Object({ kind: StringEnum(HAZARD_LOCATION_KINDS), reported: C, rectified: C, closed: C })),
    overdue: Type.Array(
      Type.Object({ hazardId: Id, schoolName: Type.String(), categoryName: Type.String(), locationKind: StringEnum(HAZARD_LOCATION_KINDS), deadline: Type.String() }),
    ),
  }),
  education: Type.Object({ held: C, attended: C, byTheme: Type.Array(Type.Object({ themeId: Id, themeName: Type.String(), held: C, attended: C })) }),
})
