// Check-in and check-out at the gate: the server decides timing (domain/attendance) and the
// fence (domain/geo) on its own clock. A retry returns the first result: there is one check-in
// per signup, held by the primary key, so five identical taps at once store one record.
import type { Attendance, CheckinRequest, CheckoutRequest, ExceptionKind, HeartbeatResult, LocationFix } from '@/types/attendance'
import { checkinTiming, checkoutTiming, offlineTimeProblem, serviceHours } from '@/domain/attendance'
import { fenceVerdict } from '@/domain/geo'
import { can } from '@/domain/authorization'
import { settingsFrom } from '@/domain/settings'
import type { Insertable, Kysely } from 'kysely'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { isUniqueViolation, sqliteForSync, writeTogether, type SqliteConnection } from '../../db/dialect'
import { hotQuery, hotWrites } from '../../db/hot-query'
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { markCoverageStale, staleMark } from '../coverage/maintain'
import type { Actor } from '../auth/actor'

/** The signup with its shift, gate, school settings and check-in, if any (check-in and check-out at the peak: compiled once). */
const ownSignupQuery = hotQuery((db, p: { signupId: string }) =>
  db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('posts as p', 'p.id', 's.post_id')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .leftJoin('attendance as a', 'a.signup_id', 'g.id')
    .select([
      'g.id',
      'g.person_id',
      'g.status',
      'g.shift_id',
      's.school_id',
      'sc.station_id',
      'sc.district_id',
      's.starts_at',
      's.ends_at',
      's.status as shift_status',
      'p.lat',
      'p.lng',
      'p.radius_m',
      'sc.settings',
      'a.check_in_at',
      'a.check_out_at',
    ])
    .where('g.id', '=', p.signupId),
)

type OwnSignupRow = Awaited<ReturnType<typeof ownSignupQuery>>['rows'][number]

/** The signup with its shift, gate, school settings and check-in, if any: one query. */
async function loadOwnSignup(ctx: AppContext, actor: Actor, signupId: string) {
  return ownSignupOf((await ownSignupQuery(ctx.db, { signupId })).rows[0], actor)
}

/** The signup row as the rules take it; only the person's own. */
function ownSignupOf(row: OwnSignupRow | undefined, actor: Actor) {
  if (!row) throw notFound('报名记录不存在')
  if (row.person_id !== actor.personId) throw forbidden('只能为自己的班次签到')
  return {
    ...row,
    settings: settingsFrom(row.settings ? JSON.parse(row.settings) : null),
    span: { startsAt: row.starts_at, endsAt: row.ends_at },
    post: { lat: Number(row.lat), lng: Number(row.lng), radiusM: row.radius_m },
  }
}

type OwnSignup = ReturnType<typeof ownSignupOf>

type CheckInRow = Insertable<Database['attendance']>

/** A check-in with the mark that its shift's coverage is behind, together (one statement on PostgreSQL). */
const insertCheckIn = hotWrites((db, p: Required<CheckInRow> & { mark: string; markedAt: string }) => [
  db.insertInto('attendance').values({
    signup_id: p.signup_id,
    shift_id: p.shift_id,
    school_id: p.school_id,
    person_id: p.person_id,
    check_in_at: p.check_in_at,
    check_in_received_at: p.check_in_received_at,
    check_in_lat: p.check_in_lat,
    check_in_lng: p.check_in_lng,
    check_in_accuracy: p.check_in_accuracy,
    check_in_distance_m: p.check_in_distance_m,
    check_in_key: p.check_in_key,
    late: p.late,
    offline: p.offline,
    check_out_at: p.check_out_at,
    check_out_distance_m: p.check_out_distance_m,
    check_out_key: p.check_out_key,
    early_leave: p.early_leave,
    hours: p.hours,
  }),
  staleMark(db, { shiftId: p.shift_id, mark: p.mark, markedAt: p.markedAt }),
])

const attendanceQuery = hotQuery((db, p: { signupId: string }) => db.selectFrom('attendance').selectAll().where('signup_id', '=', p.signupId))
const ownExceptionsQuery = hotQuery((db, p: { signupId: string }) =>
  db.selectFrom('duty_exceptions').select(['id', 'kind', 'status', 'review_note']).where('signup_id', '=', p.signupId).orderBy('created_at'),
)

export async function attendanceOf(ctx: AppContext, signupId: string): Promise<Attendance | null> {
  const [row] = (await attendanceQuery(ctx.db, { signupId })).rows
  if (!row) return null
  return attendanceView(row, (await ownExceptionsQuery(ctx.db, { signupId })).rows)
}

