// Who may do what where: the one policy of the product (DESIGN.md §6). An action per area of work,
// held by some roles, checked against the scope of the object (a school, a station, a district or
// the city) that the server resolved from the object itself. The server decides with it
// (`authorize` in server/src/lib/authorize.ts throws the 403), the app asks the same `can()` what to
// show. No role name is compared anywhere else.
import type { Role } from '../types/org'
import type { ShiftRole } from '../types/shifts'

/** An approved membership reduced to what authorization needs. */
export interface Grant {
  role: Role
  schoolId?: string | null
  stationId?: string | null
  districtId?: string | null
}

/** The place a school sits in: enough to match school, station, district and city grants. */
export interface SchoolRef {
  id: string
  stationId: string
  districtId: string
}
export interface StationScope {
  level: 'station'
  stationId: string
  districtId: string
}
export interface DistrictScope {
  level: 'district'
  districtId: string
}
export interface CityScope {
  level: 'city'
}
/** What an object belongs to. A school is given as its SchoolRef (or a School, which is one). */
export type Scope = SchoolRef | StationScope | DistrictScope | CityScope

export const CITY_SCOPE: CityScope = { level: 'city' }

/** How far a membership of each role reaches. */
export type Level = 'school' | 'station' | 'district' | 'city'
export const ROLE_LEVEL: Record<Role, Level> = {
  volunteer: 'school',
  teacher: 'school',
  guard: 'school',
  principal: 'school',
  police: 'station',
  admin: 'district',
  city: 'city',
}

const SCHOOL_PEOPLE = ['volunteer', 'teacher', 'guard', 'principal'] as const
const MEMBERS = [...SCHOOL_PEOPLE, 'police', 'admin'] as const
const MANAGERS = ['principal', 'police', 'admin'] as const
const HANDLERS = ['police', 'admin'] as const
const ON_DUTY = ['volunteer', 'teacher', 'guard', 'police'] as const

/**
 * Every action and the roles that hold it. A grant gives its role's actions inside its reach:
 * its school; a station's schools; a district's stations and schools; the whole city.
 * The city role (市局) sees what a district admin sees, read-only, and owns the city-wide
 * hazard categories.
 */
export const POLICY = {
  'school.view': [...MEMBERS, 'city'], // a school, its posts, calendar, settings, shifts, swaps
  'signup.own': ON_DUTY, // sign up, release, swap one's own shifts
  'checkin.own': ON_DUTY, // check in and out of one's own signups, heartbeats
  'duty.take': ['volunteer', 'teacher', 'guard'], // hold a duty role at the school (what invites make)
  'shift.staff': ['principal', 'police'], // staff a school day to day: its unfilled shifts of the next 48 h on the home page
  'shift.manage': MANAGERS, // posts, templates, calendar, settings, assignments, gaps, duty board, exceptions
  'shift.police': HANDLERS, // put police on a school's police places (assign, remove): the station's duty roster, not the school's
  'member.review': MANAGERS, // approve, reject, revoke members
  'member.appoint': HANDLERS, // grant a role that itself reviews members (a principal)
  'invite.manage': MANAGERS, // invite codes
  'phone.view': MANAGERS, // the full number of someone asking to join the school, while deciding (domain/phone.ts)
  'hazard.report': MEMBERS, // report a hazard, see nearby ones, say 我也遇到了
  'hazard.view': [...MEMBERS, 'city'], // hazard lists, counts and details (own reports, or the reach's)
  'hazard.handle': HANDLERS, // accept, reject, mark duplicate, close, reopen; see reporters
  'hazard.assign': HANDLERS, // hand a hazard to someone with hazard.fix at its school
  'hazard.resolve': MANAGERS, // the transition route: handlers, and those who resolve what they were assigned
  'hazard.fix': ['principal'], // be handed (交办) a hazard at one's school and resolve it
  'hazard.oversee': [...HANDLERS, 'city'], // every hazard of the reach, closed ones too (the queue)
  'hazard.ledger': [...HANDLERS, 'city'], // the station's hazard ledger export
  'category.manage': ['city'], // the city-wide hazard categories and their default severity
  'notice.read': [...MEMBERS, 'city'], // read, acknowledge, RSVP, attend the notices addressed to one (none to the city yet: an empty inbox)
  'notice.track': MANAGERS, // notices of one's schools and their read rates
  'notice.publish': HANDLERS, // write, publish, withdraw, remind
  'drill.record': HANDLERS, // record a drill (linked to a notice of the same reach)
  'drill.view': [...MANAGERS, 'city'], // a school's drill records
  'coverage.view': [...MANAGERS, 'city'], // a school's coverage and its export
  'coverage.area': [...HANDLERS, 'city'], // coverage across a station, district or the city
  'bulletin.view': [...HANDLERS, 'city'], // the campus-safety bulletin (简报) of a station, district or the city, and its downloads
  'coverage.ask': ['principal', 'admin'], // ask the police to assign someone to a gap
  'outbox.view': ['admin', 'city'], // the messages sent from the reach's schools
  'alarm.raise': [...SCHOOL_PEOPLE, 'police'], // 一键报警 at the school: its approved members and its police
  'alarm.view': ['guard', 'principal', 'police', 'admin', 'city'], // the school's alarms: responders and those above them
  'alarm.respond': ['guard', 'principal', 'police'], // 收到 / 到场 (people on duty there now are added by the alarms service)
  'alarm.close': ['police'], // 处置完毕 with an outcome
  'alarm.drill': ['principal', 'police'], // raise a drill alarm (演练)
  'alarm.oversee': ['admin'], // be told when an alarm of the district escalates (no police acknowledgement, no police on site)
  'broadcast.send': ['police'], // 远程广播: an urgent message to everyone on duty now at one's schools or the whole station
  'broadcast.view': ['police', 'admin', 'city'], // the broadcasts of the reach: who has and has not confirmed
  'broadcast.confirm': ON_DUTY, // 确认 a broadcast one received while on duty
} as const satisfies Record<string, readonly Role[]>

