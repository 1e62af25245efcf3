// The rules that decide shifts (DESIGN.md §4 "Voluntariness"): generation from templates and the
// term calendar, capacity and the waitlist, the monthly cap, the release cut-off, and who is
// proposed to fill a gap (the signup rules live in domain/signups.ts, re-exported here). Pure: the caller passes `now` and the school's settings.
import type { CalendarDay, Headcount, Weekday } from '../types/shifts'
import { SHIFT_ROLES } from '../types/shifts'
import { dayjs, local, localToInstant } from './time'

export {
  countsTowardCap,
  isLiveSignup,
  LIVE_SIGNUP_STATUSES,
  monthlyCapReached,
  monthOf,
  overlaps,
  releaseBlockReason,
  signupBlockReason,
  swapBlockReason,
  type SignupContext,
} from './signups'

export interface TemplateRule {
  id: string
  postId: string
  weekdays: readonly Weekday[]
  startTime: string
  endTime: string
  headcount: Headcount
  termStart: string
  termEnd: string
  active: boolean
}

export interface ShiftDraft {
  templateId: string
  postId: string
  date: string
  startTime: string
  endTime: string
  startsAt: string
  endsAt: string
  headcount: Headcount
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

export function isTime(value: string): boolean {
  return TIME.test(value)
}

export function isDate(value: string): boolean {
  return DATE.test(value) && dayjs(value).format('YYYY-MM-DD') === value
}

/** Why a template cannot be saved, in Chinese, or null. */
export function templateProblem(t: Omit<TemplateRule, 'id' | 'active' | 'postId'>): { field: string; message: string } | null {
  if (!isTime(t.startTime)) return { field: 'startTime', message: '开始时间格式应为 HH:mm' }
  if (!isTime(t.endTime)) return { field: 'endTime', message: '结束时间格式应为 HH:mm' }
  if (t.endTime <= t.startTime) return { field: 'endTime', message: '结束时间应晚于开始时间' }
  if (!isDate(t.termStart)) return { field: 'termStart', message: '学期开始日期格式应为 YYYY-MM-DD' }
  if (!isDate(t.termEnd)) return { field: 'termEnd', message: '学期结束日期格式应为 YYYY-MM-DD' }
  if (t.termEnd < t.termStart) return { field: 'termEnd', message: '学期结束日期应不早于开始日期' }
  if (dayjs(t.termEnd).diff(dayjs(t.termStart), 'day') > 366) return { field: 'termEnd', message: '学期不能超过一年' }
  if (t.weekdays.length === 0) return { field: 'weekdays', message: '请至少选择一个星期几' }
  if (totalRequired(t.headcount) === 0) return { field: 'headcount', message: '请至少设置一个岗位人数' }
  return null
}

export function totalRequired(headcount: Headcount): number {
  return SHIFT_ROLES.reduce((sum, role) => sum + (headcount[role] ?? 0), 0)
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): Weekday {
  return dayjs(date).isoWeekday() as Weekday
}

/** The weekday whose timetable applies on a date, or null when there is no school. */
export function schoolWeekday(date: string, calendar: ReadonlyMap<string, CalendarDay>): Weekday | null {
  const day = calendar.get(date)
  if (day?.kind === 'holiday' || day?.kind === 'exam') return null
  if (day?.kind === 'makeup') return day.asWeekday ?? weekdayOf(date)
  return weekdayOf(date)
}

/**
 * The shifts a template asks for between two local dates (inclusive): its weekdays within the
 * term, without holidays and exam days, with make-up days following their stated weekday.
 */
export function generateShifts(template: TemplateRule, calendar: readonly CalendarDay[], from: string, to: string): ShiftDraft[] {
  if (!template.active) return []
  const byDate = new Map(calendar.map((d) => [d.date, d]))
  const start = from > template.termStart ? from : template.termStart
  const end = to < template.termEnd ? to : template.termEnd
  const drafts: ShiftDraft[] = []
  for (let d = dayjs(start); d.format('YYYY-MM-DD') <= end; d = d.add(1, 'day')) {
    const date = d.format('YYYY-MM-DD')
    const weekday = schoolWeekday(date, byDate)
    if (weekday === null || !template.weekdays.includes(weekday)) continue
    drafts.push({
      templateId: template.id,
      postId: template.postId,
      date,
      startTime: template.startTime,
      endTime: template.endTime,
      startsAt: localToInstant(date, template.startTime),
      endsAt: localToInstant(date, template.endTime),
      headcount: { ...template.headcount },
    })
  }
  return drafts
}

export interface ExistingShift {
  id: string
  templateId: string
  postId: string
  date: string
  startTime: string
  endTime: string
  headcount: Headcount
  status: 'scheduled' | 'cancelled'
}

export interface RegenerationPlan {
  create: ShiftDraft[]
  /** Shifts whose time, post or headcount changed: signups are kept and people told. */
  update: { id: string; draft: ShiftDraft; timeChanged: boolean }[]
  /** Shifts the template no longer asks for: cancelled, people told. */
  cancel: string[]
  /** Cancelled shifts the template asks for again. */
  restore: { id: string; draft: ShiftDraft }[]
}

const sameHeadcount = (a: Headcount, b: Headcount) => SHIFT_ROLES.every((r) => (a[r] ?? 0) === (b[r] ?? 0))

/**
 * What to do to the future shifts of one template so that they match its drafts. Running it on
 * its own result plans nothing: generation is idempotent.
 */
export function planRegeneration(existing: readonly ExistingShift[], drafts: readonly ShiftDraft[]): RegenerationPlan {
  const byDate = new Map(existing.map((s) => [s.date, s]))
  const plan: RegenerationPlan = { create: [], update: [], cancel: [], restore: [] }
  const wanted = new Set<string>()
  for (const draft of drafts) {
    wanted.add(draft.date)
    const current = byDate.get(draft.date)
    if (!current) {
      plan.create.push(draft)
      continue
    }
    if (current.status === 'cancelled') {
      plan.restore.push({ id: current.id, draft })
      continue
    }
    const timeChanged = current.startTime !== draft.startTime || current.endTime !== draft.endTime || current.postId !== draft.postId
    if (timeChanged || !sameHeadcount(current.headcount, draft.headcount)) {
      plan.update.push({ id: current.id, draft, timeChanged })
    }
  }
  for (const s of existing) if (!wanted.has(s.date) && s.status === 'scheduled') plan.cancel.push(s.id)
  return plan
}

/** The rolling window of generation: today (local) and the following weeks. */
export function generationWindow(now: Date, weeks = 4): { from: string; to: string } {
  const today = local(now)
  return { from: today.format('YYYY-MM-DD'), to: today.add(weeks * 7, 'day').format('YYYY-MM-DD') }
}

/** A signup's place: taken, on the waitlist, or refused when full and no waitlist is wanted. */
export function placeFor(required: number, active: number, wantWaitlist: boolean): 'active' | 'waitlisted' | 'full' {
  if (active < required) return 'active'
  return wantWaitlist ? 'waitlisted' : 'full'
}

/** The waitlisted signups (oldest first) that the free places go to. */
export function promotions<T extends { createdAt: string }>(waitlist: readonly T[], freePlaces: number): T[] {
  if (freePlaces <= 0) return []
  return [...waitlist].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(0, freePlaces)
}

export interface CandidateInput {
  personId: string
  shiftsThisTerm: number
  /** Busy at that time (another shift overlaps), or already on this shift. */
  busy: boolean
  name: string
}

/** Members proposed for a gap: the free ones, fewest shifts this term first, then by name. */
export function rankCandidates<T extends CandidateInput>(candidates: readonly T[], limit = 5): T[] {
  return candidates
    .filter((c) => !c.busy)
    .sort((a, b) => a.shiftsThisTerm - b.shiftsThisTerm || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit)
}
