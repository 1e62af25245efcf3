// The duty board (police and principals, today, per school) and the review of exceptions.
import { markCoverageStale } from '../coverage/maintain'
import type { BoardPerson, DutyBoard, DutyException, ExceptionKind, ExceptionStatus } from '@/types/attendance'
import { EXCEPTION_LABELS } from '@/types/attendance'
import type { Headcount, Shift, ShiftRole } from '@/types/shifts'
import { shiftPlaces } from '@/domain/coverage'
import { dutyState, serviceHours } from '@/domain/attendance'
import { maskPhone } from '@/domain/phone'
import { local } from '@/domain/time'
import type { AppContext } from '../../context'
import { conflict, forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { listSchools, schoolRefsWhere } from '../org/repository'
import { enqueue } from '../outbox/outbox'
import { requireSchool } from '../shifts/access'
import { schoolSettings, shiftQuery, withFill } from '../shifts/repository'
import { PAGES } from '@/types/pages'

const MIN = 60_000

/** A shift's police places as coverage counts them (domain/coverage): asked for, taken, checked in. */
function policeOfShift(shift: Shift, people: readonly { role: string; check_in_at: string | null }[]) {
  const count = (rows: readonly { role: string }[]) => {
    const n: Partial<Record<ShiftRole, number>> = {}
    for (const r of rows) n[r.role as ShiftRole] = (n[r.role as ShiftRole] ?? 0) + 1
    return n
  }
  const headcount = Object.fromEntries(shift.roles.map((r) => [r.role, r.required])) as Headcount
  return shiftPlaces({ headcount, active: count(people), checkedIn: count(people.filter((p) => p.check_in_at)), late: 0, noShow: 0 }).police
}

/** Today's board of a school (or another date): a handful of queries whatever its size. */
export async function dutyBoard(ctx: AppContext, actor: Actor, schoolId: string, date?: string): Promise<DutyBoard> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  const now = ctx.clock.now()
  const day = date ?? local(now).format('YYYY-MM-DD')
  const [school] = await listSchools(ctx.db, [schoolId])
  const settings = await schoolSettings(ctx.db, schoolId)
  const shiftRows = await shiftQuery(ctx.db).where('s.school_id', '=', schoolId).where('s.date', '=', day).where('s.status', '=', 'scheduled').orderBy('s.starts_at').execute()
  const shifts = await withFill(ctx.db, shiftRows, null)
  const ids = shifts.map((s) => s.id)
  const [people, lastPings, offPosts, pending] = ids.length
    ? await Promise.all([
        ctx.db
          .selectFrom('signups as g')
          .innerJoin('people as p', 'p.id', 'g.person_id')
          .leftJoin('attendance as a', 'a.signup_id', 'g.id')
          .select([
            'g.id',
            'g.shift_id',
            'g.role',
            'g.outcome',
            'p.id as person_id',
            'p.name',
            'p.phone',
            'a.check_in_at',
            'a.check_in_distance_m',
            'a.late',
            'a.check_out_at',
            'a.early_leave',
          ])
          .where('g.shift_id', 'in', ids)
          .where('g.status', '=', 'active')
          .orderBy('g.role')
          .orderBy('p.name')
          .execute(),
        ctx.db
          .selectFrom('location_pings as l')
          .select(['l.signup_id', 'l.at', 'l.distance_m'])
          .where('l.signup_id', 'in', (eb) => eb.selectFrom('signups').select('id').where('shift_id', 'in', ids))
          .where('l.at', '>=', new Date(now.getTime() - 24 * 60 * MIN).toISOString())
          .orderBy('l.at', 'desc')
          .execute(),
        ctx.db.selectFrom('off_post_events').select(['signup_id', 'since']).where('shift_id', 'in', ids).where('kind', '=', 'outside').where('resolved_at', 'is', null).execute(),
        ctx.db.selectFrom('duty_exceptions').select(['signup_id', 'kind']).where('shift_id', 'in', ids).where('status', '=', 'pending').execute(),
      ])
    : [[], [], [], []]
  // no timestamp in the body: an unchanged board hashes to the same ETag, so polling gets 304
  const board: DutyBoard = { schoolId, date: day, posts: [], police: { required: 0, filled: 0, present: 0 } }
  for (const post of school?.posts ?? []) {
    const postShifts = shifts.filter((s) => s.postId === post.id)
    if (postShifts.length === 0) continue
    for (const shift of postShifts) {
      const police = policeOfShift(
        shift,
        people.filter((p) => p.shift_id === shift.id),
      )
      board.police = { required: board.police.required + police.required, filled: board.police.filled + police.filled, present: board.police.present + police.attended }
    }
    board.posts.push({
      post,
      shifts: postShifts.map((shift) => ({
        shift,
        people: people
          .filter((p) => p.shift_id === shift.id)
          .map((p): BoardPerson => {
            const last = lastPings.find((l) => l.signup_id === p.id)
            const off = offPosts.find((o) => o.signup_id === p.id)
            return {
              signupId: p.id,
              person: { id: p.person_id, name: p.name, phone: maskPhone(p.phone) },
              role: p.role,
              state: dutyState(
                now,
                shift,
                { checkInAt: p.check_in_at ?? null, checkOutAt: p.check_out_at ?? null, late: p.late === 1, outcome: p.outcome, offPost: !!off, lastSeenAt: last?.at ?? null },
                settings,
              ),
              checkInAt: p.check_in_at ?? null,
              checkInDistanceM: p.check_in_distance_m ?? null,
              late: p.late === 1,
              lastSeenAt: last?.at ?? null,
              lastDistanceM: last?.distance_m ?? null,
              checkOutAt: p.check_out_at ?? null,
              earlyLeave: p.early_leave === 1,
              offPost: off ? { since: off.since } : null,
              pendingExceptions: pending.filter((e) => e.signup_id === p.id).map((e) => e.kind),
            }
          }),
      })),
    })
  }
  return board
}

