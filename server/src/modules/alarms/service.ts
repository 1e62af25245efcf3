// 一键报警: raise (idempotent by the phone's key), then every change through `act`, which asks
// domain/alarms whether this actor may, writes the status and its event in one transaction,
// and publishes the change to the live channel. Everyone involved is recorded as a recipient:
// they are notified through the outbox and pushed live, and they may see the alarm.
import { sql, type Compilable, type Transaction } from 'kysely'
import type {
  Alarm,
  AlarmActorKind,
  AlarmOutcome,
  AlarmPage,
  AlarmStatus,
  AlarmSummary,
  AlarmType,
  ArriveRequest,
  DescribeAlarmRequest,
  EscalationLevel,
  RaiseAlarmRequest,
} from '@/types/alarms'
import { ALARM_OUTCOME_LABELS, ALARM_TYPE_LABELS } from '@/types/alarms'
import { ROLE_LABELS } from '@/types/org'
import { can, reachIsEmpty, reachOf, rolesAt, rolesWith, type SchoolRef } from '@/domain/authorization'
import { reachFilter } from '../../lib/reach'
import { DRILL_ALARM_EARLY_MIN, drillAlarmBlockReason, dueEscalations, escalationAudience, transitionAlarm, type AlarmTransitionInput } from '@/domain/alarms'
import { distanceM, fenceVerdict, type FenceVerdict } from '@/domain/geo'
import { nearestSchool } from '@/domain/hazards'
import { settingsFrom } from '@/domain/settings'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { AppError, badRequest, forbidden, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { isUniqueViolation, writeTogether } from '../../db/dialect'
import type { Actor } from '../auth/actor'
import { listSchoolsWhere, schoolIdsWhere } from '../org/repository'
import { ownFiles } from '../files/service'
import { enqueue, outboxInsert, type OutgoingMessage } from '../outbox/outbox'
import type { AlarmLiveEvent } from '../../live/bus'
import { alarmQuery, eventRows, settingsOf, snapshotOf, summaryQuery, toAlarm, toSummary, type AlarmRow } from './repository'
import { PAGES } from '@/types/pages'

export const ALARM_PAGE = PAGES.alarm
const MAX_PHOTOS = 3
type Trx = Transaction<Database>

const refOf = (row: Pick<AlarmRow, 'school_id' | 'station_id' | 'district_id'>): SchoolRef => ({ id: row.school_id, stationId: row.station_id, districtId: row.district_id })

/** People checked in and not out on a shift at this school that is running now (the query). */
function onDutyQuery(db: AppContext['db'] | Trx, schoolId: string, now: string) {
  return db
    .selectFrom('attendance as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .where('a.school_id', '=', schoolId)
    .where('a.check_out_at', 'is', null)
    .where('s.starts_at', '<=', now)
    .where('s.ends_at', '>', now)
}

/** People checked in and not out on a shift at this school that is running now. */
async function onDutyAt(db: AppContext['db'] | Trx, schoolId: string, now: string, personId?: string): Promise<string[]> {
  let q = onDutyQuery(db, schoolId, now).select('a.person_id')
  if (personId) q = q.where('a.person_id', '=', personId)
  return [...new Set((await q.execute()).map((r) => r.person_id))]
}

async function isRecipient(ctx: AppContext, alarmId: string, personId: string, reason?: string): Promise<boolean> {
  let q = ctx.db.selectFrom('alarm_recipients').select('person_id').where('alarm_id', '=', alarmId).where('person_id', '=', personId)
  if (reason) q = q.where('reason', '=', reason)
  return !!(await q.executeTakeFirst())
}

/** Who the actor is for this alarm: its raiser, police of the station, the school's own responders. */
async function kindsOf(ctx: AppContext, actor: Actor, row: AlarmRow): Promise<AlarmActorKind[]> {
  const kinds: AlarmActorKind[] = []
  const ref = refOf(row)
  if (row.raiser_id === actor.personId) kinds.push('raiser')
  if (can(actor.grants, 'alarm.close', ref)) kinds.push('officer')
  else if (can(actor.grants, 'alarm.respond', ref)) kinds.push('school')
  else {
    // both read at once (one round trip): on duty when it was raised, or now
    const [recipient, onDuty] = await Promise.all([
      isRecipient(ctx, row.id, actor.personId, 'on_duty'),
      onDutyAt(ctx.db, row.school_id, ctx.clock.now().toISOString(), actor.personId),
    ])
    if (recipient || onDuty.length > 0) kinds.push('school')
  }
  return kinds
}

async function visibleKinds(ctx: AppContext, actor: Actor, row: AlarmRow): Promise<AlarmActorKind[]> {
  const kinds = await kindsOf(ctx, actor, row)
  if (kinds.length === 0 && !can(actor.grants, 'alarm.view', refOf(row)) && !(await isRecipient(ctx, row.id, actor.personId))) throw notFound('报警不存在或你无权查看')
  return kinds
}

async function loadVisible(ctx: AppContext, actor: Actor, alarmId: string): Promise<{ row: AlarmRow; kinds: AlarmActorKind[] }> {
  const row = await alarmQuery(ctx.db).where('a.id', '=', alarmId).executeTakeFirst()
  if (!row) throw notFound('报警不存在或你无权查看')
  return { row, kinds: await visibleKinds(ctx, actor, row) }
}

export async function alarmDetail(ctx: AppContext, actor: Actor, alarmId: string): Promise<Alarm> {
  const row = await alarmQuery(ctx.db).where('a.id', '=', alarmId).executeTakeFirst()
  if (!row) throw notFound('报警不存在或你无权查看')
  // the events are read while visibility is decided, and given only if it is
  const [kinds, events] = await Promise.all([visibleKinds(ctx, actor, row), eventRows(ctx.db, [row.id])])
  return toAlarm(ctx, row, events, { personId: actor.personId, kinds })
}

/** Tells every instance's sockets; a failure here never undoes the alarm (clients also poll). */
async function publish(ctx: AppContext, alarmId: string, action: string, known?: Pick<AlarmLiveEvent, 'people' | 'push'>): Promise<void> {
  try {
    await ctx.live?.publish({ type: 'alarm', alarmId, action, ...known })
  } catch {
    // The row is written; open pages catch up by polling.
  }
}

type Reason = 'responsible' | 'station' | 'principal' | 'guard' | 'on_duty' | 'district'

/**
 * Notified at once: the responsible police, the station's other police, the principal, the
 * guards, everyone on duty now. One query (a round trip counts at the moment of an alarm); each
 * person once, under the first reason in that order.
 */
async function firstAudience(db: AppContext['db'], schoolId: string, now: string): Promise<Map<string, Reason>> {
  const rows = await db
    .selectFrom('police_schools as ps')
    .innerJoin('memberships as m', 'm.id', 'ps.membership_id')
    .select(['m.person_id', sql<string>`'responsible'`.as('reason'), sql<number>`1`.as('rank')])
    .where('ps.school_id', '=', schoolId)
    .where('m.status', '=', 'approved')
    .unionAll(
      db
        .selectFrom('memberships')
        .select(['person_id', sql<string>`'station'`.as('reason'), sql<number>`2`.as('rank')])
        .where('role', 'in', rolesWith('alarm.close'))
        .where('status', '=', 'approved')
        .where((eb) => eb('station_id', '=', eb.selectFrom('schools').select('schools.station_id').where('schools.id', '=', schoolId))),
    )
    .unionAll(
      db
        .selectFrom('memberships')
        .select(['person_id', 'role as reason', sql<number>`3`.as('rank')])
        .where('school_id', '=', schoolId)
        .where('status', '=', 'approved')
        .where('role', 'in', rolesWith('alarm.respond')),
    )
    .unionAll(onDutyQuery(db, schoolId, now).select(['a.person_id', sql<string>`'on_duty'`.as('reason'), sql<number>`4`.as('rank')]))
    .execute()
  const audience = new Map<string, Reason>()
  for (const r of rows.sort((a, b) => Number(a.rank) - Number(b.rank))) if (!audience.has(r.person_id)) audience.set(r.person_id, r.reason as Reason)
  return audience
}

function describeLine(row: { school_name: string; type: string | null; drill: number }, raiserText: string): string {
  const type = row.type ? ALARM_TYPE_LABELS[row.type as keyof typeof ALARM_TYPE_LABELS] : '紧急情况'
  return `${row.drill ? '【演练】' : ''}${row.school_name}：${raiserText}报警（${type}）`
}

/**
 * A new alarm. The school: the one given, else where the raiser is on duty now, else their only
 * school, else the school nearest the fix, else the first they may raise at. A retry with the
 * same client key returns the first alarm and creates nothing.
 */
export async function raiseAlarm(ctx: AppContext, actor: Actor, req: RaiseAlarmRequest): Promise<Alarm> {
  const first = async () => ctx.db.selectFrom('alarms').select('id').where('raiser_id', '=', actor.personId).where('client_key', '=', req.clientKey).executeTakeFirst()
  const nowDate = ctx.clock.now()
  const now = nowDate.toISOString()
  // The school is most often known before reading: the one the phone names, or the raiser's only
  // school. Its audience (who is told) is then read with the retry's alarm and the raiser's
  // schools, all in one round trip; a guess the rules below do not confirm is read again.
  const reach = reachOf(actor.grants, 'alarm.raise')
  const guess = req.schoolId ?? (!reach.city && !reach.stationIds.length && !reach.districtIds.length && new Set(reach.schoolIds).size === 1 ? reach.schoolIds[0] : undefined)
  const [again, schools, guessed] = await Promise.all([first(), listSchoolsWhere(ctx.db, actor.grants, 'alarm.raise'), guess ? firstAudience(ctx.db, guess, now) : undefined])
  if (again) return alarmDetail(ctx, actor, again.id)
  if (schools.length === 0) throw forbidden('通过学校审核后才能使用一键报警；紧急情况请直接拨打110')
  let school = req.schoolId ? schools.find((s) => s.id === req.schoolId) : undefined
  if (req.schoolId && !school) throw badRequest('只能为你所在的学校报警', 'schoolId')
  // with one school, the school on duty can only be that one
  if (!school && schools.length === 1) school = schools[0]
  if (!school) {
    const duty = await ctx.db
      .selectFrom('attendance as a')
      .innerJoin('shifts as s', 's.id', 'a.shift_id')
      .select('a.school_id')
      .where('a.person_id', '=', actor.personId)
      .where('a.check_out_at', 'is', null)
      .where('s.starts_at', '<=', now)
      .where('s.ends_at', '>', now)
      .executeTakeFirst()
    school = duty ? schools.find((s) => s.id === duty.school_id) : undefined
  }
  if (!school && req.location) {
    const gates = schools.flatMap((s) => (s.posts.length ? s.posts : [{ lat: s.lat, lng: s.lng }]).map((p) => ({ lat: p.lat, lng: p.lng, school: s })))
    school = nearestSchool(gates, req.location)?.school
  }
  if (!school) school = schools.find((s) => actor.responsibleSchoolIds.includes(s.id)) ?? schools[0]
  const ref: SchoolRef = { id: school.id, stationId: school.stationId, districtId: school.districtId }
  if (req.drill && !can(actor.grants, 'alarm.drill', ref)) throw forbidden('只有民警或校长可以发起演练报警')
  const drillNoticeId = req.drill ? await scheduledDrill(ctx, ref.id, req.drillNoticeId, nowDate) : null
  if ((req.photoIds?.length ?? 0) > MAX_PHOTOS) throw badRequest(`最多上传 ${MAX_PHOTOS} 张照片`, 'photoIds')
  const photos = await ownFiles(ctx, actor.personId, req.photoIds ?? [])
  const id = newId()
  const role = rolesAt(actor.grants, ref)[0] ?? 'volunteer'
  const note = req.note?.trim() || null
  // who is told, read before the writes (on PostgreSQL a read inside the transaction would see
  // no more than this one does)
  const audience = guessed && guess === school.id ? guessed : await firstAudience(ctx.db, school.id, now)
  audience.delete(actor.personId)
  const involved = [actor.personId, ...audience.keys()]
  const line = describeLine({ school_name: school.name, type: req.type ?? null, drill: req.drill ? 1 : 0 }, `${ROLE_LABELS[role]} ${actor.name} `)
  const writes: Compilable<unknown>[] = [
    ctx.db.insertInto('alarms').values({
      id,
      school_id: school.id,
      station_id: school.stationId,
      district_id: school.districtId,
      raiser_id: actor.personId,
      client_key: req.clientKey,
      status: 'raised',
      drill: req.drill ? 1 : 0,
      type: req.type ?? null,
      note,
      lat: req.location?.lat ?? null,
      lng: req.location?.lng ?? null,
      accuracy: req.location?.accuracy ?? null,
      client_at: req.clientAt ?? null,
      outcome: null,
      raised_at: now,
      closed_at: null,
      updated_at: now,
      drill_notice_id: drillNoticeId,
    }),
    ctx.db.insertInto('alarm_events').values({
      id: newId(),
      alarm_id: id,
      seq: 1,
      action: 'raise',
      actor_id: actor.personId,
      actor_kind: 'raiser',
      actor_role: role,
      note,
      lat: req.location?.lat ?? null,
      lng: req.location?.lng ?? null,
      accuracy: req.location?.accuracy ?? null,
      distance_m: req.location ? Math.round(distanceM(school, req.location)) : null,
      outside_fence: 0,
      level: null,
      created_at: now,
    }),
  ]
  if (photos.length) writes.push(ctx.db.insertInto('alarm_photos').values(photos.map((fileId, position) => ({ alarm_id: id, file_id: fileId, position }))))
  if (audience.size) {
    writes.push(ctx.db.insertInto('alarm_recipients').values([...audience].map(([personId, reason]) => ({ alarm_id: id, person_id: personId, reason, created_at: now }))))
    writes.push(
      outboxInsert(
        ctx.db,
        now,
        [...audience.keys()].map((personId) => ({
          personId,
          schoolId: ref.id,
          kind: 'alarm.raised',
          title: req.drill ? '演练报警' : '一键报警',
          body: line,
          payload: { page: ALARM_PAGE, alarmId: id, place: school.name },
          dedupeKey: `alarm.raised:${id}:${personId}`,
        })),
      ),
    )
  }
  // The push: who is involved and what the banner says, so that no instance reads before pushing.
  const event: AlarmLiveEvent = {
    type: 'alarm',
    alarmId: id,
    action: 'raise',
    people: involved,
    push: {
      type: 'alarm',
      alarmId: id,
      action: 'raise',
      status: 'raised',
      schoolName: school.name,
      drill: !!req.drill,
      alarmType: req.type ?? null,
      raisedAt: now,
      updatedAt: now,
      raiserId: actor.personId,
    },
  }
  // On PostgreSQL the NOTIFY goes in the writes' statement: heard by every instance when they commit.
  const notify = ctx.live?.publishOnCommit?.(ctx.db, event)
  try {
    // the alarm, its first event, photos, recipients and their messages stand or fall together:
    // one statement on PostgreSQL (one round trip, no connection held across several)
    await writeTogether(ctx.db, notify ? [...writes, notify] : writes)
  } catch (error) {
    const winner = await first()
    if (winner) return alarmDetail(ctx, actor, winner.id)
    if (!notify || isUniqueViolation(error)) throw error
    // A failed NOTIFY (its queue full) never costs the alarm: written without it, published after.
    await writeTogether(ctx.db, writes)
    await publish(ctx, id, 'raise', event)
    return alarmDetail(ctx, actor, id)
  }
  // The push goes out before anything else is read: the responders' phones first.
  if (!notify) await publish(ctx, id, 'raise', event)
  return alarmDetail(ctx, actor, id)
}

/**
 * The scheduled drill a drill alarm belongs to: the given drill notice, or else the one sent to
 * the school whose window holds now (domain/alarms: from 30 min before it starts to 30 min after
 * it ends). None: 409, and nothing is stored.
 */
async function scheduledDrill(ctx: AppContext, schoolId: string, noticeId: string | undefined, now: Date): Promise<string> {
  let q = ctx.db
    .selectFrom('notices as n')
    .innerJoin('notice_audience as na', 'na.notice_id', 'n.id')
    .select(['n.id', 'n.type', 'n.status', 'n.event_at', 'n.event_end_at', 'na.school_id'])
    .where('na.school_id', '=', schoolId)
  if (noticeId) q = q.where('n.id', '=', noticeId)
  // a drill notice's event lasts hours, not days: look only at those that start near now
  else
    q = q
      .where('n.type', '=', 'drill')
      .where('n.status', '=', 'published')
      .where('n.event_at', '<=', new Date(now.getTime() + DRILL_ALARM_EARLY_MIN * 60_000).toISOString())
      .where('n.event_at', '>=', new Date(now.getTime() - 2 * 86_400_000).toISOString())
  const rows = await q.orderBy('n.event_at', 'desc').execute()
  if (noticeId && rows.length === 0) throw badRequest('这次演练不是发给这所学校的', 'drillNoticeId')
  let reason = '这所学校现在没有已安排的应急演练：演练报警只能在演练时间内发起（先由派出所发布演练通知）'
  for (const r of [...new Map(rows.map((x) => [x.id, x])).values()]) {
    const blocked = drillAlarmBlockReason({ type: r.type, status: r.status, eventAt: r.event_at, eventEndAt: r.event_end_at, schoolIds: [r.school_id] }, schoolId, now)
    if (!blocked) return r.id
    if (noticeId) reason = blocked
  }
  throw new AppError(409, 'OUT_OF_WINDOW', reason, noticeId ? 'drillNoticeId' : undefined)
}

interface EventExtra {
  note?: string | null
  lat?: number | null
  lng?: number | null
  accuracy?: number | null
  distanceM?: number | null
  outsideFence?: boolean
}

type Mutation = Parameters<typeof transitionAlarm>[1]

/**
 * Every change after the raise: the domain decides; the status (guarded by the status read, so
 * two responders racing never move it back) and the event are written together. A lost race
 * or a unique-index hit reloads and asks the domain again, which then answers "no change".
 */
async function act(
  ctx: AppContext,
  who: { personId: string | null; kinds: AlarmActorKind[]; role: string | null },
  alarmId: string,
  action: Mutation,
  input: AlarmTransitionInput,
  extra: EventExtra = {},
  patch: (trx: Trx, now: string) => Promise<void> = async () => {},
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const row = await alarmQuery(ctx.db).where('a.id', '=', alarmId).executeTakeFirst()
    if (!row) throw notFound('报警不存在或你无权查看')
    const events = await eventRows(ctx.db, [alarmId])
    const nowDate = ctx.clock.now()
    const result = transitionAlarm(snapshotOf(row, events), action, { id: who.personId, kinds: who.kinds }, nowDate, settingsOf(row), input)
    if (!result.ok) throw new AppError(result.status, result.status === 403 ? 'FORBIDDEN' : result.status === 409 ? 'CONFLICT' : 'BAD_REQUEST', result.message, result.field)
    if (!result.changed) return false
    const now = nowDate.toISOString()
    try {
      const moved = await ctx.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('alarms')
          .set({
            status: result.to,
            updated_at: now,
            ...(action === 'close' ? { outcome: input.outcome ?? null, closed_at: now } : {}),
            ...(action === 'cancel' ? { closed_at: now } : {}),
          })
          .where('id', '=', alarmId)
          .where('status', '=', row.status)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) return false
        await trx
          .insertInto('alarm_events')
          .values({
            id: newId(),
            alarm_id: alarmId,
            seq: events.length + 1,
            action,
            actor_id: who.personId,
            actor_kind: result.event.actorKind,
            actor_role: who.role,
            note: extra.note ?? null,
            lat: extra.lat ?? null,
            lng: extra.lng ?? null,
            accuracy: extra.accuracy ?? null,
            distance_m: extra.distanceM ?? null,
            outside_fence: extra.outsideFence ? 1 : 0,
            level: input.level ?? null,
            created_at: now,
          })
          .execute()
        await patch(trx, now)
        return true
      })
      if (moved) {
        await publish(ctx, alarmId, action)
        return true
      }
    } catch (error) {
      if (attempt >= 5) throw error
      continue
    }
    if (attempt >= 5) throw new AppError(409, 'CONFLICT', '报警正在被他人更新，请重试')
  }
}

