import { Type } from '@sinclair/typebox'
import { MAX_FILL_PUSH_HOURS } from '../../../../domain/settings'
import { EXCEPTION_KINDS } from '../../../../types/attendance'
import { CALENDAR_KINDS, SHIFT_ROLES, SIGNUP_STATUSES, type Weekday } from '../../../../types/shifts'
import { Id, Instant, LocalDate, LocalTime, Nullable, PersonSchema, PlaceSchema, StringEnum, Text } from '../../lib/schemas'

export const ShiftRoleSchema = StringEnum(SHIFT_ROLES, '岗位角色')
export { LocalDate, LocalTime }
export const WeekdaySchema = Type.Unsafe<Weekday>(Type.Integer({ minimum: 1, maximum: 7, description: '1=周一 … 7=周日' }))

const Count = Type.Integer({ minimum: 0, maximum: 50 })
export const HeadcountSchema = Type.Object(
  { volunteer: Count, teacher: Count, guard: Count, police: Count },
  { additionalProperties: false, description: '每个角色需要的人数' },
)

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
  weekdays: Type.Array(Type.Integer()),
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

export const SignupStatusSchema = StringEnum(SIGNUP_STATUSES)

export const ExceptionStatusSchema = StringEnum(['pending', 'accepted', 'rejected'] as const)
export const ExceptionKindSchema = StringEnum(EXCEPTION_KINDS)
/** An exception of one signup, as its owner sees it. */
export const OwnExceptionSchema = Type.Object({ id: Id, kind: ExceptionKindSchema, status: ExceptionStatusSchema, reviewNote: Nullable(Type.String()) })

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
  roles: Type.Array(Type.Object({ role: ShiftRoleSchema, required: Type.Integer(), filled: Type.Integer(), waitlisted: Type.Integer() })),
  mine: Nullable(
    Type.Object({
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
    }),
  ),
})

export const ShiftDetailSchema = Type.Composite([
  ShiftSchema,
  Type.Object({
    signups: Type.Array(
      Type.Object({
        signupId: Id,
        person: PersonSchema,
        role: ShiftRoleSchema,
        status: SignupStatusSchema,
        source: StringEnum(['self', 'assigned', 'promoted', 'swap'] as const),
        reason: Nullable(Type.String()),
        createdAt: Instant,
      }),
    ),
  }),
])

export const SwapSchema = Type.Object({
  id: Id,
  shift: ShiftSchema,
  role: ShiftRoleSchema,
  from: PersonSchema,
  to: Nullable(PersonSchema),
  status: StringEnum(['open', 'accepted', 'cancelled', 'expired'] as const),
  acceptedBy: Nullable(PersonSchema),
  createdAt: Instant,
})

export const GapSchema = Type.Object({
  shift: ShiftSchema,
  role: ShiftRoleSchema,
  missing: Type.Integer(),
  candidates: Type.Array(Type.Object({ person: PersonSchema, role: ShiftRoleSchema, shiftsThisTerm: Type.Integer() })),
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

export const PostBody = Type.Object(
  {
    name: Text({ maxLength: 30 }),
    ...PlaceSchema,
    radiusM: Type.Integer({ minimum: 30, maximum: 2000, description: '签到范围半径（米）' }),
  },
  { additionalProperties: false },
)
