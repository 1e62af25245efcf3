// Check-in, check-out, exceptions, the duty board and volunteer hours. The shapes are the TypeBox
// schemas of schemas/attendance.ts; only their types are imported here (erased at build).
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/attendance'
import type { OwnExceptionSchema } from './schemas/shifts'

/** A fix in GCJ-02 (the app converts the browser's WGS-84 before sending). */
export type LocationFix = Static<typeof S.LocationFixSchema>

export type CheckinRequest = Static<typeof S.CheckinRequestSchema>

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

export type DutyException = Static<typeof S.DutyExceptionSchema>

/** An exception of one signup, as its owner sees it. */
export type OwnException = Static<typeof OwnExceptionSchema>

export type Attendance = Static<typeof S.AttendanceSchema>

export type HeartbeatResult = Static<typeof S.HeartbeatResultSchema>

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

export type BoardPerson = Static<typeof S.BoardPersonSchema>

export type DutyBoard = Static<typeof S.DutyBoardSchema>

export type HoursEntry = Static<typeof S.HoursEntrySchema>

export type HoursSummary = Static<typeof S.HoursSummarySchema>

/** The content of a certificate of service: the server fills it, the app draws it. */
export type Certificate = Static<typeof S.CertificateSchema>