async function personAct(
  ctx: AppContext,
  actor: Actor,
  alarmId: string,
  action: Mutation,
  input: AlarmTransitionInput,
  extra?: EventExtra,
  patch?: (trx: Trx, now: string) => Promise<void>,
): Promise<Alarm> {
  const { row, kinds } = await loadVisible(ctx, actor, alarmId)
  const role = rolesAt(actor.grants, refOf(row))[0] ?? (kinds.includes('school') ? 'volunteer' : null)
  await act(ctx, { personId: actor.personId, kinds, role }, alarmId, action, input, extra, patch)
  return alarmDetail(ctx, actor, alarmId)
}

export const acknowledgeAlarm = (ctx: AppContext, actor: Actor, alarmId: string) => personAct(ctx, actor, alarmId, 'acknowledge', {})

/** 到场: checked against the school's gates with the check-in rules; outside needs a reason. */
export async function arriveAlarm(ctx: AppContext, actor: Actor, alarmId: string, req: ArriveRequest): Promise<Alarm> {
  const { row } = await loadVisible(ctx, actor, alarmId)
  const [posts, school] = await Promise.all([
    ctx.db.selectFrom('posts').select(['lat', 'lng', 'radius_m']).where('school_id', '=', row.school_id).where('active', '=', 1).execute(),
    ctx.db.selectFrom('schools').select(['lat', 'lng', 'settings']).where('id', '=', row.school_id).executeTakeFirstOrThrow(),
  ])
  const settings = settingsFrom(school.settings ? JSON.parse(school.settings) : null)
  const gates = posts.length
    ? posts.map((p) => ({ lat: Number(p.lat), lng: Number(p.lng), radiusM: p.radius_m }))
    : [{ lat: Number(school.lat), lng: Number(school.lng), radiusM: settings.defaultRadiusM }]
  // The nearest gate decides (the accuracy is the same for all, so inaccurate is for all).
  const verdicts = gates.map((g) => fenceVerdict(g, req, settings))
  const nearest = (vs: FenceVerdict[]) => vs.reduce((best, v) => (v.kind === 'outside' && best.kind === 'outside' && v.distanceM < best.distanceM ? v : best))
  const verdict = verdicts.find((v) => v.kind === 'inside') ?? verdicts.find((v) => v.kind === 'inaccurate') ?? nearest(verdicts)
  if (verdict.kind === 'inaccurate') throw new AppError(422, 'LOCATION_INACCURATE', verdict.message, 'accuracy')
  const reason = req.reason?.trim() || null
  if (verdict.kind === 'outside' && !reason) throw new AppError(422, 'OUTSIDE_FENCE', verdict.message.replace('签到范围', '学校范围'), 'reason')
  return personAct(
    ctx,
    actor,
    alarmId,
    'arrive',
    {},
    {
      note: verdict.kind === 'outside' ? reason : null,
      lat: req.lat,
      lng: req.lng,
      accuracy: req.accuracy,
      distanceM: verdict.distanceM,
      outsideFence: verdict.kind === 'outside',
    },
  )
}