/**
 * Pending exceptions of every school whose duty the actor manages, in two queries whatever the
 * number of schools (首页 of a district admin with many schools sends one request).
 */
export async function pendingExceptionCounts(ctx: AppContext, actor: Actor): Promise<{ schoolId: string; pending: number }[]> {
  const managed = await schoolRefsWhere(ctx.db, actor.grants, 'shift.manage')
  if (managed.length === 0) return []
  const rows = await ctx.db
    .selectFrom('duty_exceptions')
    .select((eb) => ['school_id', eb.fn.countAll<number | string>().as('n')])
    .where(
      'school_id',
      'in',
      managed.map((s) => s.id),
    )
    .where('status', '=', 'pending')
    .groupBy('school_id')
    .execute()
  return managed.map((s) => ({ schoolId: s.id, pending: Number(rows.find((r) => r.school_id === s.id)?.n ?? 0) }))
}

export async function listExceptions(ctx: AppContext, actor: Actor, schoolId: string, status?: ExceptionStatus): Promise<DutyException[]> {
  await requireSchool(ctx, actor, schoolId, 'shift.manage')
  let q = ctx.db
    .selectFrom('duty_exceptions as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.signup_id', 'e.shift_id', 'e.kind', 'e.reason', 'e.detail', 'e.status', 'e.review_note', 'e.created_at', 'p.id as person_id', 'p.name', 'p.phone'])
    .where('e.school_id', '=', schoolId)
  if (status) q = q.where('e.status', '=', status)
  const rows = await q.orderBy('e.created_at', 'desc').limit(200).execute()
  return toExceptions(ctx, rows)
}

