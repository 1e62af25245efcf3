// Swaps: offering a signup to anyone of the role or to one person, taking it (the place moves in
// one transaction), cancelling, and the lists.
import type { ShiftRole, Swap } from '@/types/shifts'
import { can } from '@/domain/authorization'
import { swapBlockReason } from '@/domain/shifts'
import type { AppContext } from '../../context'
import { isUniqueViolation, lockRow } from '../../db/dialect'
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Actor } from '../auth/actor'
import { enqueue, type OutgoingMessage } from '../outbox/outbox'
import { actorRolesAt, requireSchool } from './access'
import { refreshCoverageInWrite } from '../coverage/in-write'
import { getShift, shiftQuery, withFill } from './repository'
import { ROLE_TEXT, MY_SHIFTS_PAGE, describeShift } from './common'
import { rolesOfPersonAt, placePerson, loadSignup } from './signups'
import { PAGES } from '@/types/pages'

async function swapView(ctx: AppContext, ids: string[], viewerId: string): Promise<Swap[]> {
  if (ids.length === 0) return []
  const rows = await ctx.db
    .selectFrom('swaps as w')
    .innerJoin('people as f', 'f.id', 'w.from_person_id')
    .leftJoin('people as t', 't.id', 'w.to_person_id')
    .leftJoin('people as a', 'a.id', 'w.accepted_by')
    .select([
      'w.id',
      'w.shift_id',
      'w.role',
      'w.status',
      'w.created_at',
      'f.id as from_id',
      'f.name as from_name',
      't.id as to_id',
      't.name as to_name',
      'a.id as acc_id',
      'a.name as acc_name',
    ])
    .where('w.id', 'in', ids)
    .orderBy('w.created_at', 'desc')
    .execute()
  const shifts = await withFill(
    ctx.db,
    await shiftQuery(ctx.db)
      .where('s.id', 'in', [...new Set(rows.map((r) => r.shift_id))])
      .execute(),
    viewerId,
  )
  return rows.map((r) => ({
    id: r.id,
    shift: shifts.find((s) => s.id === r.shift_id)!,
    role: r.role,
    from: { id: r.from_id, name: r.from_name, phone: null },
    to: r.to_id ? { id: r.to_id, name: r.to_name ?? '', phone: null } : null,
    status: r.status,
    acceptedBy: r.acc_id ? { id: r.acc_id, name: r.acc_name ?? '', phone: null } : null,
    createdAt: r.created_at,
  }))
}

export async function offerSwap(ctx: AppContext, actor: Actor, signupId: string, toPersonId: string | null): Promise<Swap> {
  const signup = await loadSignup(ctx, signupId)
  if (signup.person_id !== actor.personId) throw forbidden('只能为自己的报名发起换班')
  if (signup.status !== 'active') throw conflict('只有已报名的班次可以换班')
  const shift = (await getShift(ctx.db, signup.shift_id, null))!
  const started = swapBlockReason(ctx.clock.now(), shift.startsAt)
  if (started) throw conflict(started)
  const school = await requireSchool(ctx, actor, shift.schoolId, 'school.view')
  if (toPersonId) {
    if (toPersonId === actor.personId) throw badRequest('不能换给自己', 'toPersonId')
    const roles = await ctx.db.transaction().execute((trx) => rolesOfPersonAt(trx, toPersonId, school))
    if (!roles.includes(signup.role)) throw badRequest(`对方不是该校的${ROLE_TEXT(signup.role)}`, 'toPersonId')
  }
  const existing = await ctx.db.selectFrom('swaps').select('id').where('signup_id', '=', signupId).where('status', '=', 'open').executeTakeFirst()
  if (existing) return (await swapView(ctx, [existing.id], actor.personId))[0]
  const id = newId()
  const now = ctx.clock.now().toISOString()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('swaps')
        .values({
          id,
          signup_id: signupId,
          shift_id: shift.id,
          school_id: shift.schoolId,
          role: signup.role,
          from_person_id: actor.personId,
          to_person_id: toPersonId,
          status: 'open',
          accepted_by: null,
          created_at: now,
          decided_at: null,
        })
        .execute()
      if (toPersonId) {
        await enqueue(trx, now, [
          {
            personId: toPersonId,
            schoolId: shift.schoolId,
            kind: 'swap.offered',
            title: '有人请你代班',
            body: `${actor.name} 请你代班：${describeShift(shift)}（${ROLE_TEXT(signup.role)}）`,
            payload: { page: PAGES.swaps, swapId: id },
            dedupeKey: `swap.offered:${id}`,
          },
        ])
      }
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    const open = await ctx.db.selectFrom('swaps').select('id').where('signup_id', '=', signupId).where('status', '=', 'open').executeTakeFirstOrThrow()
    return (await swapView(ctx, [open.id], actor.personId))[0]
  }
  return (await swapView(ctx, [id], actor.personId))[0]
}