export async function closeAlarm(ctx: AppContext, actor: Actor, alarmId: string, outcome: AlarmOutcome, note: string | undefined): Promise<Alarm> {
  const { row } = await loadVisible(ctx, actor, alarmId)
  if (outcome === 'drill_over' && row.drill !== 1) throw badRequest('「演练结束」只用于演练报警', 'outcome')
  const text = [ALARM_OUTCOME_LABELS[outcome], note?.trim()].filter(Boolean).join('：')
  return personAct(ctx, actor, alarmId, 'close', { outcome }, { note: text })
}

export const cancelAlarm = (ctx: AppContext, actor: Actor, alarmId: string) => personAct(ctx, actor, alarmId, 'cancel', {}, { note: '误触' })

/** The raiser adds what they know: the location when the fix comes, a type, a note, photos. */
export async function describeAlarm(ctx: AppContext, actor: Actor, alarmId: string, req: DescribeAlarmRequest): Promise<Alarm> {
  const { row } = await loadVisible(ctx, actor, alarmId)
  const photos = await ownFiles(ctx, actor.personId, req.photoIds ?? [])
  const existing = await ctx.db.selectFrom('alarm_photos').select('file_id').where('alarm_id', '=', alarmId).execute()
  const newPhotos = photos.filter((p) => !existing.some((e) => e.file_id === p))
  if (existing.length + newPhotos.length > MAX_PHOTOS) throw badRequest(`最多上传 ${MAX_PHOTOS} 张照片`, 'photoIds')
  const note = req.note?.trim() || undefined
  const changes: { type?: AlarmType; note?: string; lat?: number; lng?: number; accuracy?: number } = {}
  if (req.type && req.type !== row.type) changes.type = req.type
  if (note && note !== row.note) changes.note = note
  const betterFix = req.location && (row.lat === null || row.accuracy === null || req.location.accuracy < Number(row.accuracy))
  if (req.location && betterFix) Object.assign(changes, { lat: req.location.lat, lng: req.location.lng, accuracy: req.location.accuracy })
  if (Object.keys(changes).length === 0 && newPhotos.length === 0) return alarmDetail(ctx, actor, alarmId)
  const onlyLocation = Object.keys(changes).every((k) => k === 'lat' || k === 'lng' || k === 'accuracy') && newPhotos.length === 0
  const parts = [changes.type ? ALARM_TYPE_LABELS[changes.type] : null, changes.note ?? null, newPhotos.length ? `照片 ${newPhotos.length} 张` : null].filter(Boolean)
  return personAct(
    ctx,
    actor,
    alarmId,
    onlyLocation ? 'locate' : 'describe',
    {},
    { note: parts.join('；') || null, lat: req.location?.lat ?? null, lng: req.location?.lng ?? null, accuracy: req.location?.accuracy ?? null },
    async (trx, now) => {
      if (Object.keys(changes).length)
        await trx
          .updateTable('alarms')
          .set({ ...changes, updated_at: now })
          .where('id', '=', alarmId)
          .execute()
      if (newPhotos.length)
        await trx
          .insertInto('alarm_photos')
          .values(newPhotos.map((fileId, i) => ({ alarm_id: alarmId, file_id: fileId, position: existing.length + i })))
          .execute()
    },
  )
}

