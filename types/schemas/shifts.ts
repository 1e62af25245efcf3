// Shifts: templates, the term calendar, shifts, signups, swaps, gaps and the school's settings
// (types in types/shifts.ts). An exception of one signup is here too: a shift carries its owner's.
import { Type } from '@sinclair/typebox'
import { MAX_FILL_PUSH_HOURS } from '../../domain/settings'
import { EXCEPTION_KINDS, EXCEPTION_STATUSES } from '../attendance'
import { CALENDAR_KINDS, SHIFT_ROLES, SIGNUP_SOURCES, SIGNUP_STATUSES, SWAP_STATUSES, type Weekday } from '../shifts'
import { Id, Instant, IntegerOf, LocalDate, LocalTime, Nullable, PlaceSchema, StringEnum, Text } from './formats'
import { PersonSchema } from './org'

export const ShiftRoleSchema = StringEnum(SHIFT_ROLES, '岗位角色')
/** 1 = Monday … 7 = Sunday (ISO weekday). */
export const WeekdaySchema = IntegerOf<Weekday>({ minimum: 1, maximum: 7, description: '1=周一 … 7=周日' })

const Count = Type.Integer({ minimum: 0, maximum: 50 })
export const HeadcountSchema = Type.Object({ volunteer: Count, teacher: Count, guard: Count, police: Count }, { additionalProperties: false, description: '每个角色需要的人数' })

/** A weekly template of shifts for one post, as the police and principals enter it (local times and dates, Asia/Shanghai; dates inclusive). */
export const TemplateBody = Type.Object(
  {
    postId: Id,
    name: Text({ maxLength: 20, description: '如 早高峰、晚高峰' }),
    weekdays: Type.Array(WeekdaySchema, { minItems: 1, maxItems: 7 }),
    startTime: LocalTime,
    endTime: LocalTime,
    headcount: HeadcountSchema,
    termStart: LocalDate,
    termEnd: LocalDate,
  },
  { additionalProperties: false },
)

export const TemplateSchema = Type.Object({
  id: Id,
  schoolId: Id,
  postId: Id,
  postName: Type.String(),
  name: Type.String(),
  weekdays: Type.Array(IntegerOf<Weekday>()),
  startTime: Type.String(),
  endTime: Type.String(),
  headcount: HeadcountSchema,
  termStart: Type.String(),
  termEnd: Type.String(),
  active: Type.Boolean(),
  updatedAt: Instant,
})

export const CalendarDaySchema = Type.Object({
  date: LocalDate,
  kind: StringEnum(CALENDAR_KINDS),
  note: Type.String({ maxLength: 50 }),
  asWeekday: Nullable(WeekdaySchema),
})

/** For a make-up day, asWeekday: whose timetable it follows (e.g. 5 = as on Fridays). */
export const CalendarDayBody = Type.Object(
  { kind: CalendarDaySchema.properties.kind, note: Text({ maxLength: 50, allowEmpty: true }), asWeekday: Type.Optional(Type.Union([WeekdaySchema, Type.Null()])) },
  { additionalProperties: false },
)

export const SignupStatusSchema = StringEnum(SIGNUP_STATUSES)

export const ExceptionStatusSchema = StringEnum(EXCEPTION_STATUSES)
export const ExceptionKindSchema = StringEnum(EXCEPTION_KINDS)
/** An exception of one signup, as its owner sees it. */
export const OwnExceptionSchema = Type.Object({ id: Id, kind: ExceptionKindSchema, status: ExceptionStatusSchema, reviewNote: Nullable(Type.String()) })

export const RoleFillSchema = Type.Object({ role: ShiftRoleSchema, required: Type.Integer(), filled: Type.Integer(), waitlisted: Type.Integer() })

/**
 * The caller's own signup: waitlistPosition is 1-based; reason: why the police removed this person;
 * outcome: what became of it once the shift closed; late and earlyLeave from the check-in and
 * check-out (false before them); its exceptions and how they were decided.
 */
