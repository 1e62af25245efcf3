// 一键报警 (DESIGN.md §4): the alarm's one transition function, the 1-3-5 marks and the
// escalations, all computed from the alarm's events. Pure: the caller passes `now` and the
// district's settings. Like hazards: a transition table, the actor's right, an event per change,
// and a repeated action (a retried tap) answers `changed: false`.
import type {
  AlarmAction,
  AlarmActorKind,
  AlarmKind,
  AlarmMark,
  AlarmOutcome,
  AlarmResponseTimes,
  AlarmReviewNumbers,
  AlarmShare,
  AlarmStatus,
  EscalationLevel,
  MarkState,
} from '../types/alarms'
import { ALARM_ACTION_LABELS, ALARM_STATUS_LABELS } from '../types/alarms'

/** Per-district settings (the 1-3-5 mechanism), with the city's defaults. */
export interface AlarmSettings {
  /** The school's own people on site within this many minutes. */
  schoolOnSiteMin: number
  /** A police officer on site within this many minutes; no police on site by then escalates again. */
  policeOnSiteMin: number
  /** A second police officer on site within this many minutes. */
  secondPoliceOnSiteMin: number
  /** No police acknowledgement this many seconds after the alarm escalates to the station and district. */
  policeAckEscalateSec: number
  /** The raiser may cancel as 误触 for this many seconds. */
  cancelWindowSec: number
}

export const DEFAULT_ALARM_SETTINGS: AlarmSettings = {
  schoolOnSiteMin: 1,
  policeOnSiteMin: 3,
  secondPoliceOnSiteMin: 5,
  policeAckEscalateSec: 60,
  cancelWindowSec: 10,
}

export function alarmSettingsFrom(stored: Partial<AlarmSettings> | null | undefined): AlarmSettings {
  const merged = { ...DEFAULT_ALARM_SETTINGS }
  if (!stored) return merged
  for (const key of Object.keys(DEFAULT_ALARM_SETTINGS) as (keyof AlarmSettings)[]) {
    const value = stored[key]
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) merged[key] = value
  }
  return merged
}

type AlarmStatusType = 'open' | 'over'
const TYPE: Record<AlarmStatus, AlarmStatusType> = { raised: 'open', acknowledged: 'open', on_site: 'open', closed: 'over', cancelled: 'over' }
export const isAlarmOpen = (s: AlarmStatus) => TYPE[s] === 'open'

/** A fact on the timeline, as the rules need it. */
export interface AlarmFact {
  action: AlarmAction
  actorId: string | null
  actorKind: AlarmActorKind
  at: string
  level?: EscalationLevel | null
}

export interface AlarmSnapshot {
  status: AlarmStatus
  raisedAt: string
  raiserId: string
  drill: boolean
  events: readonly AlarmFact[]
}

export interface AlarmActor {
  id: string | null
  kinds: readonly AlarmActorKind[]
}

type Mutation = Exclude<AlarmAction, 'raise'>

interface Rule {
  from: readonly AlarmStatus[]
  /** The status after the action; `keep` leaves it, `advance` moves forward to it but never back. */
  to: AlarmStatus | { advance: AlarmStatus } | 'keep'
  who: readonly AlarmActorKind[]
}

const OPEN: readonly AlarmStatus[] = ['raised', 'acknowledged', 'on_site']
const ORDER: AlarmStatus[] = ['raised', 'acknowledged', 'on_site']

export const ALARM_TRANSITIONS: Record<Mutation, Rule> = {
  locate: { from: OPEN, to: 'keep', who: ['raiser'] },
  describe: { from: OPEN, to: 'keep', who: ['raiser'] },
  acknowledge: { from: OPEN, to: { advance: 'acknowledged' }, who: ['school', 'officer'] },
  arrive: { from: OPEN, to: { advance: 'on_site' }, who: ['school', 'officer'] },
  escalate: { from: OPEN, to: 'keep', who: ['system'] },
  close: { from: OPEN, to: 'closed', who: ['officer'] },
  cancel: { from: OPEN, to: 'cancelled', who: ['raiser'] },
}

