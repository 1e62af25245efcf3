import type { JoinRequest } from '@/types/api'
import type { Membership, MemberRow, MembershipStatus, Role } from '@/types/org'
import { volunteerKindFor } from '@/domain/bulletin'
import { ROLE_LABELS } from '@/types/org'
import { can, canGrantRole } from '@/domain/authorization'
import { inviteUnusableReason, normalizeInviteCode } from '@/domain/invite'
import { transitionMembership, type MembershipAction } from '@/domain/membership'
import type { AppContext } from '../../context'
import { isUniqueViolation } from '../../db/dialect'
import { forgetActors } from '../../lib/actor-cache'
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Actor } from '../auth/actor'
import { getSchoolRef, membershipsOfPerson, schoolIdsWhere } from '../org/repository'
import { enqueue } from '../outbox/outbox'
import { getSchoolMember, listSchoolMembers, reviewersOf } from './repository'
import { NEW_USER_NAME } from '../auth/service'
import { refreshCoverageInWrite } from '../coverage/in-write'
import { releaseOnRevocation } from '../shifts/service'
import { PAGES } from '@/types/pages'

async function findInvite(ctx: AppContext, rawCode: string) {
  const code = normalizeInviteCode(rawCode)
  const invite = await ctx.db
    .selectFrom('invites')
    .innerJoin('schools', 'schools.id', 'invites.school_id')
    .select([
      'invites.id',
      'invites.code',
      'invites.school_id',
      'invites.role',
      'invites.expires_at',
      'invites.max_uses',
      'invites.used_count',
      'invites.revoked_at',
      'schools.name as school_name',
      'schools.kind as school_kind',
      'schools.station_id',
    ])
    .where('invites.code', '=', code)
    .executeTakeFirst()
  if (!invite) throw notFound('邀请码不存在，请核对后重新输入')
  return invite
}

export async function previewInvite(ctx: AppContext, rawCode: string) {
  const invite = await findInvite(ctx, rawCode)
  const reason = inviteUnusableReason({ expiresAt: invite.expires_at, maxUses: invite.max_uses, usedCount: invite.used_count, revokedAt: invite.revoked_at }, ctx.clock.now())
  return {
    code: invite.code,
    schoolId: invite.school_id,
    schoolName: invite.school_name,
    schoolKind: invite.school_kind,
    role: invite.role,
    usable: reason === null,
    reason,
  }
}

async function openMembership(ctx: AppContext, personId: string, schoolId: string, role: Role) {
  return ctx.db
    .selectFrom('memberships')
    .select(['id', 'status'])
    .where('person_id', '=', personId)
    .where('school_id', '=', schoolId)
    .where('role', '=', role)
    .where('status', 'in', ['pending', 'approved'])
    .executeTakeFirst()
}

/**
 * Ask to join a school with an invite code. A repeated request (a double tap, a retry) returns
 * the membership that is already pending or approved and uses up nothing.
 */
export async function joinWithInvite(ctx: AppContext, actor: Actor, input: JoinRequest): Promise<Membership> {
  const invite = await findInvite(ctx, input.code)
  const existing = await openMembership(ctx, actor.personId, invite.school_id, invite.role)
  const result = async (id: string) => {
    const mine = await membershipsOfPerson(ctx.db, actor.personId)
    return mine.find((m) => m.id === id) as Membership
  }
  if (existing) return result(existing.id)

  const now = ctx.clock.now()
  const nowIso = now.toISOString()
  const reason = inviteUnusableReason({ expiresAt: invite.expires_at, maxUses: invite.max_uses, usedCount: invite.used_count, revokedAt: invite.revoked_at }, now)
  if (reason) throw new AppError(409, 'INVITE_UNUSABLE', reason, 'code')

  const membershipId = newId()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // Conditional increment: two people taking the last use at once cannot both succeed.
      const used = await trx
        .updateTable('invites')
        .set((eb) => ({ used_count: eb('used_count', '+', 1) }))
        .where('id', '=', invite.id)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', nowIso)
        .whereRef('used_count', '<', 'max_uses')
        .executeTakeFirst()
      if (Number(used.numUpdatedRows) !== 1) throw new AppError(409, 'INVITE_UNUSABLE', '邀请码使用次数已满', 'code')
      // A new WeChat user gets a name; someone already known keeps theirs elsewhere, and this
      // school sees the name given here (on the membership).
      await trx
        .updateTable('people')
        .set((eb) => ({
          name: eb.case().when('name', '=', NEW_USER_NAME).then(input.name.trim()).else(eb.ref('name')).end(),
          ...(input.phone ? { phone: input.phone } : {}),
        }))
        .where('id', '=', actor.personId)
        .execute()
      await trx
        .insertInto('memberships')
        .values({
          id: membershipId,
          person_id: actor.personId,
          role: invite.role,
          status: 'pending',
          school_id: invite.school_id,
          station_id: null,
          district_id: null,
          invite_id: invite.id,
          display_name: input.name.trim(),
          volunteer_kind: volunteerKindFor(invite.role, input.volunteerKind),
          reason: null,
          decided_by: null,
          decided_at: null,
          created_at: nowIso,
        })
        .execute()
      const reviewers = await reviewersOf(trx, invite.school_id, invite.station_id)
      await enqueue(
        trx,
        nowIso,
        reviewers.map((reviewerId) => ({
          personId: reviewerId,
          schoolId: invite.school_id,
          kind: 'membership.pending',
          title: '新的入校申请',
          body: `${input.name.trim()} 申请以「${ROLE_LABELS[invite.role]}」身份加入${invite.school_name}，请审核`,
          payload: { page: PAGES.members, schoolId: invite.school_id },
          dedupeKey: `membership.pending:${membershipId}:${reviewerId}`,
        })),
      )
    })
    // the person's name may have changed with it (the actor carries it)
    await forgetActors(ctx, { people: [actor.personId] })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // A concurrent identical request won the race: answer with its membership.
    const winner = await openMembership(ctx, actor.personId, invite.school_id, invite.role)
    if (!winner) throw error
    return result(winner.id)
  }
  return result(membershipId)
}

