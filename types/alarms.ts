// 一键报警: the alarm, its one timeline of events, the 1-3-5 marks, and the requests.
import type { Gcj02Point } from './org'
import type { BroadcastPushMessage } from './broadcasts'

export const ALARM_TYPES = ['armed_intrusion', 'fight', 'suspicious_person', 'missing_child', 'traffic_accident', 'fire', 'other'] as const
export type AlarmType = (typeof ALARM_TYPES)[number]
export const ALARM_TYPE_LABELS: Record<AlarmType, string> = {
  armed_intrusion: '持械闯入',
  fight: '打架斗殴',
  suspicious_person: '可疑人员',
  missing_child: '学生走失',
  traffic_accident: '交通事故',
  fire: '火情',
  other: '其他',
}

/** raised → acknowledged → on_site → closed; cancelled (误触) only within the cancel window. */
export const ALARM_STATUSES = ['raised', 'acknowledged', 'on_site', 'closed', 'cancelled'] as const
export type AlarmStatus = (typeof ALARM_STATUSES)[number]
export const ALARM_STATUS_LABELS: Record<AlarmStatus, string> = {
  raised: '已报警',
  acknowledged: '已收到',
  on_site: '已到场',
  closed: '处置完毕',
  cancelled: '误触取消',
}

export const ALARM_OUTCOMES = ['handled', 'false_alarm', 'transferred', 'drill_over'] as const
export type AlarmOutcome = (typeof ALARM_OUTCOMES)[number]
export const ALARM_OUTCOME_LABELS: Record<AlarmOutcome, string> = {
  handled: '已处置',
  false_alarm: '误报',
  transferred: '移交',
  drill_over: '演练结束',
}

/** What a person (or the escalation job) does to an alarm; `raise` is the first event. */
export const ALARM_ACTIONS = ['raise', 'locate', 'describe', 'acknowledge', 'arrive', 'escalate', 'close', 'cancel'] as const
export type AlarmAction = (typeof ALARM_ACTIONS)[number]
export const ALARM_ACTION_LABELS: Record<AlarmAction, string> = {
  raise: '报警',
  locate: '补充定位',
  describe: '补充情况',
  acknowledge: '收到',
  arrive: '到场',
  escalate: '升级',
  close: '处置完毕',
  cancel: '误触取消',
}

/**
 * Who someone is for one alarm. `school`: the school's own people who count for the 1-minute
 * mark (its guards, its principal, and anyone on duty there now); `police`: police of the
 * school's station; `system`: the escalation job.
 */
export const ALARM_ACTOR_KINDS = ['raiser', 'school', 'officer', 'system'] as const
export type AlarmActorKind = (typeof ALARM_ACTOR_KINDS)[number]

/** Escalation levels: 1 = no police acknowledgement in time, 2 = no police on site in time. */
export type EscalationLevel = 1 | 2

/** The 1-3-5 mark states: green when met, red when missed, grey while the clock runs or void. */
export type MarkState = 'met' | 'missed' | 'pending' | 'void'

export interface AlarmMark {
  /** The minute mark as configured for the district (1, 3, 5 by default). */
  minutes: number
  label: string
  state: MarkState
  /** Seconds from the alarm to the arrival that meets (or missed) the mark. */
  atSec: number | null
}

export interface AlarmLocation extends Gcj02Point {
  accuracy: number
}

export interface AlarmEvent {
  id: string
  action: AlarmAction
  /** "我", "民警 陈志强", "保安 赵德福", "系统" */
  actor: string
  actorId: string | null
  actorKind: AlarmActorKind
  note: string | null
  /** arrive: distance to the school's nearest gate and whether it was inside the fence */
  distanceM: number | null
  outsideFence: boolean
  level: EscalationLevel | null
  createdAt: string
}

export interface AlarmResponder {
  personId: string
  name: string
  kind: 'school' | 'officer'
  /** 已收到 / 已到场 */
  acknowledgedAt: string | null
  arrivedAt: string | null
  phone: string | null
}

