// Check-in, check-out, exceptions, the duty board and volunteer hours (types in types/attendance.ts).
import { Type } from '@sinclair/typebox'
import { BOARD_STATES } from '../attendance'
import { FixSchema, Id, Instant, Nullable, StringEnum, Text } from './formats'
import { PersonSchema, PostSchema } from './org'
import { ExceptionKindSchema, ExceptionStatusSchema, OwnExceptionSchema, ShiftRoleSchema, ShiftSchema } from './shifts'

/** A fix in GCJ-02 (the app converts the browser's WGS-84 before sending); accuracy in metres. */
export const LocationFixSchema = Type.Object(FixSchema, { additionalProperties: false })

const IdempotencyKey = Type.String({ minLength: 8, maxLength: 64, description: '幂等键：重试时使用同一个' })

/**
 * Check-in, and check-out by the same rules: the fix; the same key on a retry returns the first
 * result; a reason when outside the fence (then accepted as an exception for review); clientAt for
 * a check kept on the phone while offline (the phone's time of the tap).
 */
export const CheckinRequestSchema = Type.Object(
  {
    ...FixSchema,
    idempotencyKey: IdempotencyKey,
    reason: Type.Optional(Text({ maxLength: 200, allowEmpty: true, description: '范围外时的原因' })),
    clientAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
)

export const AttendanceSchema = Type.Object({
  signupId: Id,
  checkInAt: Instant,
  checkInDistanceM: Type.Integer(),
  late: Type.Boolean(),
  offline: Type.Boolean(),
  checkOutAt: Nullable(Instant),
  earlyLeave: Type.Boolean(),
  hours: Nullable(Type.Number()),
  exceptions: Type.Array(OwnExceptionSchema),
})

export const DutyExceptionSchema = Type.Object({
  id: Id,
  signupId: Id,
  kind: ExceptionKindSchema,
  reason: Nullable(Type.String()),
  distanceM: Nullable(Type.Number()),
  clientAt: Nullable(Instant),
  status: ExceptionStatusSchema,
  reviewNote: Nullable(Type.String()),
  createdAt: Instant,
  person: PersonSchema,
  shift: ShiftSchema,
})

export const HeartbeatResultSchema = Type.Object({ inside: Type.Boolean(), distanceM: Type.Number(), limitM: Type.Number() })

/** offPost (离岗): positions outside the fence since then (evidence, never silence). */
export const BoardPersonSchema = Type.Object({
  signupId: Id,
  person: PersonSchema,
  role: ShiftRoleSchema,
  state: StringEnum(BOARD_STATES),
  checkInAt: Nullable(Instant),
  checkInDistanceM: Nullable(Type.Number()),
  late: Type.Boolean(),
  lastSeenAt: Nullable(Instant),
  lastDistanceM: Nullable(Type.Number()),
  checkOutAt: Nullable(Instant),
  earlyLeave: Type.Boolean(),
  offPost: Nullable(Type.Object({ since: Instant }, { description: '离岗：定位显示离开签到范围满规定分钟数的起始时间' })),
  pendingExceptions: Type.Array(ExceptionKindSchema),
})

/** police (警力) on the day's shifts: police places, officers signed up on them, officers checked in (each clipped to the places, as in coverage). */
export const DutyBoardSchema = Type.Object({
  schoolId: Id,
  date: Type.String(),
  posts: Type.Array(Type.Object({ post: PostSchema, shifts: Type.Array(Type.Object({ shift: ShiftSchema, people: Type.Array(BoardPersonSchema) })) })),
  police: Type.Object(
    { required: Type.Integer({ minimum: 0 }), filled: Type.Integer({ minimum: 0 }), present: Type.Integer({ minimum: 0 }) },
    { description: '警力：当天班次的民警岗位、已报名的民警、已签到的民警（均不超过岗位数）' },
  ),
})

/** status: counted, pending review, or not counted (rejected exception, missing checkout, no time inside the shift). */
export const HoursEntrySchema = Type.Object({
  shift: ShiftSchema,
  checkInAt: Instant,
  checkOutAt: Nullable(Instant),
  hours: Type.Number(),
  status: StringEnum(['counted', 'pending', 'not_counted'] as const),
})

export const HoursSummarySchema = Type.Object({
  term: Type.Object({ start: Type.String(), end: Type.String() }),
  totalHours: Type.Number(),
  pendingHours: Type.Number(),
  shiftsAttended: Type.Integer(),
  entries: Type.Array(HoursEntrySchema),
})

/** The content of a certificate of service: the server fills it, the app draws it. */
export const CertificateSchema = Type.Object({
  serial: Type.String(),
  personName: Type.String(),
  schoolName: Type.String(),
  stationName: Type.String(),
  districtName: Type.String(),
  termName: Type.String(),
  termStart: Type.String(),
  termEnd: Type.String(),
  shifts: Type.Integer(),
  hours: Type.Number(),
  issuedAt: Instant,
})