/** Alarms the person is involved in: open ones, and those of the last day. */
export async function listAlarms(ctx: AppContext, actor: Actor, scope: 'active' | 'recent'): Promise<Alarm[]> {
  const since = new Date(ctx.clock.now().getTime() - 24 * 3_600_000).toISOString()
  const schoolIds = await schoolIdsWhere(ctx.db, actor.grants, 'alarm.view')
  let q = alarmQuery(ctx.db).where((eb) =>
    eb.or([
      eb('a.raiser_id', '=', actor.personId),
      eb('a.id', 'in', eb.selectFrom('alarm_recipients').select('alarm_id').where('person_id', '=', actor.personId)),
      ...(schoolIds.length ? [eb('a.school_id', 'in', schoolIds)] : []),
    ]),
  )
  q = scope === 'active' ? q.where('a.status', 'in', ['raised', 'acknowledged', 'on_site']) : q.where('a.raised_at', '>=', since)
  const rows = await q.orderBy('a.raised_at', 'desc').limit(50).execute()
  const events = await eventRows(
    ctx.db,
    rows.map((r) => r.id),
  )
  const out: Alarm[] = []
  for (const row of rows) {
    out.push(
      await toAlarm(
        ctx,
        row,
        events.filter((e) => e.alarm_id === row.id),
        { personId: actor.personId, kinds: await kindsOf(ctx, actor, row) },
      ),
    )
  }
  return out
}