export interface Alarm {
  id: string
  schoolId: string
  schoolName: string
  stationName: string
  status: AlarmStatus
  drill: boolean
  type: AlarmType | null
  note: string | null
  location: AlarmLocation | null
  /** The school's gates, for the distance view. */
  school: Gcj02Point
  raiser: { id: string; name: string; phone: string | null }
  mine: boolean
  outcome: AlarmOutcome | null
  raisedAt: string
  closedAt: string | null
  /** Until when the raiser may still cancel as 误触 (null once closed or past). */
  cancellableUntil: string | null
  photos: { fileId: string; url: string; thumbUrl: string }[]
  marks: AlarmMark[]
  responders: AlarmResponder[]
  events: AlarmEvent[]
  /** What the viewer may do now. */
  can: { acknowledge: boolean; arrive: boolean; close: boolean; cancel: boolean; describe: boolean }
  updatedAt: string
}

export interface RaiseAlarmRequest {
  /** idempotency key from the phone: a retry returns the first alarm */
  clientKey: string
  schoolId?: string
  location?: AlarmLocation
  /** the phone's time of the press (informational; the server's clock is the alarm's time) */
  clientAt?: string
  type?: AlarmType
  note?: string
  photoIds?: string[]
  drill?: boolean
  /** A drill alarm belongs to a scheduled drill (a drill notice sent to the school, in its time window). */
  drillNoticeId?: string
}

export interface DescribeAlarmRequest {
  location?: AlarmLocation
  type?: AlarmType
  note?: string
  photoIds?: string[]
}

export interface ArriveRequest extends AlarmLocation {
  reason?: string
}

export interface CloseAlarmRequest {
  outcome: AlarmOutcome
  note?: string
}

/** Pushed over the live socket to everyone involved: enough for a banner; pages fetch the alarm. */
export interface AlarmPushMessage {
  type: 'alarm'
  alarmId: string
  action: AlarmAction
  status: AlarmStatus
  schoolName: string
  drill: boolean
  alarmType: AlarmType | null
  raisedAt: string
  updatedAt: string
  /** The receiver raised it. */
  mine?: boolean
}

/** Everything the server sends on the live socket. */
export type LiveMessage = AlarmPushMessage | BroadcastPushMessage | { type: 'ready'; personId: string } | { type: 'pong' }

/** What an alarm was, for lists and reviewers: a real alarm, a drill (演练), or cancelled as 误触. */
export type AlarmKind = 'real' | 'drill' | 'mistaken'
export const ALARM_KIND_LABELS: Record<AlarmKind, string> = { real: '真实报警', drill: '演练', mistaken: '误触' }

/** Seconds from the alarm to the first acknowledgement and the first arrivals (null: none yet). */
export interface AlarmResponseTimes {
  /** 收到 (or 到场, which counts as 收到) by a guard, the principal, someone on duty or police */
  firstAckSec: number | null
  /** the school's own people (guard, principal, someone on duty) on site: the 1-minute mark */
  schoolOnSiteSec: number | null
  /** the first police officer on site: the 3-minute mark */
  policeOnSiteSec: number | null
  /** the second police officer on site: the 5-minute mark */
  secondPoliceOnSiteSec: number | null
}

/** An alarm in a list, on a drill record or in a review: no timeline, the 1-3-5 marks and the times. */
export interface AlarmSummary extends AlarmResponseTimes {
  id: string
  schoolId: string
  schoolName: string
  stationName: string
  status: AlarmStatus
  kind: AlarmKind
  type: AlarmType | null
  outcome: AlarmOutcome | null
  raiserName: string
  raisedAt: string
  closedAt: string | null
  /** the drill notice a drill alarm belongs to */
  drillNoticeId: string | null
  marks: AlarmMark[]
}

/** A share of alarms: of those decided (the clock passed the mark or someone came), how many met it. */
export interface AlarmShare {
  met: number
  decided: number
  /** met / decided, 0–1; null when none was decided */
  rate: number | null
}

/**
 * The numbers for those who review, over a period: alarms by kind; the median time to the first
 * acknowledgement and the shares of alarms with police on site within the district's 3 and 5
 * minutes (by default), over real alarms and drills (误触 are counted, not measured).
 */
export interface AlarmReviewNumbers {
  real: number
  drill: number
  mistaken: number
  /** alarms measured (real and drill) that someone acknowledged */
  acknowledged: number
  medianAckSec: number | null
  policeWithin3: AlarmShare
  policeWithin5: AlarmShare
}

export interface AlarmPage {
  items: AlarmSummary[]
  /** pass as `before` for the next page; null at the end */
  nextCursor: string | null
}
