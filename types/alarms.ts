// 一键报警: the alarm, its one timeline of events, the 1-3-5 marks, and the requests. The shapes
// are the TypeBox schemas of schemas/alarms.ts; only their types are imported here (erased at build).
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/alarms'
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
export const MARK_STATES = ['met', 'missed', 'pending', 'void'] as const
export type MarkState = (typeof MARK_STATES)[number]

export type AlarmMark = Static<typeof S.AlarmMarkSchema>

export type AlarmLocation = Static<typeof S.AlarmLocationSchema>

export type AlarmEvent = Static<typeof S.AlarmEventSchema>

export type AlarmResponder = Static<typeof S.AlarmResponderSchema>

export type Alarm = Static<typeof S.AlarmSchema>

export type RaiseAlarmRequest = Static<typeof S.RaiseAlarmRequestSchema>

export type DescribeAlarmRequest = Static<typeof S.DescribeAlarmRequestSchema>

export type ArriveRequest = Static<typeof S.ArriveRequestSchema>

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
export const ALARM_KINDS = ['real', 'drill', 'mistaken'] as const
export type AlarmKind = (typeof ALARM_KINDS)[number]
export const ALARM_KIND_LABELS: Record<AlarmKind, string> = { real: '真实报警', drill: '演练', mistaken: '误触' }

/** Seconds from the alarm to the first acknowledgement and the first arrivals (null: none yet). */
export type AlarmResponseTimes = Static<typeof S.AlarmResponseTimesSchema>

/** An alarm in a list, on a drill record or in a review: no timeline, the 1-3-5 marks and the times. */
export type AlarmSummary = Static<typeof S.AlarmSummarySchema>

export type AlarmShare = Static<typeof S.AlarmShareSchema>

export type AlarmReviewNumbers = Static<typeof S.AlarmReviewSchema>

export type AlarmPage = Static<typeof S.AlarmPageSchema>