/** attendanceOf, synchronously on SQLite's connection (inside the check-in's transaction). */
function attendanceOfSync(ctx: AppContext, connection: SqliteConnection, signupId: string): Attendance | null {
  const [row] = attendanceQuery.sync(ctx.db, connection, { signupId })
  if (!row) return null
  return attendanceView(row, ownExceptionsQuery.sync(ctx.db, connection, { signupId }))
}

function attendanceView(row: Awaited<ReturnType<typeof attendanceQuery>>['rows'][number], exceptions: Awaited<ReturnType<typeof ownExceptionsQuery>>['rows']): Attendance {
  return {
    signupId: row.signup_id,
    checkInAt: row.check_in_at,
    checkInDistanceM: row.check_in_distance_m,
    late: row.late === 1,
    offline: row.offline === 1,
    checkOutAt: row.check_out_at,
    earlyLeave: row.early_leave === 1,
    hours: row.hours === null ? null : Number(row.hours),
    exceptions: exceptions.map((e) => ({ id: e.id, kind: e.kind, status: e.status, reviewNote: e.review_note })),
  }
}

/**
 * Three queries on the common path (the actor, the signup with everything the rules need, the
 * insert with its coverage mark together), each compiled once: check-in is the hottest write of
 * the day, at the morning peak. On PostgreSQL that is three round trips; on SQLite the signup and
 * the writes are one synchronous transaction on prepared statements (checkInSync).
 */
export async function checkIn(ctx: AppContext, actor: Actor, signupId: string, req: CheckinRequest): Promise<Attendance> {
  const connection = sqliteForSync(ctx.db)
  if (connection) return checkInSync(ctx, connection, actor, signupId, req)
  const signup = await loadOwnSignup(ctx, actor, signupId)
  // A retry, or a second tap: the first result stands.
  if (signup.check_in_at) return (await attendanceOf(ctx, signupId))!
  const plan = checkInPlan(ctx, actor, signup, signupId, req)
  const { row, exceptions, nowIso } = plan
  try {
    // together: the check-in, its exceptions, and the mark that its shift's coverage is behind
    if (exceptions.length === 0) await insertCheckIn(ctx.db, { ...row, mark: newId(), markedAt: nowIso })
    else
      await writeTogether(ctx.db, [
        ctx.db.insertInto('attendance').values(row),
        exceptionsInsert(ctx.db, signup, actor.personId, exceptions, nowIso),
        staleMark(ctx.db, { shiftId: signup.shift_id, mark: newId(), markedAt: nowIso }),
      ])
  } catch (error) {
    // A concurrent identical tap stored it first: answer with that one.
    if (!isUniqueViolation(error)) throw error
    return (await attendanceOf(ctx, signupId))!
  }
  return plan.answer
}

/**
 * The check-in on SQLite: reading the signup, the rules and the writes in one synchronous
 * transaction (BEGIN IMMEDIATE … COMMIT on prepared statements), so nothing else runs between the
 * read and the write — a second identical tap sees the first one's record — and the commit is in
 * the WAL before the answer is sent, as on the asynchronous path.
 */
function checkInSync(ctx: AppContext, connection: SqliteConnection, actor: Actor, signupId: string, req: CheckinRequest): Attendance {
  const run = connection.transaction((): Attendance => {
    const signup = ownSignupOf(ownSignupQuery.sync(ctx.db, connection, { signupId })[0], actor)
    if (signup.check_in_at) return attendanceOfSync(ctx, connection, signupId)!
    const plan = checkInPlan(ctx, actor, signup, signupId, req)
    const { row, exceptions, nowIso } = plan
    if (exceptions.length === 0) {
      insertCheckIn.sync(ctx.db, connection, { ...row, mark: newId(), markedAt: nowIso })
    } else {
      // rare (outside the fence, offline): compiled here
      for (const write of [
        ctx.db.insertInto('attendance').values(row),
        exceptionsInsert(ctx.db, signup, actor.personId, exceptions, nowIso),
        staleMark(ctx.db, { shiftId: signup.shift_id, mark: newId(), markedAt: nowIso }),
      ]) {
        const compiled = write.compile()
        connection.prepare(compiled.sql).run(...(compiled.parameters as unknown[]))
      }
    }
    return plan.answer
  })
  try {
    return run.immediate()
  } catch (error) {
    // another process on the same file stored it first (one server per SQLite file, but still)
    if (!isUniqueViolation(error)) throw error
    return attendanceOfSync(ctx, connection, signupId)!
  }
}