async function toExceptions(
  ctx: AppContext,
  rows: {
    id: string
    signup_id: string
    shift_id: string
    kind: string
    reason: string | null
    detail: string
    status: string
    review_note: string | null
    created_at: string
    person_id: string
    name: string
    phone: string | null
  }[],
): Promise<DutyException[]> {
  if (rows.length === 0) return []
  const shifts = await withFill(
    ctx.db,
    await shiftQuery(ctx.db)
      .where('s.id', 'in', [...new Set(rows.map((r) => r.shift_id))])
      .execute(),
    null,
  )
  return rows.map((r) => {
    const detail = JSON.parse(r.detail) as { distanceM?: number; clientAt?: string }
    return {
      id: r.id,
      signupId: r.signup_id,
      kind: r.kind as ExceptionKind,
      reason: r.reason,
      distanceM: detail.distanceM ?? null,
      clientAt: detail.clientAt ?? null,
      status: r.status as ExceptionStatus,
      reviewNote: r.review_note,
      createdAt: r.created_at,
      person: { id: r.person_id, name: r.name, phone: maskPhone(r.phone) },
      shift: shifts.find((s) => s.id === r.shift_id)!,
    }
  })
}

/**
 * Accept or reject an exception with a note the person sees. An accepted missing check-out
 * counts the hours to the shift's end; a rejected outside-fence or offline check-in counts none.
 */
export async function reviewException(ctx: AppContext, actor: Actor, exceptionId: string, decision: 'accept' | 'reject', note: string | undefined): Promise<DutyException> {
  const e = await ctx.db.selectFrom('duty_exceptions').selectAll().where('id', '=', exceptionId).executeTakeFirst()
  if (!e) throw notFound('异常记录不存在')
  await requireSchool(ctx, actor, e.school_id, 'shift.manage')
  // an officer on peak duty is reviewed by someone else (a colleague, the principal), never by themselves
  if (e.person_id === actor.personId) throw forbidden('不能审核自己的值守异常')
  const status = decision === 'accept' ? 'accepted' : 'rejected'
  if (e.status !== 'pending' && e.status !== status) throw conflict('该异常已审核')
  const now = ctx.clock.now().toISOString()
  if (e.status === 'pending') {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('duty_exceptions')
        .set({ status, review_note: note?.trim() || null, reviewed_by: actor.personId, reviewed_at: now })
        .where('id', '=', exceptionId)
        .where('status', '=', 'pending')
        .execute()
      if (e.kind === 'missing_checkout' && decision === 'accept') {
        const att = await trx
          .selectFrom('attendance as a')
          .innerJoin('shifts as s', 's.id', 'a.shift_id')
          .select(['a.check_in_at', 's.starts_at', 's.ends_at'])
          .where('a.signup_id', '=', e.signup_id)
          .executeTakeFirst()
        if (att) {
          await trx
            .updateTable('attendance')
            .set({ hours: serviceHours(att.check_in_at, att.ends_at, { startsAt: att.starts_at, endsAt: att.ends_at }) })
            .where('signup_id', '=', e.signup_id)
            .execute()
          await markCoverageStale(trx, [e.shift_id], new Date(now))
        }
      }
      await enqueue(trx, now, [
        {
          personId: e.person_id,
          schoolId: e.school_id,
          kind: `duty.exception.${status}`,
          title: '值守异常审核结果',
          body: `你的「${EXCEPTION_LABELS[e.kind]}」${decision === 'accept' ? '已被认可' : '未被认可'}${note?.trim() ? `：${note.trim()}` : ''}`,
          payload: { page: PAGES.myShifts },
          dedupeKey: `duty.exception.review:${exceptionId}`,
        },
      ])
    })
  }
  const row = await ctx.db
    .selectFrom('duty_exceptions as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.signup_id', 'e.shift_id', 'e.kind', 'e.reason', 'e.detail', 'e.status', 'e.review_note', 'e.created_at', 'p.id as person_id', 'p.name', 'p.phone'])
    .where('e.id', '=', exceptionId)
    .executeTakeFirstOrThrow()
  return (await toExceptions(ctx, [row]))[0]
}