export interface AlarmTransitionInput {
  outcome?: AlarmOutcome | null
  level?: EscalationLevel | null
}

export type AlarmTransition =
  | { ok: true; to: AlarmStatus; changed: true; event: AlarmFact }
  | { ok: true; to: AlarmStatus; changed: false }
  | { ok: false; status: 400 | 403 | 409; message: string; field?: string }

/** The kind an event is written under: a responder acts as police before school. */
function kindFor(action: Mutation, kinds: readonly AlarmActorKind[]): AlarmActorKind {
  if (action === 'acknowledge' || action === 'arrive' || action === 'close') return kinds.includes('officer') ? 'officer' : 'school'
  if (action === 'escalate') return 'system'
  return 'raiser'
}

/**
 * The one transition function: may this actor do this to the alarm now, what status follows,
 * and which event to write. Acknowledging and arriving are per person: a second person's
 * acknowledgement is a new event, the same person's repeat is `changed: false`.
 */
export function transitionAlarm(alarm: AlarmSnapshot, action: Mutation, actor: AlarmActor, now: Date, settings: AlarmSettings, input: AlarmTransitionInput = {}): AlarmTransition {
  const rule = ALARM_TRANSITIONS[action]
  if (!rule.who.some((w) => actor.kinds.includes(w))) return { ok: false, status: 403, message: `你不能对该报警执行「${ALARM_ACTION_LABELS[action]}」` }
  const by = (a: AlarmAction) => alarm.events.some((e) => e.action === a && e.actorId === actor.id)
  // A retried tap after the change took effect changes nothing.
  if (action === 'close' && alarm.status === 'closed') return { ok: true, to: 'closed', changed: false }
  if (action === 'cancel' && alarm.status === 'cancelled') return { ok: true, to: 'cancelled', changed: false }
  if (!rule.from.includes(alarm.status)) return { ok: false, status: 409, message: `报警已${ALARM_STATUS_LABELS[alarm.status]}，不能${ALARM_ACTION_LABELS[action]}` }
  if (action === 'acknowledge' && (by('acknowledge') || by('arrive'))) return { ok: true, to: alarm.status, changed: false }
  if (action === 'arrive' && by('arrive')) return { ok: true, to: alarm.status, changed: false }
  if (action === 'escalate') {
    if (!input.level) return { ok: false, status: 400, message: '缺少升级级别', field: 'level' }
    if (alarm.events.some((e) => e.action === 'escalate' && e.level === input.level)) return { ok: true, to: alarm.status, changed: false }
  }
  if (action === 'close' && !input.outcome) return { ok: false, status: 400, message: '请选择处置结果', field: 'outcome' }
  if (action === 'cancel' && now.getTime() - Date.parse(alarm.raisedAt) > settings.cancelWindowSec * 1000) {
    return { ok: false, status: 409, message: `报警已超过 ${settings.cancelWindowSec} 秒，不能取消；请等待民警处置` }
  }
  let to: AlarmStatus
  if (rule.to === 'keep') to = alarm.status
  else if (typeof rule.to === 'string') to = rule.to
  else to = ORDER.indexOf(rule.to.advance) > ORDER.indexOf(alarm.status) ? rule.to.advance : alarm.status
  const event: AlarmFact = { action, actorId: actor.id, actorKind: kindFor(action, actor.kinds), at: now.toISOString(), level: input.level ?? null }
  return { ok: true, to, changed: true, event }
}

const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000)

/** The end of the alarm (closed or cancelled), if it has ended. */
function endedAt(alarm: AlarmSnapshot): string | null {
  const end = alarm.events.find((e) => e.action === 'close' || e.action === 'cancel')
  return end ? end.at : null
}

/** First arrival of each distinct person of a kind, in time order. */
function arrivals(alarm: AlarmSnapshot, kind: 'school' | 'officer'): AlarmFact[] {
  const seen = new Set<string | null>()
  return [...alarm.events]
    .filter((e) => e.action === 'arrive' && e.actorKind === kind)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .filter((e) => (seen.has(e.actorId) ? false : (seen.add(e.actorId), true)))
}

