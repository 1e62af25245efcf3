// Reading alarms and mapping rows to types/: the alarm, its timeline, responders and marks for
// one viewer. Row types stay here.
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import type { Alarm, AlarmActorKind, AlarmEvent, AlarmReviewNumbers, AlarmSummary, EscalationLevel } from '@/types/alarms'
import { ROLE_LABELS, type Role } from '@/types/org'
import {
  alarmFigures,
  alarmSettingsFrom,
  cancellableUntil,
  responderStates,
  responseMarks,
  reviewNumbers,
  type AlarmFact,
  type AlarmFigures,
  type AlarmSettings,
  type AlarmSnapshot,
} from '@/domain/alarms'
import type { Reach } from '@/domain/authorization'
import { callablePhone } from '@/domain/phone'
import { reachFilter } from '../../lib/reach'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { fileUrls } from '../files/service'

type Db = Kysely<Database> | Transaction<Database>

/** An alarm with its school, station, district (the 1-3-5 settings) and raiser. */
function alarmsWithPlace(db: Db) {
  return db
    .selectFrom('alarms as a')
    .innerJoin('schools as sc', 'sc.id', 'a.school_id')
    .innerJoin('stations as st', 'st.id', 'a.station_id')
    .innerJoin('districts as d', 'd.id', 'a.district_id')
    .innerJoin('people as r', 'r.id', 'a.raiser_id')
}

export function alarmQuery(db: Db) {
  return alarmsWithPlace(db)
    .selectAll('a')
    .select([
      'sc.name as school_name',
      'sc.lat as school_lat',
      'sc.lng as school_lng',
      'st.name as station_name',
      'd.alarm_settings',
      'r.name as raiser_name',
      'r.phone as raiser_phone',
    ])
}

export type AlarmRow = Awaited<ReturnType<ReturnType<typeof alarmQuery>['execute']>>[number]

export async function eventRows(db: Db, alarmIds: readonly string[]) {
  if (alarmIds.length === 0) return []
  return db
    .selectFrom('alarm_events as e')
    .leftJoin('people as p', 'p.id', 'e.actor_id')
    .selectAll('e')
    .select(['p.name as actor_name', 'p.phone as actor_phone'])
    .where('e.alarm_id', 'in', [...alarmIds])
    .orderBy('e.alarm_id')
    .orderBy('e.seq')
    .execute()
}
export type AlarmEventRow = Awaited<ReturnType<typeof eventRows>>[number]

export function settingsOf(row: Pick<AlarmRow, 'alarm_settings'>): AlarmSettings {
  return alarmSettingsFrom(row.alarm_settings ? JSON.parse(row.alarm_settings) : null)
}

export function factOf(e: AlarmEventRow): AlarmFact {
  return { action: e.action, actorId: e.actor_id, actorKind: e.actor_kind, at: e.created_at, level: (e.level as EscalationLevel | null) ?? null }
}

export function snapshotOf(row: AlarmRow, events: readonly AlarmEventRow[]): AlarmSnapshot {
  return { status: row.status, raisedAt: row.raised_at, raiserId: row.raiser_id, drill: row.drill === 1, events: events.map(factOf) }
}

export interface ViewerRights {
  personId: string
  kinds: AlarmActorKind[]
}

/** The people shown with their 已收到 / 已到场 state even before they act. */
const SHOWN_REASONS = ['responsible', 'principal', 'guard', 'on_duty']

