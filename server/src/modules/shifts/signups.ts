// Signups with the waitlist, release, release on revocation, and assignment and removal by
// managers. Signups on one shift are serialised (the shift row is locked) so the last place goes
// to exactly one person; every write that a tap may repeat is idempotent.
import type { Shift, ShiftDetail, ShiftRole, SignupSource, SignupStatus } from '@/types/shifts'
import { can, rolesAt, STAFFED_THROUGH, type SchoolRef } from '@/domain/authorization'
import { settingsFrom } from '@/domain/settings'
import { monthOf, overlaps, placeFor, promotions, releaseBlockReason, signupBlockReason, countsTowardCap, LIVE_SIGNUP_STATUSES } from '@/domain/shifts'
import type { AppContext } from '../../context'
import { isUniqueViolation, lockRow } from '../../db/dialect'
import { AppError, conflict, forbidden, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { grantsOfPerson, type Actor } from '../auth/actor'
import { enqueue, type OutgoingMessage } from '../outbox/outbox'
import { requireSchool } from './access'
import { refreshCoverageInWrite } from '../coverage/in-write'
import { getShift, parseHeadcount, schoolSettings, shiftQuery } from './repository'
import { type Trx, ROLE_TEXT, MY_SHIFTS_PAGE, describeShift } from './common'
import { shiftDetail } from './reading'
import { PAGES } from '@/types/pages'

interface SignupRow {
  id: string
  shift_id: string
  person_id: string
  role: ShiftRole
  status: SignupStatus
  created_at: string
}

async function loadShiftForWrite(trx: Trx, ctx: AppContext, shiftId: string) {
  await lockRow(trx, ctx.engine, 'shifts', shiftId)
  const shift = await shiftQuery(trx).where('s.id', '=', shiftId).executeTakeFirst()
  if (!shift) throw notFound('班次不存在')
  return shift
}

async function activeCount(trx: Trx, shiftId: string, role: ShiftRole): Promise<number> {
  const row = await trx
    .selectFrom('signups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shift_id', '=', shiftId)
    .where('role', '=', role)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The person's live signups in the shift's month (for the cap) and whether any overlaps it. */
async function personLoad(trx: Trx, personId: string, shift: { id: string; date: string; starts_at: string; ends_at: string }) {
  const month = monthOf(shift.date)
  const rows = await trx
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .select(['g.shift_id', 'g.role', 's.date', 's.starts_at', 's.ends_at'])
    .where('g.person_id', '=', personId)
    .where('g.status', 'in', LIVE_SIGNUP_STATUSES)
    .where('s.date', '>=', `${month}-01`)
    .where('s.date', '<=', `${month}-31`)
    .execute()
  return {
    signupsThisMonth: rows.filter((r) => countsTowardCap(r.role)).length,
    alreadySigned: rows.some((r) => r.shift_id === shift.id),
    overlapping: rows.some((r) => r.shift_id !== shift.id && overlaps({ startsAt: r.starts_at, endsAt: r.ends_at }, { startsAt: shift.starts_at, endsAt: shift.ends_at })),
  }
}

export async function rolesOfPersonAt(trx: Trx, personId: string, school: SchoolRef): Promise<string[]> {
  const rows = await trx
    .selectFrom('memberships')
    .select(['role', 'school_id', 'station_id', 'district_id'])
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .execute()
  return rolesAt(
    rows.map((r) => ({ role: r.role, schoolId: r.school_id, stationId: r.station_id, districtId: r.district_id })),
    school,
  )
}

/**
 * Takes a place on a shift for a person: active when the role has room, on the waitlist when it
 * is full and the person asked for it. Returns the existing signup if they already hold one.
 */
export async function placePerson(
  ctx: AppContext,
  trx: Trx,
  shiftId: string,
  personId: string,
  role: ShiftRole,
  opts: { wantWaitlist: boolean; source: SignupSource; changedBy: string },
): Promise<{ signupId: string; status: SignupStatus; created: boolean }> {
  const shift = await loadShiftForWrite(trx, ctx, shiftId)
  const existing = await trx
    .selectFrom('signups')
    .select(['id', 'status'])
    .where('shift_id', '=', shiftId)
    .where('person_id', '=', personId)
    .where('status', 'in', LIVE_SIGNUP_STATUSES)
    .executeTakeFirst()
  if (existing) return { signupId: existing.id, status: existing.status, created: false }

  const ref = await trx.selectFrom('schools').select(['station_id', 'district_id', 'settings']).where('id', '=', shift.school_id).executeTakeFirstOrThrow()
  const school: SchoolRef = { id: shift.school_id, stationId: ref.station_id, districtId: ref.district_id }
  const settings = settingsFrom(ref.settings ? JSON.parse(ref.settings) : null)
  const load = await personLoad(trx, personId, shift)
  const reason = signupBlockReason({
    now: ctx.clock.now(),
    settings,
    shift: { startsAt: shift.starts_at, endsAt: shift.ends_at, status: shift.status, date: shift.date },
    role,
    rolesAtSchool: await rolesOfPersonAt(trx, personId, school),
    ...load,
  })
  if (reason) throw conflict(reason)
  const required = parseHeadcount(shift.headcount)[role] ?? 0
  const place = placeFor(required, await activeCount(trx, shiftId, role), opts.wantWaitlist)
  if (place === 'full') throw new AppError(409, 'CONFLICT', `${ROLE_TEXT(role)}名额已满，可以加入候补`, 'role')
  const now = ctx.clock.now().toISOString()
  const signupId = newId()
  await trx
    .insertInto('signups')
    .values({
      id: signupId,
      shift_id: shiftId,
      person_id: personId,
      role,
      status: place,
      source: opts.source,
      reason: null,
      changed_by: opts.changedBy,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return { signupId, status: place, created: true }
}

export async function signUp(ctx: AppContext, actor: Actor, shiftId: string, role: ShiftRole, wantWaitlist: boolean): Promise<Shift> {
  const shift = await getShift(ctx.db, shiftId, null)
  if (!shift) throw notFound('班次不存在')
  await requireSchool(ctx, actor, shift.schoolId, 'school.view')
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await placePerson(ctx, trx, shiftId, actor.personId, role, { wantWaitlist, source: 'self', changedBy: actor.personId })
      await refreshCoverageInWrite(trx, ctx.engine, [shiftId])
    })
  } catch (error) {
    // a concurrent identical tap already placed this person: answer with that place
    if (!isUniqueViolation(error)) throw error
  }
  return (await getShift(ctx.db, shiftId, actor.personId))!
}

/** Free places of a role go to the waitlist, oldest first; those promoted are told. */
async function promoteWaitlist(ctx: AppContext, trx: Trx, shiftId: string, role: ShiftRole, messages: OutgoingMessage[]) {
  const shift = await shiftQuery(trx).where('s.id', '=', shiftId).executeTakeFirstOrThrow()
  const free = (parseHeadcount(shift.headcount)[role] ?? 0) - (await activeCount(trx, shiftId, role))
  if (free <= 0) return
  const waitlist = await trx
    .selectFrom('signups')
    .select(['id', 'person_id', 'created_at'])
    .where('shift_id', '=', shiftId)
    .where('role', '=', role)
    .where('status', '=', 'waitlisted')
    .execute()
  const chosen = promotions(
    waitlist.map((w) => ({ ...w, createdAt: w.created_at })),
    free,
  )
  if (chosen.length === 0) return
  const now = ctx.clock.now().toISOString()
  await trx
    .updateTable('signups')
    .set({ status: 'active', source: 'promoted', updated_at: now })
    .where(
      'id',
      'in',
      chosen.map((c) => c.id),
    )
    .execute()
  for (const c of chosen) {
    messages.push({
      personId: c.person_id,
      schoolId: shift.school_id,
      kind: 'signup.promoted',
      title: '候补成功',
      body: `你已从候补转为正式报名：${describeShift({ date: shift.date, startTime: shift.start_time, endTime: shift.end_time, postName: shift.post_name, schoolName: shift.school_name })}`,
      payload: { page: MY_SHIFTS_PAGE, shiftId },
      dedupeKey: `signup.promoted:${c.id}`,
    })
  }
}

export async function loadSignup(ctx: AppContext, signupId: string): Promise<SignupRow> {
  const row = await ctx.db.selectFrom('signups').select(['id', 'shift_id', 'person_id', 'role', 'status', 'created_at']).where('id', '=', signupId).executeTakeFirst()
  if (!row) throw notFound('报名记录不存在')
  return row
}

/** Leaves a shift (or its waitlist). Free before the cut-off; after it, only a swap. */
export async function release(ctx: AppContext, actor: Actor, signupId: string): Promise<Shift> {
  const signup = await loadSignup(ctx, signupId)
  if (signup.person_id !== actor.personId) throw forbidden('只能释放自己的报名')
  const messages: OutgoingMessage[] = []
  await ctx.db.transaction().execute(async (trx) => {
    const shift = await loadShiftForWrite(trx, ctx, signup.shift_id)
    const current = await trx.selectFrom('signups').select('status').where('id', '=', signupId).executeTakeFirstOrThrow()
    if (current.status === 'released') return
    if (current.status !== 'active' && current.status !== 'waitlisted') throw conflict('该报名已不在班次中')
    if (current.status === 'active') {
      const reason = releaseBlockReason(ctx.clock.now(), shift.starts_at, await schoolSettings(trx, shift.school_id))
      if (reason) throw conflict(reason)
    }
    await trx.updateTable('signups').set({ status: 'released', changed_by: actor.personId, updated_at: ctx.clock.now().toISOString() }).where('id', '=', signupId).execute()
    if (current.status === 'active') await promoteWaitlist(ctx, trx, signup.shift_id, signup.role, messages)
    await enqueue(trx, ctx.clock.now().toISOString(), messages)
    await refreshCoverageInWrite(trx, ctx.engine, [signup.shift_id])
  })
  return (await getShift(ctx.db, signup.shift_id, actor.personId))!
}

/**
 * A member removed from a school leaves its future shifts: their live signups there (in the
 * revoked role) are released, waitlists move up, and the school's reviewers are told which
 * places opened. Runs in the revocation's transaction; returns the shifts whose fill changed.
 */
export async function releaseOnRevocation(
  ctx: AppContext,
  trx: Trx,
  member: { membershipId: string; personId: string; personName: string; schoolId: string; schoolName: string; role: string },
  reviewerIds: readonly string[],
  actorId: string,
): Promise<string[]> {
  const now = ctx.clock.now().toISOString()
  const live = await trx
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .select(['g.id', 'g.shift_id', 'g.role', 'g.status'])
    .where('g.person_id', '=', member.personId)
    .where('g.role', '=', member.role as ShiftRole) // a membership's role; only shift roles have signups
    .where('g.status', 'in', LIVE_SIGNUP_STATUSES)
    .where('s.school_id', '=', member.schoolId)
    .where('s.starts_at', '>', now)
    .orderBy('s.starts_at')
    .execute()
  if (live.length === 0) return []
  const messages: OutgoingMessage[] = []
  const released: string[] = []
  for (const signup of live) {
    const shift = await loadShiftForWrite(trx, ctx, signup.shift_id)
    const done = await trx
      .updateTable('signups')
      .set({ status: 'released', reason: '成员身份已被移出', changed_by: actorId, updated_at: now })
      .where('id', '=', signup.id)
      .where('status', '=', signup.status)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) continue
    released.push(describeShift({ date: shift.date, startTime: shift.start_time, endTime: shift.end_time, postName: shift.post_name, schoolName: shift.school_name }))
    if (signup.status === 'active') await promoteWaitlist(ctx, trx, signup.shift_id, signup.role, messages)
  }
  if (released.length > 0) {
    const list = released.length > 3 ? `${released.slice(0, 3).join('；')} 等 ${released.length} 个班次` : released.join('；')
    for (const reviewerId of reviewerIds) {
      messages.push({
        personId: reviewerId,
        schoolId: member.schoolId,
        kind: 'signup.released_on_revocation',
        title: '护学岗空出名额',
        body: `${member.personName}已被移出${member.schoolName}，其报名已释放：${list}`,
        payload: { page: PAGES.gaps, schoolId: member.schoolId },
        dedupeKey: `signup.released_on_revocation:${member.membershipId}:${now}:${reviewerId}`,
      })
    }
  }
  await enqueue(trx, now, messages)
  return [...new Set(live.map((l) => l.shift_id))]
}

