// Shifts: templates, the term calendar, shifts, signups, swaps and gaps.
import type { Person } from './org'
import type { OwnException } from './attendance'

/** Roles a shift asks for (police stand at the gate at peak times too). */
export const SHIFT_ROLES = ['volunteer', 'teacher', 'guard', 'police'] as const
export type ShiftRole = (typeof SHIFT_ROLES)[number]

export type Headcount = Record<ShiftRole, number>

/** 1 = Monday … 7 = Sunday (ISO weekday). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7
export const WEEKDAY_LABELS: Record<Weekday, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' }

export interface ShiftTemplate extends TemplateInput {
  id: string
  schoolId: string
  postName: string
  active: boolean
  updatedAt: string
}

export const CALENDAR_KINDS = ['holiday', 'exam', 'makeup'] as const
export type CalendarKind = (typeof CALENDAR_KINDS)[number]
export const CALENDAR_KIND_LABELS: Record<CalendarKind, string> = { holiday: '放假', exam: '考试（无护学岗）', makeup: '调休上课' }

export interface CalendarDay {
  date: string
  kind: CalendarKind
  note: string
  /** For a make-up day: whose timetable it follows (e.g. 5 = as on Fridays). */
  asWeekday: Weekday | null
}

export const SIGNUP_STATUSES = ['active', 'waitlisted', 'released', 'removed', 'swapped', 'cancelled'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  active: '已报名',
  waitlisted: '候补',
  released: '已释放',
  removed: '已移除',
  swapped: '已换出',
  cancelled: '班次取消',
}

export type SignupSource = 'self' | 'assigned' | 'promoted' | 'swap'

export interface RoleFill {
  role: ShiftRole
  required: number
  filled: number
  waitlisted: number
}

export interface MySignup {
  signupId: string
  role: ShiftRole
  status: SignupStatus
  /** 1-based place in the waitlist, when waitlisted. */
  waitlistPosition: number | null
  /** Why the police removed this person, shown to them. */
  reason: string | null
  /** What became of it once the shift closed. */
  outcome: 'attended' | 'no_show' | 'missing_checkout' | null
  checkInAt: string | null
  checkOutAt: string | null
  /** From the check-in and check-out (false before them). */
  late: boolean
  earlyLeave: boolean
  /** This signup's exceptions and how they were decided. */
  exceptions: OwnException[]
}

export interface Shift {
  id: string
  schoolId: string
  schoolName: string
  postId: string
  postName: string
  templateName: string
  date: string
  startTime: string
  endTime: string
  startsAt: string
  endsAt: string
  status: 'scheduled' | 'cancelled'
  roles: RoleFill[]
  /** The caller's own signup on this shift, if any (any status but the latest only). */
  mine: MySignup | null
}

export interface ShiftSignup {
  signupId: string
  person: Person
  role: ShiftRole
  status: SignupStatus
  source: SignupSource
  reason: string | null
  createdAt: string
}

export interface ShiftDetail extends Shift {
  signups: ShiftSignup[]
}

export type SwapStatus = 'open' | 'accepted' | 'cancelled' | 'expired'

export interface Swap {
  id: string
  shift: Shift
  role: ShiftRole
  from: Person
  /** null: offered to everyone at the school */
  to: Person | null
  status: SwapStatus
  acceptedBy: Person | null
  createdAt: string
}

export interface Candidate {
  person: Person
  role: ShiftRole
  shiftsThisTerm: number
}

export interface Gap {
  shift: Shift
  role: ShiftRole
  missing: number
  candidates: Candidate[]
}

/** A post (gate) as the police and principals enter it. */
export interface PostInput {
  name: string
  lat: number
  lng: number
  radiusM: number
}

/** A weekly template of shifts for one post, as the police and principals enter it. */
export interface TemplateInput {
  postId: string
  /** e.g. 早高峰 / 晚高峰 */
  name: string
  weekdays: Weekday[]
  /** Local times, HH:mm, Asia/Shanghai. */
  startTime: string
  endTime: string
  headcount: Headcount
  /** Local dates, YYYY-MM-DD, inclusive. */
  termStart: string
  termEnd: string
}

export interface CalendarDayInput {
  kind: CalendarKind
  note: string
  asWeekday?: Weekday | null
}

/** The 首页 summary of shifts. */
export interface HomeSummary {
  nextShift: Shift | null
  openSwapsForMe: number
  /** For managers: places still open in the next 48 hours across their schools. */
  unfilled: { shift: Shift; role: ShiftRole; missing: number }[]
}