/** The rules of a check-in (domain/attendance, domain/geo) on the server's clock: what to store and answer, or a refusal. */
function checkInPlan(ctx: AppContext, actor: Actor, signup: OwnSignup, signupId: string, req: CheckinRequest) {
  if (signup.status !== 'active') throw conflict('你不在该班次的正式名单中')
  if (signup.shift_status !== 'scheduled') throw conflict('该班次已取消')
  // the grants are read with this request: a member removed since signing up cannot stand at the gate
  if (!can(actor.grants, 'checkin.own', { id: signup.school_id, stationId: signup.station_id, districtId: signup.district_id })) {
    throw forbidden('你在该校的成员身份已失效，不能签到')
  }
  const settings = signup.settings
  const received = ctx.clock.now()
  const offline = req.clientAt !== undefined
  const at = offline ? new Date(req.clientAt as string) : received
  if (offline) {
    if (Number.isNaN(at.getTime())) throw badRequest('离线签到时间格式不正确', 'clientAt')
    const problem = offlineTimeProblem(at, received, signup.span, settings)
    if (problem) throw new AppError(409, 'OUT_OF_WINDOW', problem, 'clientAt')
  }
  const timing = checkinTiming(at, signup.span, settings)
  if (!timing.ok) throw new AppError(409, 'OUT_OF_WINDOW', timing.message)
  const fence = fenceVerdict(signup.post, req, settings)
  if (fence.kind === 'inaccurate') throw new AppError(422, 'LOCATION_INACCURATE', fence.message, 'accuracy')
  const reason = req.reason?.trim() || null
  if (fence.kind === 'outside' && !reason) throw new AppError(422, 'OUTSIDE_FENCE', fence.message, 'reason')

  const nowIso = received.toISOString()
  const exceptions: NewException[] = []
  if (fence.kind === 'outside') exceptions.push({ id: newId(), kind: 'outside_fence', reason, detail: { distanceM: fence.distanceM, limitM: fence.limitM } })
  if (offline) exceptions.push({ id: newId(), kind: 'offline', reason: null, detail: { clientAt: at.toISOString(), receivedAt: nowIso } })
  const row = {
    signup_id: signupId,
    shift_id: signup.shift_id,
    school_id: signup.school_id,
    person_id: actor.personId,
    check_in_at: at.toISOString(),
    check_in_received_at: nowIso,
    check_in_lat: req.lat,
    check_in_lng: req.lng,
    check_in_accuracy: req.accuracy,
    check_in_distance_m: fence.distanceM,
    check_in_key: req.idempotencyKey,
    late: timing.late ? 1 : 0,
    offline: offline ? 1 : 0,
    check_out_at: null,
    check_out_distance_m: null,
    check_out_key: null,
    early_leave: 0,
    hours: null,
  }
  const answer: Attendance = {
    signupId,
    checkInAt: row.check_in_at,
    checkInDistanceM: row.check_in_distance_m,
    late: timing.late,
    offline,
    checkOutAt: null,
    earlyLeave: false,
    hours: null,
    exceptions: exceptions.map((e) => ({ id: e.id, kind: e.kind, status: 'pending' as const, reviewNote: null })),
  }
  return { row, exceptions, nowIso, answer }
}

/**
 * Check-out on the server's clock: a client time only as an `offline` exception, never before the
 * check-in; the fence verdict as at check-in (refused with the distance when outside, or accepted
 * as an exception with the person's reason).
 */