/** Police places are the station's roster: a principal manages the shift but asks the police for an officer. */
const STAFF_REFUSED = '民警的护学岗由派出所安排：请在覆盖率或补位中请求民警指派'

export async function assign(ctx: AppContext, actor: Actor, shiftId: string, personId: string, role: ShiftRole): Promise<ShiftDetail> {
  const shift = await getShift(ctx.db, shiftId, null)
  if (!shift) throw notFound('班次不存在')
  const school = await requireSchool(ctx, actor, shift.schoolId, 'shift.manage')
  if (!can(actor.grants, STAFFED_THROUGH[role], school)) throw forbidden(STAFF_REFUSED)
  // the person named must hold this duty role at this very school (an officer: of its station)
  if (!rolesAt(await grantsOfPerson(ctx, personId), school).includes(role)) {
    throw new AppError(403, 'FORBIDDEN', `对方不是该校通过审核的${ROLE_TEXT(role)}，不能指派`, 'personId')
  }
  const messages: OutgoingMessage[] = []
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const placed = await placePerson(ctx, trx, shiftId, personId, role, { wantWaitlist: false, source: 'assigned', changedBy: actor.personId })
      if (placed.created) {
        messages.push({
          personId,
          schoolId: shift.schoolId,
          kind: 'signup.assigned',
          title: '你被安排了护学岗',
          body: `${actor.name} 安排你担任${ROLE_TEXT(role)}：${describeShift(shift)}`,
          payload: { page: MY_SHIFTS_PAGE, shiftId },
          dedupeKey: `signup.assigned:${placed.signupId}`,
        })
        await enqueue(trx, ctx.clock.now().toISOString(), messages)
      }
      await refreshCoverageInWrite(trx, ctx.engine, [shiftId])
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
  return shiftDetail(ctx, actor, shiftId)
}

