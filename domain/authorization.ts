// Who may do what where: one pure function of (memberships, action, target), used by the
// server to decide and by the app to show only what a person may do (DESIGN.md §6).
import type { Role } from '../types/org'
import { DUTY_ROLES } from '../types/org'

/** An approved membership reduced to what authorization needs. */
export interface Grant {
  role: Role
  schoolId?: string | null
  stationId?: string | null
  districtId?: string | null
}

/** The place a school sits in: enough to match school, station and district grants. */
export interface SchoolRef {
  id: string
  stationId: string
  districtId: string
}

export const SCHOOL_ACTIONS = [
  'school.view', // see the school, its posts and its open lists
  'school.duty', // sign up for shifts and check in at its gates
  'school.manageMembers', // approve, reject, revoke members
  'school.manageInvites', // create and revoke invite codes
  'school.manageDuty', // posts, templates, assignments (shifts issue)
  'notice.publish', // publish notices to the school (and upload PDF attachments for them)
  'alarm.raise', // 一键报警 at the school: its approved members and its police
  'alarm.view', // see the school's alarms: responders and the district admin
  'alarm.respond', // 收到 / 到场 (people on duty there now are added by the alarms service)
  'alarm.close', // 处置完毕 with an outcome: police of the station
  'alarm.drill', // raise a drill alarm (演练): police of the station, the principal
] as const
export type SchoolAction = (typeof SCHOOL_ACTIONS)[number]

const MANAGERS: readonly Role[] = ['principal', 'police', 'admin']
const PUBLISHERS: readonly Role[] = ['police', 'admin']
const ALARM_RAISERS: readonly Role[] = ['volunteer', 'teacher', 'guard', 'principal', 'police']
const ALARM_RESPONDERS: readonly Role[] = ['guard', 'principal', 'police']

/** Does this grant reach the school: its own school, its station's schools, its district's schools. */
export function grantCovers(grant: Grant, school: SchoolRef): boolean {
  switch (grant.role) {
    case 'police':
      return grant.stationId === school.stationId
    case 'admin':
      return grant.districtId === school.districtId
    default:
      return grant.schoolId === school.id
  }
}

/** The roles a person holds at a school through their approved grants. */
export function rolesAt(grants: readonly Grant[], school: SchoolRef): Role[] {
  return [...new Set(grants.filter((g) => grantCovers(g, school)).map((g) => g.role))]
}

export function can(grants: readonly Grant[], action: SchoolAction, school: SchoolRef): boolean {
  const roles = rolesAt(grants, school)
  switch (action) {
    case 'school.view':
      return roles.length > 0
    case 'school.duty':
      return roles.some((r) => (DUTY_ROLES as readonly Role[]).includes(r))
    case 'school.manageMembers':
    case 'school.manageInvites':
    case 'school.manageDuty':
      return roles.some((r) => MANAGERS.includes(r))
    case 'notice.publish':
      return roles.some((r) => PUBLISHERS.includes(r))
    case 'alarm.raise':
      return roles.some((r) => ALARM_RAISERS.includes(r))
    case 'alarm.view':
      return roles.some((r) => ALARM_RESPONDERS.includes(r) || r === 'admin')
    case 'alarm.respond':
      return roles.some((r) => ALARM_RESPONDERS.includes(r))
    case 'alarm.close':
      return roles.includes('police')
    case 'alarm.drill':
      return roles.includes('police') || roles.includes('principal')
  }
}

/** May the person do this at some school at all (before a school is chosen, e.g. an upload)? */
export function canSomewhere(grants: readonly Grant[], action: SchoolAction): boolean {
  return grants.some((g) => can([g], action, { id: g.schoolId ?? '', stationId: g.stationId ?? '', districtId: g.districtId ?? '' }))
}

/**
 * Only police and admins may hand out the principal role: a principal cannot make another
 * principal, nor approve one.
 */
export function canGrantRole(grants: readonly Grant[], role: Role, school: SchoolRef): boolean {
  if (!can(grants, 'school.manageMembers', school)) return false
  if (role === 'principal' || role === 'police' || role === 'admin') {
    return rolesAt(grants, school).some((r) => r === 'police' || r === 'admin')
  }
  return true
}
