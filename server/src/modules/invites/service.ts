import crypto from 'node:crypto'
import type { CreateInviteRequest } from '@/types/api'
import type { Invite } from '@/types/org'
import { can, canGrantRole } from '@/domain/authorization'
import { inviteCodeFromBytes, inviteUnusableReason } from '@/domain/invite'
import type { AppContext } from '../../context'
import { forbidden, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Actor } from '../auth/actor'
import { getSchoolRef, schoolIdsWhere } from '../org/repository'
import { inviteById, insertInvite, invitesOfSchools, revokeInviteRow, type InviteRow } from './repository'

function toInvite(r: InviteRow, now: Date): Invite {
  return {
    id: r.id,
    code: r.code,
    schoolId: r.school_id,
    schoolName: r.school_name,
    role: r.role,
    expiresAt: r.expires_at,
    maxUses: r.max_uses,
    usedCount: r.used_count,
    revokedAt: r.revoked_at,
    createdAt: r.created_at,
    usable: inviteUnusableReason({ expiresAt: r.expires_at, maxUses: r.max_uses, usedCount: r.used_count, revokedAt: r.revoked_at }, now) === null,
  }
}

async function managedSchool(ctx: AppContext, actor: Actor, schoolId: string) {
  const school = await getSchoolRef(ctx.db, schoolId)
  if (!school) throw notFound('学校不存在')
  if (!can(actor.grants, 'invite.manage', school)) throw forbidden('你不能管理该校的邀请码')
  return school
}

export async function listInvites(ctx: AppContext, actor: Actor, schoolId?: string): Promise<Invite[]> {
  const ids = schoolId ? [(await managedSchool(ctx, actor, schoolId)).id] : await schoolIdsWhere(ctx.db, actor.grants, 'invite.manage')
  if (ids.length === 0) return []
  const rows = await invitesOfSchools(ctx.db, ids)
  const now = ctx.clock.now()
  return rows.map((r) => toInvite(r, now))
}

export async function createInvite(ctx: AppContext, actor: Actor, input: CreateInviteRequest): Promise<Invite> {
  const school = await managedSchool(ctx, actor, input.schoolId)
  if (!canGrantRole(actor.grants, input.role, school)) throw forbidden('只有民警或管理员可以邀请校长')
  const now = ctx.clock.now()
  const id = newId()
  // 31^8 codes: a collision is rare; the unique index catches it and we draw again.
  for (let attempt = 0; ; attempt++) {
    try {
      await insertInvite(ctx.db, {
        id,
        code: inviteCodeFromBytes(crypto.randomBytes(8)),
        school_id: school.id,
        role: input.role,
        created_by: actor.personId,
        expires_at: new Date(now.getTime() + input.validDays * 86_400_000).toISOString(),
        max_uses: input.maxUses,
        used_count: 0,
        revoked_at: null,
        created_at: now.toISOString(),
      })
      break
    } catch (error) {
      if (attempt >= 3) throw error
    }
  }
  return toInvite((await inviteById(ctx.db, id))!, now)
}

/** An invite of a school this person manages (404 when there is none, 403 when not theirs). */
export async function inviteForManager(ctx: AppContext, actor: Actor, inviteId: string): Promise<Invite> {
  const row = await inviteById(ctx.db, inviteId)
  if (!row) throw notFound('邀请码不存在')
  await managedSchool(ctx, actor, row.school_id)
  return toInvite(row, ctx.clock.now())
}

/** Revoking twice is harmless: the first time stands. */
export async function revokeInvite(ctx: AppContext, actor: Actor, inviteId: string): Promise<Invite> {
  await inviteForManager(ctx, actor, inviteId)
  const now = ctx.clock.now()
  await revokeInviteRow(ctx.db, inviteId, now.toISOString())
  return toInvite((await inviteById(ctx.db, inviteId))!, now)
}