export async function removeSignup(ctx: AppContext, actor: Actor, signupId: string, reason: string): Promise<ShiftDetail> {
  const signup = await loadSignup(ctx, signupId)
  const shift = (await getShift(ctx.db, signup.shift_id, null))!
  const school = await requireSchool(ctx, actor, shift.schoolId, 'shift.manage')
  if (!can(actor.grants, STAFFED_THROUGH[signup.role], school)) throw forbidden(STAFF_REFUSED)
  const messages: OutgoingMessage[] = []
  await ctx.db.transaction().execute(async (trx) => {
    await loadShiftForWrite(trx, ctx, signup.shift_id)
    const current = await trx.selectFrom('signups').select('status').where('id', '=', signupId).executeTakeFirstOrThrow()
    if (current.status === 'removed') return
    if (current.status !== 'active' && current.status !== 'waitlisted') throw conflict('该报名已不在班次中')
    const now = ctx.clock.now().toISOString()
    await trx.updateTable('signups').set({ status: 'removed', reason: reason.trim(), changed_by: actor.personId, updated_at: now }).where('id', '=', signupId).execute()
    messages.push({
      personId: signup.person_id,
      schoolId: shift.schoolId,
      kind: 'signup.removed',
      title: '你的护学岗班次有调整',
      body: `你已被移出 ${describeShift(shift)}：${reason.trim()}`,
      payload: { page: MY_SHIFTS_PAGE, shiftId: signup.shift_id },
      dedupeKey: `signup.removed:${signupId}`,
    })
    if (current.status === 'active') await promoteWaitlist(ctx, trx, signup.shift_id, signup.role, messages)
    await enqueue(trx, now, messages)
    await refreshCoverageInWrite(trx, ctx.engine, [signup.shift_id])
  })
  return shiftDetail(ctx, actor, signup.shift_id)
}