/**
 * One mark: met when the arrival came within the minutes, missed when it came later or the
 * clock (to the alarm's end, or now) passed the minutes with nobody; void for a 误触, or when the
 * alarm ended before the mark came due with nobody there; pending while the clock runs.
 */
export function markOf(alarm: { status: AlarmStatus; raisedAt: string; endedAt: string | null }, minutes: number, label: string, arrivalAt: string | null, now: Date): AlarmMark {
  const limitSec = minutes * 60
  if (arrivalAt) {
    const atSec = seconds(alarm.raisedAt, arrivalAt)
    return { minutes, label, state: atSec <= limitSec ? 'met' : 'missed', atSec }
  }
  let state: MarkState
  if (alarm.status === 'cancelled') state = 'void'
  else {
    const until = alarm.endedAt ? Date.parse(alarm.endedAt) : now.getTime()
    if (until - Date.parse(alarm.raisedAt) > limitSec * 1000) state = 'missed'
    else state = alarm.endedAt ? 'void' : 'pending'
  }
  return { minutes, label, state, atSec: null }
}

export const MARK_LABELS = ['学校力量到场', '民警到场', '增援民警到场'] as const

/**
 * The 1-3-5 marks: the school's own people on site within 1 min, a police officer within 3,
 * a second officer within 5. Met (green) or missed (red) once decided; pending while the clock
 * runs; void for a 误触 cancellation.
 */
export function responseMarks(alarm: AlarmSnapshot, now: Date, settings: AlarmSettings): AlarmMark[] {
  const school = arrivals(alarm, 'school')
  const police = arrivals(alarm, 'officer')
  const base = { status: alarm.status, raisedAt: alarm.raisedAt, endedAt: endedAt(alarm) }
  return [
    markOf(base, settings.schoolOnSiteMin, MARK_LABELS[0], school[0]?.at ?? null, now),
    markOf(base, settings.policeOnSiteMin, MARK_LABELS[1], police[0]?.at ?? null, now),
    markOf(base, settings.secondPoliceOnSiteMin, MARK_LABELS[2], police[1]?.at ?? null, now),
  ]
}

/** Escalation levels due now and not yet written: no police acknowledgement, then no police on site. */
export function dueEscalations(alarm: AlarmSnapshot, now: Date, settings: AlarmSettings): EscalationLevel[] {
  if (!isAlarmOpen(alarm.status)) return []
  const elapsed = now.getTime() - Date.parse(alarm.raisedAt)
  const has = (level: EscalationLevel) => alarm.events.some((e) => e.action === 'escalate' && e.level === level)
  const police = alarm.events.filter((e) => e.actorKind === 'officer')
  const due: EscalationLevel[] = []
  if (!has(1) && elapsed >= settings.policeAckEscalateSec * 1000 && !police.some((e) => e.action === 'acknowledge' || e.action === 'arrive')) due.push(1)
  if (!has(2) && elapsed >= settings.policeOnSiteMin * 60_000 && !police.some((e) => e.action === 'arrive')) due.push(2)
  return due
}

/**
 * Who an escalation reaches beyond those notified at once: every officer of the station, and
 * the district admins — except for drills, which never go beyond the school and station.
 */
export function escalationAudience(drill: boolean): ('station' | 'district')[] {
  return drill ? ['station'] : ['station', 'district']
}

/** When the raiser's 误触 window closes, or null when it has closed or the alarm is over. */
export function cancellableUntil(alarm: Pick<AlarmSnapshot, 'status' | 'raisedAt'>, now: Date, settings: AlarmSettings): string | null {
  if (!isAlarmOpen(alarm.status)) return null
  const until = Date.parse(alarm.raisedAt) + settings.cancelWindowSec * 1000
  return now.getTime() <= until ? new Date(until).toISOString() : null
}