/** Schools whose members this actor manages; one school if asked, checked. */
async function managedSchoolIds(ctx: AppContext, actor: Actor, schoolId?: string): Promise<string[]> {
  if (schoolId) {
    const school = await getSchoolRef(ctx.db, schoolId)
    if (!school) throw notFound('学校不存在')
    if (!can(actor.grants, 'member.review', school)) throw forbidden('你不能管理该校成员')
    return [school.id]
  }
  const reached = await schoolIdsWhere(ctx.db, actor.grants, 'member.review')
  return reached
}

export async function listMembers(ctx: AppContext, actor: Actor, schoolId?: string, status?: MembershipStatus): Promise<MemberRow[]> {
  return listSchoolMembers(ctx.db, await managedSchoolIds(ctx, actor, schoolId), status)
}

const RESULT_TEXT: Record<MembershipAction, string> = { approve: '已通过', reject: '未通过', revoke: '已被移出' }

export async function changeMembership(ctx: AppContext, actor: Actor, membershipId: string, action: MembershipAction, reason: string | undefined): Promise<MemberRow> {
  const member = await getSchoolMember(ctx.db, membershipId)
  if (!member) throw notFound('找不到该成员申请')
  const school = await getSchoolRef(ctx.db, member.schoolId)
  if (!school || !canGrantRole(actor.grants, member.role, school)) {
    throw forbidden(school && can(actor.grants, 'member.review', school) ? '只有民警或管理员可以审核校长' : '你不能管理该校成员')
  }
  if (member.person.id === actor.personId && action !== 'revoke') throw forbidden('不能审核自己的申请')
  const trimmed = reason?.trim() || null
  if ((action === 'reject' || action === 'revoke') && !trimmed) throw badRequest('请填写原因，对方会看到', 'reason')
  const next = transitionMembership(member.status, action)
  if (!next.ok) throw conflict(next.message)
  if (!next.changed) return member

  const nowIso = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('memberships')
      .set({ status: next.to, reason: trimmed, decided_by: actor.personId, decided_at: nowIso })
      .where('id', '=', membershipId)
      .where('status', '=', member.status)
      .executeTakeFirst()
    // Someone else decided in the meantime: theirs stands.
    if (Number(updated.numUpdatedRows) !== 1) return
    if (action === 'revoke') {
      const changedShifts = await releaseOnRevocation(
        ctx,
        trx,
        { membershipId, personId: member.person.id, personName: member.person.name, schoolId: member.schoolId, schoolName: member.schoolName, role: member.role },
        (await reviewersOf(trx, member.schoolId, school.stationId)).filter((id) => id !== member.person.id),
        actor.personId,
      )
      await refreshCoverageInWrite(trx, ctx.engine, changedShifts)
    }
    await enqueue(trx, nowIso, [
      {
        personId: member.person.id,
        schoolId: member.schoolId,
        kind: `membership.${action}`,
        title: '入校审核结果',
        body: `你在${member.schoolName}的「${ROLE_LABELS[member.role]}」身份${RESULT_TEXT[action]}${trimmed ? `：${trimmed}` : ''}`,
        payload: { page: PAGES.me },
        dedupeKey: `membership.${action}:${membershipId}`,
      },
    ])
  })
  // the person's grants changed: every request of theirs from now on, on every instance, sees it
  await forgetActors(ctx, { people: [member.person.id] })
  return (await getSchoolMember(ctx.db, membershipId)) as MemberRow
}