export const MySignupSchema = Type.Object({
  signupId: Id,
  role: ShiftRoleSchema,
  status: SignupStatusSchema,
  waitlistPosition: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  outcome: Nullable(StringEnum(['attended', 'no_show', 'missing_checkout'] as const)),
  checkInAt: Nullable(Instant),
  checkOutAt: Nullable(Instant),
  late: Type.Boolean(),
  earlyLeave: Type.Boolean(),
  exceptions: Type.Array(OwnExceptionSchema),
})

/** mine: the caller's own signup on this shift, if any (any status but the latest only). */
export const ShiftSchema = Type.Object({
  id: Id,
  schoolId: Id,
  schoolName: Type.String(),
  postId: Id,
  postName: Type.String(),
  templateName: Type.String(),
  date: Type.String(),
  startTime: Type.String(),
  endTime: Type.String(),
  startsAt: Instant,
  endsAt: Instant,
  status: StringEnum(['scheduled', 'cancelled'] as const),
  roles: Type.Array(RoleFillSchema),
  mine: Nullable(MySignupSchema),
})

export const ShiftSignupSchema = Type.Object({
  signupId: Id,
  person: PersonSchema,
  role: ShiftRoleSchema,
  status: SignupStatusSchema,
  source: StringEnum(SIGNUP_SOURCES),
  reason: Nullable(Type.String()),
  createdAt: Instant,
})

export const ShiftDetailSchema = Type.Composite([ShiftSchema, Type.Object({ signups: Type.Array(ShiftSignupSchema) })])

/** to: null when offered to everyone at the school. */
export const SwapSchema = Type.Object({
  id: Id,
  shift: ShiftSchema,
  role: ShiftRoleSchema,
  from: PersonSchema,
  to: Nullable(PersonSchema),
  status: StringEnum(SWAP_STATUSES),
  acceptedBy: Nullable(PersonSchema),
  createdAt: Instant,
})

export const CandidateSchema = Type.Object({ person: PersonSchema, role: ShiftRoleSchema, shiftsThisTerm: Type.Integer() })
export const GapSchema = Type.Object({
  shift: ShiftSchema,
  role: ShiftRoleSchema,
  missing: Type.Integer(),
  candidates: Type.Array(CandidateSchema),
})

/** The 首页 summary of shifts; unfilled (for managers): places still open in the next 48 hours across their schools. */
export const HomeSummarySchema = Type.Object({
  nextShift: Nullable(ShiftSchema),
  openSwapsForMe: Type.Integer(),
  unfilled: Type.Array(Type.Object({ shift: ShiftSchema, role: ShiftRoleSchema, missing: Type.Integer() })),
})

const Num = (min: number, max: number) => Type.Optional(Type.Number({ minimum: min, maximum: max }))
export const SettingsSchema = Type.Object(
  {
    checkinOpensMin: Num(0, 240),
    lateGraceMin: Num(0, 60),
    checkoutOpensBeforeEndMin: Num(0, 120),
    missingCheckoutAfterMin: Num(0, 600),
    defaultRadiusM: Num(30, 2000),
    accuracyAllowanceMaxM: Num(0, 500),
    accuracyRefuseM: Num(50, 5000),
    monthlyCapPerVolunteer: Num(0, 62),
    releaseCutoffHours: Num(0, 168),
    fillPushHours: Num(0, MAX_FILL_PUSH_HOURS),
    offPostOutsideMin: Num(1, 60),
    offPostSilentMin: Num(1, 120),
  },
  { additionalProperties: false },
)

/** A post (gate) as the police and principals enter it. */
export const PostBody = Type.Object(
  {
    name: Text({ maxLength: 30 }),
    ...PlaceSchema,
    radiusM: Type.Integer({ minimum: 30, maximum: 2000, description: '签到范围半径（米）' }),
  },
  { additionalProperties: false },
)