/** Each responder's 已收到 / 已到场 times, from the events (arriving counts as acknowledging). */
export function responderStates(alarm: AlarmSnapshot): Map<string, { kind: 'school' | 'officer'; acknowledgedAt: string | null; arrivedAt: string | null }> {
  const states = new Map<string, { kind: 'school' | 'officer'; acknowledgedAt: string | null; arrivedAt: string | null }>()
  for (const e of [...alarm.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    if (!e.actorId || (e.action !== 'acknowledge' && e.action !== 'arrive')) continue
    if (e.actorKind !== 'school' && e.actorKind !== 'officer') continue
    const s = states.get(e.actorId) ?? { kind: e.actorKind, acknowledgedAt: null, arrivedAt: null }
    if (e.actorKind === 'officer') s.kind = 'officer'
    s.acknowledgedAt ??= e.at
    if (e.action === 'arrive') s.arrivedAt ??= e.at
    states.set(e.actorId, s)
  }
  return states
}

/** Response times for records and reviewers: first acknowledgement, the school's people, first and second police on site. */
export function responseTimes(alarm: AlarmSnapshot): AlarmResponseTimes {
  return secondsOf(timesOf(alarm))
}

function secondsOf(t: AlarmTimes): AlarmResponseTimes {
  const sec = (at: string | null) => (at ? seconds(t.raisedAt, at) : null)
  return { firstAckSec: sec(t.firstAckAt), schoolOnSiteSec: sec(t.schoolArrivedAt), policeOnSiteSec: sec(t.policeArrivedAt), secondPoliceOnSiteSec: sec(t.secondPoliceArrivedAt) }
}

// ---------------------------------------------------------------- summaries and reviewers' numbers

/**
 * An alarm reduced to its first times, as one aggregate query reads them (the first
 * acknowledgement, the first arrival of the school's people, the first and second police
 * arrivals): enough for the marks and the reviewers' numbers without the timeline.
 */
export interface AlarmTimes {
  status: AlarmStatus
  drill: boolean
  raisedAt: string
  /** closed or cancelled at */
  endedAt: string | null
  firstAckAt: string | null
  schoolArrivedAt: string | null
  policeArrivedAt: string | null
  secondPoliceArrivedAt: string | null
}

export const alarmKind = (a: { status: AlarmStatus; drill: boolean }): AlarmKind => (a.status === 'cancelled' ? 'mistaken' : a.drill ? 'drill' : 'real')

/** The times of an alarm's timeline, as AlarmTimes (the same facts the aggregate query reads). */
export function timesOf(alarm: AlarmSnapshot): AlarmTimes {
  const acks = alarm.events
    .filter((e) => (e.action === 'acknowledge' || e.action === 'arrive') && (e.actorKind === 'school' || e.actorKind === 'officer'))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  const police = arrivals(alarm, 'officer')
  return {
    status: alarm.status,
    drill: alarm.drill,
    raisedAt: alarm.raisedAt,
    endedAt: endedAt(alarm),
    firstAckAt: acks[0]?.at ?? null,
    schoolArrivedAt: arrivals(alarm, 'school')[0]?.at ?? null,
    policeArrivedAt: police[0]?.at ?? null,
    secondPoliceArrivedAt: police[1]?.at ?? null,
  }
}

export interface AlarmFigures extends AlarmResponseTimes {
  kind: AlarmKind
  /** the 1-3-5 marks, as the alarm page shows them */
  marks: AlarmMark[]
  /** the first police officer on site within the district's 3 and 5 minutes (policeOnSiteMin, secondPoliceOnSiteMin) */
  policeWithin3: AlarmMark
  policeWithin5: AlarmMark
}

/** Kind, response times, 1-3-5 marks and the police shares of one alarm, from its first times. */
export function alarmFigures(t: AlarmTimes, now: Date, settings: AlarmSettings): AlarmFigures {
  const marks = [
    markOf(t, settings.schoolOnSiteMin, MARK_LABELS[0], t.schoolArrivedAt, now),
    markOf(t, settings.policeOnSiteMin, MARK_LABELS[1], t.policeArrivedAt, now),
    markOf(t, settings.secondPoliceOnSiteMin, MARK_LABELS[2], t.secondPoliceArrivedAt, now),
  ]
  return {
    kind: alarmKind(t),
    ...secondsOf(t),
    marks,
    policeWithin3: marks[1],
    policeWithin5: markOf(t, settings.secondPoliceOnSiteMin, '民警到场', t.policeArrivedAt, now),
  }
}

/** The middle value (the mean of the two middle ones for an even count), to the second. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2)
}

function share(marks: readonly AlarmMark[]): AlarmShare {
  const decided = marks.filter((m) => m.state === 'met' || m.state === 'missed')
  const met = decided.filter((m) => m.state === 'met').length
  return { met, decided: decided.length, rate: decided.length ? Math.round((met / decided.length) * 1000) / 1000 : null }
}

/**
 * The reviewers' numbers over some alarms: counts by kind; over real alarms and drills (误触 are
 * counted, not measured) the median seconds to the first acknowledgement, and the shares of
 * alarms with the first police officer on site within 3 and within 5 minutes, of those decided.
 */
export function reviewNumbers(alarms: readonly AlarmFigures[]): AlarmReviewNumbers {
  const measured = alarms.filter((a) => a.kind !== 'mistaken')
  const acks = measured.map((a) => a.firstAckSec).filter((s): s is number => s !== null)
  return {
    real: alarms.filter((a) => a.kind === 'real').length,
    drill: alarms.filter((a) => a.kind === 'drill').length,
    mistaken: alarms.filter((a) => a.kind === 'mistaken').length,
    acknowledged: acks.length,
    medianAckSec: median(acks),
    policeWithin3: share(measured.map((a) => a.policeWithin3)),
    policeWithin5: share(measured.map((a) => a.policeWithin5)),
  }
}

// ---------------------------------------------------------------- drill alarms

/** A drill alarm may be raised from this long before the drill's start … */
export const DRILL_ALARM_EARLY_MIN = 30
/** … until this long after its end (drills overrun); a drill without an end lasts this long. */
export const DRILL_ALARM_LATE_MIN = 30
export const DRILL_DEFAULT_HOURS = 2

/** When a drill alarm may be raised for a scheduled drill: [start − 30 min, end + 30 min]. */
export function drillAlarmWindow(eventAt: string, eventEndAt: string | null): { from: string; to: string } {
  const start = Date.parse(eventAt)
  const end = eventEndAt ? Date.parse(eventEndAt) : start + DRILL_DEFAULT_HOURS * 3_600_000
  return { from: new Date(start - DRILL_ALARM_EARLY_MIN * 60_000).toISOString(), to: new Date(end + DRILL_ALARM_LATE_MIN * 60_000).toISOString() }
}

export interface ScheduledDrill {
  type: string
  status: string
  eventAt: string | null
  eventEndAt: string | null
  schoolIds: readonly string[]
}

/**
 * Why a drill alarm cannot be raised at this school for this drill notice now, or null: it must
 * be a published drill notice sent to the school, and now inside its window.
 */
export function drillAlarmBlockReason(drill: ScheduledDrill, schoolId: string, now: Date): string | null {
  if (drill.type !== 'drill' || !drill.eventAt) return '演练报警只能在已安排的应急演练中发起'
  if (drill.status !== 'published') return '这次演练的通知未发布或已撤回，不能发起演练报警'
  if (!drill.schoolIds.includes(schoolId)) return '这所学校不在这次演练的范围内'
  const { from, to } = drillAlarmWindow(drill.eventAt, drill.eventEndAt)
  if (now.getTime() < Date.parse(from)) return `演练开始前 ${DRILL_ALARM_EARLY_MIN} 分钟起才能发起演练报警`
  if (now.getTime() > Date.parse(to)) return '这次演练已经结束，不能再发起演练报警'
  return null
}

/** "45 秒", "2 分 05 秒", "—": how long until a response, on screens and in exports. */
export function durationText(sec: number | null): string {
  if (sec === null) return '—'
  if (sec < 60) return `${sec} 秒`
  return `${Math.floor(sec / 60)} 分 ${String(sec % 60).padStart(2, '0')} 秒`
}

/** "67%（2/3）", "—" when none was decided. */
export function shareText(s: AlarmShare): string {
  return s.rate === null ? '—' : `${Math.round(s.rate * 1000) / 10}%（${s.met}/${s.decided}）`
}