const ESCALATION_TEXT: Record<EscalationLevel, (drill: boolean) => string> = {
  1: (drill) => (drill ? '60 秒内无民警确认收到，已再次通知全所民警' : '60 秒内无民警确认收到，已通知全所民警和区县管理员'),
  2: (drill) => (drill ? '民警未在时限内到场，已再次通知全所民警' : '民警未在时限内到场，已再次通知全所民警和区县管理员'),
}

/**
 * The escalation job: for each open alarm, the levels due now (domain/alarms) are written on
 * the timeline and every officer of the station — and, for real alarms, the district admins —
 * are notified. Idempotent: a level is written once (unique index), messages are deduplicated.
 */
export async function escalateAlarms(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString()
  const rows = await alarmQuery(ctx.db).where('a.status', 'in', ['raised', 'acknowledged', 'on_site']).where('a.raised_at', '>=', since).execute()
  if (rows.length === 0) return 0
  const events = await eventRows(
    ctx.db,
    rows.map((r) => r.id),
  )
  let written = 0
  for (const row of rows) {
    const drill = row.drill === 1
    for (const level of dueEscalations(
      snapshotOf(
        row,
        events.filter((e) => e.alarm_id === row.id),
      ),
      now,
      settingsOf(row),
    )) {
      const text = ESCALATION_TEXT[level](drill)
      const changed = await act(ctx, { personId: null, kinds: ['system'], role: null }, row.id, 'escalate', { level }, { note: text }, async (trx, at) => {
        const reach = escalationAudience(drill)
        const [police, admins] = await Promise.all([
          trx
            .selectFrom('memberships')
            .select('person_id')
            .where('role', 'in', rolesWith('alarm.close'))
            .where('status', '=', 'approved')
            .where('station_id', '=', row.station_id)
            .execute(),
          reach.includes('district')
            ? trx
                .selectFrom('memberships')
                .select('person_id')
                .where('role', 'in', rolesWith('alarm.oversee'))
                .where('status', '=', 'approved')
                .where('district_id', '=', row.district_id)
                .execute()
            : Promise.resolve([]),
        ])
        const people = new Map<string, Reason>()
        for (const p of police) people.set(p.person_id, 'station')
        for (const a of admins) if (!people.has(a.person_id)) people.set(a.person_id, 'district')
        people.delete(row.raiser_id)
        if (people.size === 0) return
        await trx
          .insertInto('alarm_recipients')
          .values([...people].map(([personId, reason]) => ({ alarm_id: row.id, person_id: personId, reason, created_at: at })))
          .onConflict((oc) => oc.columns(['alarm_id', 'person_id']).doNothing())
          .execute()
        const messages: OutgoingMessage[] = [...people.keys()].map((personId) => ({
          personId,
          schoolId: row.school_id,
          kind: 'alarm.escalated',
          title: drill ? '演练报警升级' : '报警升级',
          body: `${describeLine(row, `${row.raiser_name} `)}；${text}`,
          payload: { page: ALARM_PAGE, alarmId: row.id, place: row.school_name },
          dedupeKey: `alarm.escalated:${row.id}:${level}:${personId}`,
        }))
        await enqueue(trx, at, messages)
      })
      if (changed) written++
    }
  }
  return written
}

