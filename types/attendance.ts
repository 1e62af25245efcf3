// Check-in, check-out, exceptions, the duty board and volunteer hours.
import type { Person, Post } from './org'
import type { Shift, ShiftRole } from './shifts'

/** A fix in GCJ-02 (the app converts the browser's WGS-84 before sending). */
export interface LocationFix {
  lat: number
  lng: number
  /** metres */
  accuracy: number
}

export interface CheckinRequest extends LocationFix {
  /** The same key on a retry returns the first result. */
  idempotencyKey: string
  /** Given when outside the fence: the check-in is then accepted as an exception for review. */
  reason?: string
  /** Set for a check-in kept on the phone while offline: the phone's time of the tap. */
  clientAt?: string
}

/** Check-out follows the check-in's rules: the same fix, key, reason when outside, offline time. */
export type CheckoutRequest = CheckinRequest

export const EXCEPTION_KINDS = ['outside_fence', 'offline', 'missing_checkout', 'checkout_outside_fence', 'checkout_offline'] as const
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number]
export const EXCEPTION_LABELS: Record<ExceptionKind, string> = {
  outside_fence: '范围外签到',
  offline: '离线签到',
  missing_checkout: '未签退',
  checkout_outside_fence: '范围外签退',
  checkout_offline: '离线签退',
}
export const EXCEPTION_STATUSES = ['pending', 'accepted', 'rejected'] as const
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number]
export const EXCEPTION_STATUS_LABELS: Record<ExceptionStatus, string> = { pending: '待审核', accepted: '已认可', rejected: '未认可' }

export interface DutyException {
  id: string
  signupId: string
  kind: ExceptionKind
  reason: string | null
  distanceM: number | null
  clientAt: string | null
  status: ExceptionStatus
  reviewNote: string | null
  createdAt: string
  person: Person
  shift: Shift
}

/** An exception of one signup, as its owner sees it. */
export interface OwnException {
  id: string
  kind: ExceptionKind
  status: ExceptionStatus
  reviewNote: string | null
}

export interface Attendance {
  signupId: string
  checkInAt: string
  checkInDistanceM: number
  late: boolean
  offline: boolean
  checkOutAt: string | null
  earlyLeave: boolean
  hours: number | null
  exceptions: OwnException[]
}

export interface HeartbeatResult {
  inside: boolean
  distanceM: number
  limitM: number
}

export const BOARD_STATES = ['upcoming', 'waiting', 'on_duty', 'late', 'signal_lost', 'missing', 'off_post', 'checked_out', 'no_show', 'missing_checkout'] as const
export type BoardState = (typeof BOARD_STATES)[number]
export const BOARD_STATE_LABELS: Record<BoardState, string> = {
  upcoming: '未开始',
  waiting: '待签到',
  on_duty: '在岗',
  late: '迟到在岗',
  signal_lost: '信号中断',
  missing: '未到岗',
  off_post: '离岗',
  checked_out: '已签退',
  no_show: '缺岗',
  missing_checkout: '未签退',
}

export interface BoardPerson {
  signupId: string
  person: Person
  role: ShiftRole
  state: BoardState
  checkInAt: string | null
  checkInDistanceM: number | null
  late: boolean
  lastSeenAt: string | null
  lastDistanceM: number | null
  checkOutAt: string | null
  earlyLeave: boolean
  /** 离岗: positions outside the fence since then (evidence, never silence). */
  offPost: { since: string } | null
  pendingExceptions: ExceptionKind[]
}

export interface DutyBoard {
  schoolId: string
  date: string
  posts: { post: Post; shifts: { shift: Shift; people: BoardPerson[] }[] }[]
  /** 警力 on the day's shifts: police places, officers signed up on them, officers checked in (each clipped to the places, as in coverage) */
  police: { required: number; filled: number; present: number }
}

export interface HoursEntry {
  shift: Shift
  checkInAt: string
  checkOutAt: string | null
  hours: number
  /** counted, pending review, or not counted (rejected exception, missing checkout, no time inside the shift) */
  status: 'counted' | 'pending' | 'not_counted'
}

export interface HoursSummary {
  term: { start: string; end: string }
  totalHours: number
  pendingHours: number
  shiftsAttended: number
  entries: HoursEntry[]
}

/** The content of a certificate of service: the server fills it, the app draws it. */
export interface Certificate {
  serial: string
  personName: string
  schoolName: string
  stationName: string
  districtName: string
  termName: string
  termStart: string
  termEnd: string
  shifts: number
  hours: number
  issuedAt: string
}
