// Scope checks shared by the shift services: which school a thing belongs to and whether the
// actor may see it, take part in it or manage it.
import { can, rolesAt, type Action, type SchoolRef } from '@/domain/authorization'
import type { AppContext } from '../../context'
import { forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { getSchoolRef } from '../org/repository'

const MESSAGES: Partial<Record<Action, string>> = {
  'school.view': '你不是该校成员',
  'shift.manage': '只有该校校长或所属派出所民警可以管理排班',
}

export async function requireSchool(ctx: AppContext, actor: Actor, schoolId: string, action: Action): Promise<SchoolRef & { name: string }> {
  const school = await getSchoolRef(ctx.db, schoolId)
  if (!school) throw notFound('学校不存在')
  if (!can(actor.grants, action, school)) throw forbidden(MESSAGES[action])
  return school
}

export function actorRolesAt(actor: Actor, school: SchoolRef): string[] {
  return rolesAt(actor.grants, school)
}