export async function checkOut(ctx: AppContext, actor: Actor, signupId: string, req: CheckoutRequest): Promise<Attendance> {
  const signup = await loadOwnSignup(ctx, actor, signupId)
  if (!signup.check_in_at) throw conflict('还没有签到，不能签退')
  if (signup.check_out_at) return (await attendanceOf(ctx, signupId))!
  const settings = signup.settings
  const received = ctx.clock.now()
  const offline = req.clientAt !== undefined
  const at = offline ? new Date(req.clientAt as string) : received
  if (offline) {
    if (Number.isNaN(at.getTime())) throw badRequest('离线签退时间格式不正确', 'clientAt')
    if (at.getTime() > received.getTime() + 2 * 60_000) throw new AppError(409, 'OUT_OF_WINDOW', '离线签退时间晚于服务器时间', 'clientAt')
    if (at.getTime() < new Date(signup.check_in_at).getTime()) throw new AppError(409, 'OUT_OF_WINDOW', '签退时间不能早于签到时间', 'clientAt')
  }
  const timing = checkoutTiming(at, signup.span, settings)
  if (!timing.ok) throw new AppError(409, 'OUT_OF_WINDOW', timing.message)
  const fence = fenceVerdict(signup.post, req, settings, '签退')
  if (fence.kind === 'inaccurate') throw new AppError(422, 'LOCATION_INACCURATE', fence.message, 'accuracy')
  const reason = req.reason?.trim() || null
  if (fence.kind === 'outside' && !reason) throw new AppError(422, 'OUTSIDE_FENCE', fence.message, 'reason')

  const nowIso = received.toISOString()
  const exceptions: NewException[] = []
  if (fence.kind === 'outside') exceptions.push({ id: newId(), kind: 'checkout_outside_fence', reason, detail: { distanceM: fence.distanceM, limitM: fence.limitM } })
  if (offline) exceptions.push({ id: newId(), kind: 'checkout_offline', reason: null, detail: { clientAt: at.toISOString(), receivedAt: nowIso } })
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('attendance')
      .set({
        check_out_at: at.toISOString(),
        check_out_distance_m: fence.distanceM,
        check_out_key: req.idempotencyKey,
        early_leave: timing.earlyLeave ? 1 : 0,
        hours: serviceHours(signup.check_in_at!, at.toISOString(), signup.span),
      })
      .where('signup_id', '=', signupId)
      .where('check_out_at', 'is', null)
      .executeTakeFirst()
    // a concurrent identical tap checked out first: its result stands
    if (Number(done.numUpdatedRows) !== 1) return
    await insertExceptions(trx, signup, actor.personId, exceptions, nowIso)
    await trx.updateTable('signups').set({ outcome: 'attended', updated_at: nowIso }).where('id', '=', signupId).where('outcome', 'is', null).execute()
    // the hours changed (and a duty with no time inside its shift leaves 到岗): the day's duty row (duty_days) follows with the shift's coverage
    await markCoverageStale(trx, [signup.shift_id], received)
  })
  return (await attendanceOf(ctx, signupId))!
}

interface NewException {
  id: string
  kind: ExceptionKind
  reason: string | null
  detail: Record<string, unknown>
}

function exceptionsInsert(
  db: Kysely<Database>,
  signup: { id: string; shift_id: string; school_id: string },
  personId: string,
  exceptions: readonly NewException[],
  nowIso: string,
) {
  return db.insertInto('duty_exceptions').values(
    exceptions.map((e) => ({
      id: e.id,
      signup_id: signup.id,
      shift_id: signup.shift_id,
      school_id: signup.school_id,
      person_id: personId,
      kind: e.kind,
      reason: e.reason,
      detail: JSON.stringify(e.detail),
      status: 'pending',
      review_note: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: nowIso,
    })),
  )
}

async function insertExceptions(
  db: Kysely<Database>,
  signup: { id: string; shift_id: string; school_id: string },
  personId: string,
  exceptions: readonly NewException[],
  nowIso: string,
): Promise<void> {
  if (exceptions.length === 0) return
  await exceptionsInsert(db, signup, personId, exceptions, nowIso).execute()
}

/**
 * A location heartbeat while on duty (between check-in and check-out, and no later than the
 * shift's end): stored for off-post detection, deleted after 30 days.
 */
export async function heartbeat(ctx: AppContext, actor: Actor, signupId: string, fix: LocationFix): Promise<HeartbeatResult> {
  const signup = await loadOwnSignup(ctx, actor, signupId)
  const now = ctx.clock.now()
  if (!signup.check_in_at || signup.check_out_at || now.getTime() > new Date(signup.ends_at).getTime()) throw conflict('不在值守时间内，不记录位置')
  const fence = fenceVerdict(signup.post, fix, signup.settings)
  if (fence.kind === 'inaccurate') return { inside: true, distanceM: -1, limitM: -1 }
  await ctx.db
    .insertInto('location_pings')
    .values({
      id: newId(),
      signup_id: signupId,
      person_id: actor.personId,
      at: now.toISOString(),
      lat: fix.lat,
      lng: fix.lng,
      accuracy: fix.accuracy,
      distance_m: fence.distanceM,
      inside: fence.kind === 'inside' ? 1 : 0,
    })
    .execute()
  // Back at the gate: an open off-post event ends.
  if (fence.kind === 'inside') {
    await ctx.db.updateTable('off_post_events').set({ resolved_at: now.toISOString() }).where('signup_id', '=', signupId).where('resolved_at', 'is', null).execute()
  }
  return { inside: fence.kind === 'inside', distanceM: fence.distanceM, limitM: fence.limitM }
}