export async function toAlarm(ctx: AppContext, row: AlarmRow, events: readonly AlarmEventRow[], viewer: ViewerRights): Promise<Alarm> {
  const [photos, recipients] = await Promise.all([
    ctx.db.selectFrom('alarm_photos').select('file_id').where('alarm_id', '=', row.id).orderBy('position').execute(),
    ctx.db
      .selectFrom('alarm_recipients as ar')
      .innerJoin('people as p', 'p.id', 'ar.person_id')
      .select(['ar.person_id', 'ar.reason', 'p.name', 'p.phone'])
      .where('ar.alarm_id', '=', row.id)
      .orderBy('ar.created_at')
      .execute(),
  ])
  const now = ctx.clock.now()
  const settings = settingsOf(row)
  const snapshot = snapshotOf(row, events)
  const states = responderStates(snapshot)
  const status = row.status
  const open = status === 'raised' || status === 'acknowledged' || status === 'on_site'
  // phone numbers (domain/phone.ts): to call each other while the alarm is open, for those taking part
  const responder = viewer.kinds.includes('school') || viewer.kinds.includes('officer')
  const takesPart = open && (row.raiser_id === viewer.personId || responder)
  const callable = (personId: string, phone: string | null) =>
    callablePhone(phone, { isSelf: personId === viewer.personId, reviewsPendingRequest: false, takesPartInOpenAlarm: takesPart })
  const people = new Map<string, { name: string; phone: string | null }>()
  for (const r of recipients) people.set(r.person_id, { name: r.name, phone: r.phone })
  for (const e of events) if (e.actor_id && e.actor_name) people.set(e.actor_id, { name: e.actor_name, phone: e.actor_phone })
  const responders: Alarm['responders'] = []
  for (const [personId, s] of states)
    responders.push({
      personId,
      name: people.get(personId)?.name ?? '',
      kind: s.kind,
      acknowledgedAt: s.acknowledgedAt,
      arrivedAt: s.arrivedAt,
      phone: callable(personId, people.get(personId)?.phone ?? null),
    })
  for (const r of recipients) {
    if (states.has(r.person_id) || !SHOWN_REASONS.includes(r.reason) || r.person_id === row.raiser_id) continue
    responders.push({
      personId: r.person_id,
      name: r.name,
      kind: r.reason === 'responsible' ? 'officer' : 'school',
      acknowledgedAt: null,
      arrivedAt: null,
      phone: callable(r.person_id, r.phone),
    })
  }
  const mine = states.get(viewer.personId)
  const until = cancellableUntil(snapshot, now, settings)
  return {
    id: row.id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    stationName: row.station_name,
    status,
    drill: row.drill === 1,
    type: row.type ?? null,
    note: row.note,
    location: row.lat !== null && row.lng !== null ? { lat: Number(row.lat), lng: Number(row.lng), accuracy: Number(row.accuracy ?? 0) } : null,
    school: { lat: Number(row.school_lat), lng: Number(row.school_lng) },
    raiser: { id: row.raiser_id, name: row.raiser_name, phone: callable(row.raiser_id, row.raiser_phone) },
    mine: row.raiser_id === viewer.personId,
    outcome: row.outcome ?? null,
    raisedAt: row.raised_at,
    closedAt: row.closed_at,
    cancellableUntil: row.raiser_id === viewer.personId ? until : null,
    photos: photos.map((p) => ({ fileId: p.file_id, ...fileUrls(ctx, p.file_id) })),
    marks: responseMarks(snapshot, now, settings),
    responders,
    events: events.map((e) => eventOf(e, viewer.personId)),
    can: {
      acknowledge: open && responder && !mine,
      arrive: open && responder && !mine?.arrivedAt,
      close: open && viewer.kinds.includes('officer'),
      cancel: open && until !== null && viewer.kinds.includes('raiser'),
      describe: open && viewer.kinds.includes('raiser'),
    },
    updatedAt: row.updated_at,
  }
}

function eventOf(e: AlarmEventRow, viewerId: string): AlarmEvent {
  let actor: string
  if (e.actor_kind === 'system') actor = '系统'
  else if (e.actor_id === viewerId) actor = '我'
  else actor = `${ROLE_LABELS[e.actor_role as Role] ?? '成员'} ${e.actor_name ?? ''}`.trim()
  return {
    id: e.id,
    action: e.action,
    actor,
    actorId: e.actor_id,
    actorKind: e.actor_kind,
    note: e.note,
    distanceM: e.distance_m,
    outsideFence: e.outside_fence === 1,
    level: (e.level as EscalationLevel | null) ?? null,
    createdAt: e.created_at,
  }
}

// ---------------------------------------------------------------- summaries and reviewers' numbers

/**
 * Alarms with their first times in one aggregate query (no timeline): the first acknowledgement,
 * the school's first arrival, the first and second police arrivals. Narrow it with `where` on
 * the alarm's columns (a.school_id, a.station_id, a.district_id, a.raised_at, a.drill_notice_id).
 */
