import type { Kysely } from 'kysely'
import type { MemberRow, MembershipStatus } from '@/types/org'
import { visiblePhone } from '@/domain/phone'
import { rolesWith } from '@/domain/authorization'
import type { Database } from '../../db/schema'
import { membershipsWithScopeNames } from '../org/repository'

type Db = Kysely<Database>

function baseQuery(db: Db) {
  // school memberships only: those are the ones a school's reviewers list and decide
  return membershipsWithScopeNames(db)
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .leftJoin('invites as i', 'i.id', 'm.invite_id')
    .where('m.school_id', 'is not', null)
    .select([
      'm.id',
      'm.role',
      'm.status',
      'm.school_id',
      'm.reason',
      'm.created_at',
      'm.decided_at',
      'p.id as person_id',
      'p.name as person_name',
      'm.display_name',
      'p.phone as person_phone',
      'i.code as invite_code',
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

/**
 * Rows are listed only at schools where the viewer holds member.review (which comes with
 * phone.view): a pending request's number is in full while they decide, masked afterwards.
 */
function toMemberRow(r: Row): MemberRow {
  return {
    membershipId: r.id,
    person: { id: r.person_id, name: r.display_name ?? r.person_name, phone: visiblePhone(r.person_phone, { isSelf: false, reviewsPendingRequest: r.status === 'pending' }) },
    role: r.role,
    status: r.status,
    schoolId: r.school_id as string,
    schoolName: r.school_name ?? '',
    reason: r.reason,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    inviteCode: r.invite_code,
  }
}

export async function listSchoolMembers(db: Db, schoolIds: readonly string[], status?: MembershipStatus): Promise<MemberRow[]> {
  if (schoolIds.length === 0) return []
  let q = baseQuery(db).where('m.school_id', 'in', schoolIds)
  if (status) q = q.where('m.status', '=', status)
  const rows = await q.orderBy('m.created_at', 'desc').limit(500).execute()
  return rows.map(toMemberRow)
}

export async function getSchoolMember(db: Db, membershipId: string): Promise<MemberRow | undefined> {
  const row = await baseQuery(db).where('m.id', '=', membershipId).executeTakeFirst()
  return row && toMemberRow(row)
}

/** Approved principals of a school and police of its station: who reviews a request to join. */
export async function reviewersOf(db: Db, schoolId: string, stationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('status', '=', 'approved')
    .where((eb) => eb.or([eb('school_id', '=', schoolId), eb('station_id', '=', stationId)]))
    .where('role', 'in', rolesWith('member.review'))
    .execute()
  return [...new Set(rows.map((r) => r.person_id))]
}
