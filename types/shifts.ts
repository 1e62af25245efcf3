// Shifts: templates, the term calendar, shifts, signups, swaps and gaps. The shapes are the
// TypeBox schemas of schemas/shifts.ts; only their types are imported here (erased at build).
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/shifts'

/** Roles a shift asks for (police stand at the gate at peak times too). */
export const SHIFT_ROLES = ['volunteer', 'teacher', 'guard', 'police'] as const
export type ShiftRole = (typeof SHIFT_ROLES)[number]

export type Headcount = Record<ShiftRole, number>

/** 1 = Monday … 7 = Sunday (ISO weekday). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7
export const WEEKDAY_LABELS: Record<Weekday, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' }

export const CALENDAR_KINDS = ['holiday', 'exam', 'makeup'] as const
export type CalendarKind = (typeof CALENDAR_KINDS)[number]
export const CALENDAR_KIND_LABELS: Record<CalendarKind, string> = { holiday: '放假', exam: '考试（无护学岗）', makeup: '调休上课' }

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

export const SIGNUP_SOURCES = ['self', 'assigned', 'promoted', 'swap'] as const
export type SignupSource = (typeof SIGNUP_SOURCES)[number]

export const SWAP_STATUSES = ['open', 'accepted', 'cancelled', 'expired'] as const
export type SwapStatus = (typeof SWAP_STATUSES)[number]

export type ShiftTemplate = Static<typeof S.TemplateSchema>
export type CalendarDay = Static<typeof S.CalendarDaySchema>
export type RoleFill = Static<typeof S.RoleFillSchema>
export type MySignup = Static<typeof S.MySignupSchema>
export type Shift = Static<typeof S.ShiftSchema>
export type ShiftSignup = Static<typeof S.ShiftSignupSchema>
export type ShiftDetail = Static<typeof S.ShiftDetailSchema>
export type Swap = Static<typeof S.SwapSchema>
export type Candidate = Static<typeof S.CandidateSchema>
export type Gap = Static<typeof S.GapSchema>
/** A post (gate) as the police and principals enter it. */
export type PostInput = Static<typeof S.PostBody>
/** A weekly template of shifts for one post, as the police and principals enter it. */
export type TemplateInput = Static<typeof S.TemplateBody>
export type CalendarDayInput = Static<typeof S.CalendarDayBody>
/** The 首页 summary of shifts. */
export type HomeSummary = Static<typeof S.HomeSummarySchema>