export function summaryQuery(db: Db) {
  const firstOf = (eb: ExpressionBuilder<SummaryFrom, 'e'>, action: 'arrive' | null, kinds: readonly AlarmActorKind[]) => {
    const when = action ? eb.and([eb('e.action', '=', action), eb('e.actor_kind', 'in', [...kinds])]) : eb('e.actor_kind', 'in', [...kinds])
    return eb.fn.min<string | null>(eb.case().when(when).then(eb.ref('e.created_at')).end())
  }
  return alarmsWithPlace(db)
    .leftJoin('alarm_events as e', (j) => j.onRef('e.alarm_id', '=', 'a.id').on('e.action', 'in', ['acknowledge', 'arrive']))
    .select([
      'a.id',
      'a.school_id',
      'a.station_id',
      'a.district_id',
      'a.status',
      'a.drill',
      'a.type',
      'a.outcome',
      'a.raised_at',
      'a.closed_at',
      'a.drill_notice_id',
      'sc.name as school_name',
      'st.name as station_name',
      'd.alarm_settings',
      'r.name as raiser_name',
    ])
    .select((eb) => [
      firstOf(eb as never, null, ['school', 'officer']).as('first_ack_at'),
      firstOf(eb as never, 'arrive', ['school']).as('school_arrived_at'),
      firstOf(eb as never, 'arrive', ['officer']).as('police_arrived_at'),
      // one arrival per person (a unique index): the second officer's is the second row
      eb
        .selectFrom('alarm_events as e2')
        .select('e2.created_at')
        .whereRef('e2.alarm_id', '=', 'a.id')
        .where('e2.action', '=', 'arrive')
        .where('e2.actor_kind', '=', 'officer')
        .orderBy('e2.created_at')
        .orderBy('e2.seq')
        .limit(1)
        .offset(1)
        .as('second_police_arrived_at'),
    ])
    .groupBy(['a.id', 'sc.id', 'st.id', 'd.id', 'r.id'])
}
type SummaryFrom = Database & { a: Database['alarms']; e: Database['alarm_events'] }
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number]

export function figuresOf(row: SummaryRow, now: Date): AlarmFigures {
  return alarmFigures(
    {
      status: row.status,
      drill: row.drill === 1,
      raisedAt: row.raised_at,
      endedAt: row.closed_at,
      firstAckAt: row.first_ack_at ?? null,
      schoolArrivedAt: row.school_arrived_at ?? null,
      policeArrivedAt: row.police_arrived_at ?? null,
      secondPoliceArrivedAt: row.second_police_arrived_at ?? null,
    },
    now,
    settingsOf(row),
  )
}

export function toSummary(row: SummaryRow, now: Date): AlarmSummary {
  const f = figuresOf(row, now)
  return {
    id: row.id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    stationName: row.station_name,
    status: row.status,
    kind: f.kind,
    type: row.type ?? null,
    outcome: row.outcome ?? null,
    raiserName: row.raiser_name,
    raisedAt: row.raised_at,
    closedAt: row.closed_at,
    drillNoticeId: row.drill_notice_id,
    firstAckSec: f.firstAckSec,
    schoolOnSiteSec: f.schoolOnSiteSec,
    policeOnSiteSec: f.policeOnSiteSec,
    secondPoliceOnSiteSec: f.secondPoliceOnSiteSec,
    marks: f.marks,
  }
}

/** The reviewers' numbers of a set of schools, stations and districts, each and in total. */
export interface AlarmReview {
  totals: AlarmReviewNumbers
  bySchool: Map<string, AlarmReviewNumbers>
  byStation: Map<string, AlarmReviewNumbers>
  byDistrict: Map<string, AlarmReviewNumbers>
}

/** An instant range [from, to) of raised_at. */
export interface AlarmPeriod {
  from: string
  to: string
}

/**
 * The reviewers' numbers (alarms by kind, median seconds to the first acknowledgement, police on
 * site within 3 and 5 minutes) for the alarms raised in `period` at the schools of `reach`: one
 * aggregate query, then grouped per school, station and district. The coverage views and the
 * city's bulletin read their numbers here.
 */
export async function alarmReview(db: Db, reach: Reach, period: AlarmPeriod, now: Date): Promise<AlarmReview> {
  const rows = await summaryQuery(db)
    .where((eb) => reachFilter(eb, reach, { school: 'a.school_id', station: 'a.station_id', district: 'a.district_id' }))
    .where('a.raised_at', '>=', period.from)
    .where('a.raised_at', '<', period.to)
    .execute()
  const all = rows.map((r) => ({ row: r, figures: figuresOf(r, now) }))
  const by = (key: (r: SummaryRow) => string) => {
    const groups = new Map<string, AlarmFigures[]>()
    for (const a of all) groups.set(key(a.row), [...(groups.get(key(a.row)) ?? []), a.figures])
    return new Map([...groups].map(([k, v]) => [k, reviewNumbers(v)]))
  }
  return {
    totals: reviewNumbers(all.map((a) => a.figures)),
    bySchool: by((r) => r.school_id),
    byStation: by((r) => r.station_id),
    byDistrict: by((r) => r.district_id),
  }
}

export const NO_ALARMS: AlarmReviewNumbers = reviewNumbers([])
