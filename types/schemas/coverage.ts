// Coverage (覆盖率): how well the gates are guarded (types in types/coverage.ts).
import { Type } from '@sinclair/typebox'
import { COVERAGE_COLORS, COVERAGE_RANGES, PERIODS, type CoverageRange } from '../coverage'
import { AlarmReviewSchema } from './alarms'
import { Id, Nullable, StringEnum } from './formats'

const Rate = Nullable(Type.Number())

/** 警力到岗: the police places of the range, of them taken by an officer, those of shifts already over (due), of those attended; rate = attended / due (null when none was due). */
export const PoliceCoverageSchema = Type.Object(
  { required: Type.Integer(), filled: Type.Integer(), due: Type.Integer(), attended: Type.Integer(), rate: Rate },
  { description: '警力到岗：民警岗位（也计入上面的应到、已报名、已到岗）；due 为已结束班次的民警岗位，rate = attended / due' },
)

/**
 * fillRate = filled / required and attendanceRate, 0–1 (null when nothing was required); color: of
 * the attendance rate for past days, of the fill rate for days to come; police (警力到岗): the police
 * places counted on their own (they are also in the numbers above).
 */
const Numbers = {
  required: Type.Integer(),
  filled: Type.Integer(),
  attended: Type.Integer(),
  late: Type.Integer(),
  noShow: Type.Integer(),
  fillRate: Rate,
  attendanceRate: Rate,
  color: Nullable(StringEnum(COVERAGE_COLORS)),
  police: PoliceCoverageSchema,
}
export const CoverageNumbersSchema = Type.Object(Numbers)

/** The range as answers give it back (the document says string). */
const RangeOut = Type.Unsafe<CoverageRange>(Type.String())

export const CoverageRangeQuery = Type.Object({ range: StringEnum(COVERAGE_RANGES) }, { additionalProperties: false })
export const AreaCoverageQuery = Type.Object(
  { range: CoverageRangeQuery.properties.range, stationId: Type.Optional(Id), districtId: Type.Optional(Id) },
  { additionalProperties: false },
)

export const SchoolCoverageRowSchema = Type.Object({ schoolId: Id, schoolName: Type.String(), stationName: Type.String(), ...Numbers, alarms: AlarmReviewSchema })

/** alarms: 一键报警 over the range: by kind, median time to the first acknowledgement, police on site within 3 and 5 minutes. */
export const SchoolCoverageSchema = Type.Object({
  schoolId: Id,
  schoolName: Type.String(),
  range: RangeOut,
  from: Type.String(),
  to: Type.String(),
  totals: CoverageNumbersSchema,
  byPost: Type.Array(Type.Object({ postId: Id, postName: Type.String(), ...Numbers })),
  byPeriod: Type.Array(Type.Object({ period: StringEnum(PERIODS), ...Numbers })),
  daily: Type.Array(Type.Object({ date: Type.String(), ...Numbers })),
  upcomingUnfilled: Type.Array(Type.Object({ shiftId: Id, date: Type.String(), startTime: Type.String(), postName: Type.String(), missing: Type.Integer() })),
  topVolunteers: Type.Array(Type.Object({ personId: Id, name: Type.String(), hours: Type.Number(), shifts: Type.Integer() })),
  openHazards: Type.Integer(),
  noticeAckRate: Rate,
  alarms: AlarmReviewSchema,
})

/** A district of the city, or a station of a district, with its schools' coverage summed. */
export const AreaGroupRowSchema = Type.Object({ id: Id, level: StringEnum(['district', 'station'] as const), name: Type.String(), schools: Type.Integer(), ...Numbers })

/**
 * level: what the view covers (the city, a district or a station); groups: one level down, worst
 * first (the city's districts or a district's stations; none for a station); schools worst first;
 * alarms: 一键报警 over the range for the whole area, and per station of the area.
 */
export const AreaCoverageSchema = Type.Object({
  range: RangeOut,
  from: Type.String(),
  to: Type.String(),
  level: StringEnum(['city', 'district', 'station'] as const),
  name: Type.String(),
  totals: CoverageNumbersSchema,
  groups: Type.Array(AreaGroupRowSchema),
  schools: Type.Array(SchoolCoverageRowSchema),
  weekly: Type.Array(Type.Object({ week: Type.String(), ...Numbers })),
  alarms: AlarmReviewSchema,
  alarmsByStation: Type.Array(Type.Object({ stationId: Id, stationName: Type.String(), alarms: AlarmReviewSchema })),
})