export type Action = keyof typeof POLICY

/**
 * The action that puts someone on (or takes them off) a place of each shift role. The school's
 * managers staff its own people's places; police places belong to the station's roster: an
 * officer of the school's station signs up (`signup.own`), or the station's police and the
 * district assign them; a principal asks the police for one (`coverage.ask`) instead.
 */
export const STAFFED_THROUGH: Record<ShiftRole, Action> = {
  volunteer: 'shift.manage',
  teacher: 'shift.manage',
  guard: 'shift.manage',
  police: 'shift.police',
}
export const ACTIONS = Object.keys(POLICY) as Action[]

/** What a route declares: an action, `person` (anyone signed in) or `public`. */
export type RouteAction = Action | 'person' | 'public'

export function roleHolds(role: Role, action: Action): boolean {
  return (POLICY[action] as readonly Role[]).includes(role)
}

/** The roles that hold an action: for queries that look for people who may do something. */
export function rolesWith(action: Action): Role[] {
  return [...POLICY[action]]
}

/** Does this grant reach the scope. */
export function grantCovers(grant: Grant, scope: Scope): boolean {
  const level = ROLE_LEVEL[grant.role]
  if (level === 'city') return true
  if ('level' in scope) {
    if (scope.level === 'city') return false
    if (level === 'district') return grant.districtId === scope.districtId
    if (level === 'station') return scope.level === 'station' && grant.stationId === scope.stationId
    return false
  }
  if (level === 'district') return grant.districtId === scope.districtId
  if (level === 'station') return grant.stationId === scope.stationId
  return grant.schoolId === scope.id
}

/** The grants whose role holds the action. */
export function grantsFor(grants: readonly Grant[], action: Action): Grant[] {
  return grants.filter((g) => roleHolds(g.role, action))
}

/** May the person do this here. */
export function can(grants: readonly Grant[], action: Action, scope: Scope): boolean {
  return grants.some((g) => roleHolds(g.role, action) && grantCovers(g, scope))
}

/** Does the person hold the action anywhere: the first check of a route, before anything is loaded. */
export function holdsAnywhere(grants: readonly Grant[], action: Action): boolean {
  return grants.some((g) => roleHolds(g.role, action))
}

/** Where an action reaches: for lists, which the server turns into a query. */
export interface Reach {
  city: boolean
  districtIds: string[]
  stationIds: string[]
  schoolIds: string[]
}

export function reachOf(grants: readonly Grant[], action: Action): Reach {
  const reach: Reach = { city: false, districtIds: [], stationIds: [], schoolIds: [] }
  for (const g of grantsFor(grants, action)) {
    const level = ROLE_LEVEL[g.role]
    if (level === 'city') reach.city = true
    else if (level === 'district' && g.districtId) reach.districtIds.push(g.districtId)
    else if (level === 'station' && g.stationId) reach.stationIds.push(g.stationId)
    else if (level === 'school' && g.schoolId) reach.schoolIds.push(g.schoolId)
  }
  return { city: reach.city, districtIds: [...new Set(reach.districtIds)], stationIds: [...new Set(reach.stationIds)], schoolIds: [...new Set(reach.schoolIds)] }
}

export function reachIsEmpty(reach: Reach): boolean {
  return !reach.city && reach.districtIds.length + reach.stationIds.length + reach.schoolIds.length === 0
}

/** The role through which a person holds the action here (what an audit row records), if any. */
export function actingRole(grants: readonly Grant[], action: Action, scope: Scope): Role | undefined {
  return grants.find((g) => roleHolds(g.role, action) && grantCovers(g, scope))?.role
}

/** The roles a person holds at a school through their approved grants. */
export function rolesAt(grants: readonly Grant[], school: SchoolRef): Role[] {
  return [...new Set(grants.filter((g) => grantCovers(g, school)).map((g) => g.role))]
}

/**
 * Granting a role that itself reviews members (a principal) needs `member.appoint`: a principal
 * cannot make another principal, nor approve one.
 */
export function canGrantRole(grants: readonly Grant[], role: Role, school: SchoolRef): boolean {
  if (!can(grants, 'member.review', school)) return false
  if (roleHolds(role, 'member.review')) return can(grants, 'member.appoint', school)
  return true
}