export type { AlarmStatus }

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,64})$/

/**
 * Recent alarms for those who may see alarms (alarm.view, by reach): newest first, a page at a
 * time (`before` is the previous page's cursor), each with its kind, state and 1-3-5 marks.
 */
export async function alarmHistory(ctx: AppContext, actor: Actor, before: string | undefined, limit: number): Promise<AlarmPage> {
  const reach = reachOf(actor.grants, 'alarm.view')
  if (reachIsEmpty(reach)) throw forbidden('只有保安、校长、民警和管理员可以查看报警记录')
  let q = summaryQuery(ctx.db).where((eb) => reachFilter(eb, reach, { school: 'a.school_id', station: 'a.station_id', district: 'a.district_id' }))
  if (before) {
    const m = CURSOR.exec(before)
    if (!m) throw badRequest('翻页参数不正确，请刷新后重试', 'before')
    const [, at, id] = m
    q = q.where((eb) => eb.or([eb('a.raised_at', '<', at), eb.and([eb('a.raised_at', '=', at), eb('a.id', '<', id)])]))
  }
  const rows = await q
    .orderBy('a.raised_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute()
  const now = ctx.clock.now()
  const items = rows.slice(0, limit).map((r) => toSummary(r, now))
  const last = items[items.length - 1]
  return { items, nextCursor: rows.length > limit && last ? `${last.raisedAt}|${last.id}` : null }
}

/** The drill alarms of a scheduled drill at the schools whose drill records the actor sees (drill.view). */
export async function drillAlarms(ctx: AppContext, actor: Actor, noticeId: string): Promise<AlarmSummary[]> {
  const reach = reachOf(actor.grants, 'drill.view')
  const rows = await summaryQuery(ctx.db)
    .where('a.drill_notice_id', '=', noticeId)
    .where((eb) => reachFilter(eb, reach, { school: 'a.school_id', station: 'a.station_id', district: 'a.district_id' }))
    .orderBy('a.raised_at')
    .execute()
  const now = ctx.clock.now()
  return rows.map((r) => toSummary(r, now))
}
