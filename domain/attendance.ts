// Check-in and check-out windows, exceptions and volunteer hours (DESIGN.md §4). Pure: the
// caller passes `now` and the school's settings.
import type { BoardState } from '../types/attendance'
import type { SchoolSettings } from './settings'

const MIN = 60_000

export interface ShiftSpan {
  startsAt: string
  endsAt: string
}

export type CheckinTiming = { ok: true; late: boolean } | { ok: false; message: string }

export function checkinTiming(now: Date, shift: ShiftSpan, s: SchoolSettings): CheckinTiming {
  const t = now.getTime()
  const start = new Date(shift.startsAt).getTime()
  const end = new Date(shift.endsAt).getTime()
  if (t < start - s.checkinOpensMin * MIN) return { ok: false, message: `签到在开始前 ${s.checkinOpensMin} 分钟开放` }
  if (t > end) return { ok: false, message: '班次已结束，不能签到' }
  return { ok: true, late: t > start + s.lateGraceMin * MIN }
}

/**
 * Check-out: before end − window it is an early leave, whenever that is (also before the shift
 * began); after the shift has been closed as missing, refused. */
export type CheckoutTiming = { ok: true; earlyLeave: boolean } | { ok: false; message: string }

export function checkoutTiming(now: Date, shift: ShiftSpan, s: SchoolSettings): CheckoutTiming {
  const t = now.getTime()
  const end = new Date(shift.endsAt).getTime()
  if (t > end + s.missingCheckoutAfterMin * MIN) return { ok: false, message: '已超过签退时限，本班次记为未签退' }
  return { ok: true, earlyLeave: t < end - s.checkoutOpensBeforeEndMin * MIN }
}

/** What a signup becomes when its shift closes. */
export type Closing = 'no_show' | 'missing_checkout' | null

export function closingOf(now: Date, shift: ShiftSpan, att: { checkedInAt: string | null; checkedOutAt: string | null }, s: SchoolSettings): Closing {
  const t = now.getTime()
  const end = new Date(shift.endsAt).getTime()
  if (!att.checkedInAt) return t >= end ? 'no_show' : null
  if (!att.checkedOutAt && t >= end + s.missingCheckoutAfterMin * MIN) return 'missing_checkout'
  return null
}

/**
 * Hours of service: check-in to check-out clipped to the shift, each started hour's remainder
 * rounded: ≤ 15 min → 0, 15–45 → 0.5, > 45 → 1.
 */
export function serviceHours(checkedInAt: string, checkedOutAt: string, shift: ShiftSpan): number {
  const minutes = minutesInsideShift(checkedInAt, checkedOutAt, shift)
  const whole = Math.floor(minutes / 60)
  const rest = minutes % 60
  return whole + (rest <= 15 ? 0 : rest <= 45 ? 0.5 : 1)
}

/** Minutes between check-in and check-out that fall inside the shift (0 when none do). */
export function minutesInsideShift(checkedInAt: string, checkedOutAt: string, shift: ShiftSpan): number {
  const from = Math.max(new Date(checkedInAt).getTime(), new Date(shift.startsAt).getTime())
  const to = Math.min(new Date(checkedOutAt).getTime(), new Date(shift.endsAt).getTime())
  return Math.max(0, Math.floor((to - from) / MIN))
}

/**
 * Whether a finished duty counts as 有效值守: some of the time between check-in and check-out
 * lies inside the shift. A duty done (and checked out) before the shift began is not a duty.
 * Still open (no check-out yet) means not decided: it counts only once checked out or closed.
 */
export function isValidDuty(checkedInAt: string, checkedOutAt: string, shift: ShiftSpan): boolean {
  return minutesInsideShift(checkedInAt, checkedOutAt, shift) > 0
}

/** A client time of an offline check-in is believable only within the shift's window and not in the future. */
export function offlineTimeProblem(clientAt: Date, receivedAt: Date, shift: ShiftSpan, s: SchoolSettings): string | null {
  if (clientAt.getTime() > receivedAt.getTime() + 2 * MIN) return '离线签到时间晚于服务器时间'
  const timing = checkinTiming(clientAt, shift, s)
  return timing.ok ? null : timing.message
}

export interface Ping {
  at: string
  inside: boolean
}

/** 离岗: the evidence that raises it, the first of the positions outside the fence. */
export type OffPost = { since: string } | null

/**
 * Off-post (离岗, DESIGN.md §4): raised only on evidence, positions outside the fence spanning
 * `offPostOutsideMin` minutes with none inside in between and the latest still outside. Silence
 * is not evidence (a locked phone stops reporting): one position outside and then nothing is not
 * 离岗. Pings sorted by time, oldest first.
 */
export function offPostState(pings: readonly Ping[], s: Pick<SchoolSettings, 'offPostOutsideMin'>): OffPost {
  const last = pings.at(-1)
  if (!last || last.inside) return null
  let outsideSince = last.at
  for (let i = pings.length - 1; i >= 0 && !pings[i].inside; i--) outsideSince = pings[i].at
  return new Date(last.at).getTime() - new Date(outsideSince).getTime() >= s.offPostOutsideMin * MIN ? { since: outsideSince } : null
}

/**
 * 信号中断: nothing heard from a person on duty for `offPostSilentMin` minutes (the last position
 * is the last heartbeat, or the check-in). Shown on the duty board with the last time and distance
 * seen; never an off-post warning and never a message to the police by itself.
 */
export function signalLost(now: Date, lastSeenAt: string, s: Pick<SchoolSettings, 'offPostSilentMin'>): boolean {
  return now.getTime() - new Date(lastSeenAt).getTime() >= s.offPostSilentMin * MIN
}

/** What is known of one person's place on a shift (the server's facts; the phone adds what it still keeps). */
export interface DutyFacts {
  checkInAt: string | null
  checkOutAt: string | null
  late: boolean
  /** What the place became once the shift closed. */
  outcome: string | null
  /** An open off-post event (positions outside the fence for offPostOutsideMin). */
  offPost: boolean
  /** The last position heard (heartbeat), if any; the check-in counts as one. */
  lastSeenAt: string | null
}

/**
 * Where a person's duty stands now: one rule for the duty board and the shift card. Before
 * check-in: 未开始 until the check-in window opens (the school's checkinOpensMin), then 待签到, then
 * 未到岗 after the grace, 缺岗 once the shift is over; after check-in: 在岗 (迟到在岗), 离岗 on an
 * off-post event, 信号中断 when nothing was heard for offPostSilentMin while the shift runs.
 */
export function dutyState(now: Date, shift: ShiftSpan, facts: DutyFacts, s: SchoolSettings): BoardState {
  const t = now.getTime()
  const start = new Date(shift.startsAt).getTime()
  const end = new Date(shift.endsAt).getTime()
  if (facts.outcome === 'no_show') return 'no_show'
  if (facts.outcome === 'missing_checkout') return 'missing_checkout'
  if (facts.checkOutAt) return 'checked_out'
  if (facts.checkInAt) {
    if (facts.offPost) return 'off_post'
    // a locked phone goes silent: shown as such, never as 离岗 (DESIGN.md §4)
    if (t < end && signalLost(now, facts.lastSeenAt ?? facts.checkInAt, s)) return 'signal_lost'
    return facts.late ? 'late' : 'on_duty'
  }
  if (t >= end) return 'no_show'
  if (t > start + s.lateGraceMin * MIN) return 'missing'
  return t >= start - s.checkinOpensMin * MIN ? 'waiting' : 'upcoming'
}