/** Open swaps the actor could take, and for managers every swap of their schools. */
export async function listSwaps(ctx: AppContext, actor: Actor, schoolId: string): Promise<Swap[]> {
  const school = await requireSchool(ctx, actor, schoolId, 'school.view')
  const roles = actorRolesAt(actor, school)
  const manager = can(actor.grants, 'shift.manage', school)
  let q = ctx.db.selectFrom('swaps').select('id').where('school_id', '=', schoolId)
  if (!manager) {
    q = q.where((eb) =>
      eb.or([
        eb('from_person_id', '=', actor.personId),
        eb.and([
          eb('status', '=', 'open'),
          eb('role', 'in', (roles.length ? roles : ['-']) as ShiftRole[]), // the actor's roles there; '-' matches none
          eb.or([eb('to_person_id', 'is', null), eb('to_person_id', '=', actor.personId)]),
        ]),
      ]),
    )
  }
  const rows = await q.orderBy('created_at', 'desc').limit(100).execute()
  return swapView(
    ctx,
    rows.map((r) => r.id),
    actor.personId,
  )
}

export async function acceptSwap(ctx: AppContext, actor: Actor, swapId: string): Promise<Swap> {
  const swap = await ctx.db.selectFrom('swaps').selectAll().where('id', '=', swapId).executeTakeFirst()
  if (!swap) throw notFound('换班请求不存在')
  await requireSchool(ctx, actor, swap.school_id, 'school.view')
  if (swap.accepted_by === actor.personId) return (await swapView(ctx, [swapId], actor.personId))[0]
  if (swap.from_person_id === actor.personId) throw badRequest('不能接自己的换班')
  if (swap.to_person_id && swap.to_person_id !== actor.personId) throw forbidden('这个换班是发给其他人的')
  const messages: OutgoingMessage[] = []
  await ctx.db.transaction().execute(async (trx) => {
    await lockRow(trx, ctx.engine, 'swaps', swapId)
    const current = await trx.selectFrom('swaps').select(['status', 'accepted_by']).where('id', '=', swapId).executeTakeFirstOrThrow()
    if (current.status !== 'open') throw conflict(current.status === 'accepted' ? '该换班已被他人接下' : '该换班已取消')
    const original = await trx.selectFrom('signups').select('status').where('id', '=', swap.signup_id).executeTakeFirstOrThrow()
    if (original.status !== 'active') throw conflict('原报名已不在班次中')
    const now = ctx.clock.now().toISOString()
    // The place moves: the old signup leaves first so that the new one fits the headcount.
    await trx.updateTable('signups').set({ status: 'swapped', changed_by: actor.personId, updated_at: now }).where('id', '=', swap.signup_id).execute()
    await placePerson(ctx, trx, swap.shift_id, actor.personId, swap.role, { wantWaitlist: false, source: 'swap', changedBy: actor.personId })
    await trx.updateTable('swaps').set({ status: 'accepted', accepted_by: actor.personId, decided_at: now }).where('id', '=', swapId).execute()
    const shift = (await withFill(trx, [await shiftQuery(trx).where('s.id', '=', swap.shift_id).executeTakeFirstOrThrow()], null))[0]
    messages.push({
      personId: swap.from_person_id,
      schoolId: shift.schoolId,
      kind: 'swap.accepted',
      title: '换班成功',
      body: `${actor.name} 接下了你的班次：${describeShift(shift)}`,
      payload: { page: MY_SHIFTS_PAGE, shiftId: swap.shift_id },
      dedupeKey: `swap.accepted:${swapId}`,
    })
    await enqueue(trx, now, messages)
    await refreshCoverageInWrite(trx, ctx.engine, [swap.shift_id])
  })
  return (await swapView(ctx, [swapId], actor.personId))[0]
}

export async function cancelSwap(ctx: AppContext, actor: Actor, swapId: string): Promise<Swap> {
  const swap = await ctx.db.selectFrom('swaps').selectAll().where('id', '=', swapId).executeTakeFirst()
  if (!swap) throw notFound('换班请求不存在')
  if (swap.from_person_id !== actor.personId) throw forbidden('只能取消自己发起的换班')
  if (swap.status === 'open') {
    await ctx.db.updateTable('swaps').set({ status: 'cancelled', decided_at: ctx.clock.now().toISOString() }).where('id', '=', swapId).where('status', '=', 'open').execute()
  } else if (swap.status !== 'cancelled') {
    throw conflict('该换班已被接下，不能取消')
  }
  return (await swapView(ctx, [swapId], actor.personId))[0]
}
