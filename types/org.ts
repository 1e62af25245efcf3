// Organisation and accounts: the shared contract between the app and the server.

/** Every role a membership can carry (DESIGN.md §2). */
export const ROLES = ['volunteer', 'teacher', 'guard', 'principal', 'police', 'admin', 'city'] as const
export type Role = (typeof ROLES)[number]

/** Roles that stand at the gate and sign up for shifts. */
export const DUTY_ROLES = ['volunteer', 'teacher', 'guard'] as const satisfies readonly Role[]
export type DutyRole = (typeof DUTY_ROLES)[number]

/** Roles a school-scoped membership can carry (invite codes create these). */
export const SCHOOL_ROLES = ['volunteer', 'teacher', 'guard', 'principal'] as const satisfies readonly Role[]
export type SchoolRole = (typeof SCHOOL_ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  volunteer: '家长志愿者',
  teacher: '教师',
  guard: '保安',
  principal: '校长',
  police: '责任民警',
  admin: '管理员',
  city: '市局',
}

export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number]

export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  revoked: '已移出',
}

export const SCHOOL_KINDS = ['primary', 'kindergarten'] as const
export type SchoolKind = (typeof SCHOOL_KINDS)[number]
export const SCHOOL_KIND_LABELS: Record<SchoolKind, string> = { primary: '小学', kindergarten: '幼儿园' }

/** A point in GCJ-02 (the coordinate system of WeChat's getLocation and Chinese maps). */
export interface Gcj02Point {
  lat: number
  lng: number
}

export interface Post extends Gcj02Point {
  id: string
  schoolId: string
  name: string
  /** Geofence radius in metres. */
  radiusM: number
}

export interface School extends Gcj02Point {
  id: string
  name: string
  kind: SchoolKind
  address: string
  districtId: string
  districtName: string
  stationId: string
  stationName: string
  /** The phone of the school's safety officer, for makePhoneCall. */
  phone: string | null
  posts: Post[]
}

/** Where a membership applies: exactly one of school / station / district. */
export type MembershipScope =
  | { kind: 'school'; schoolId: string; schoolName: string }
  | { kind: 'station'; stationId: string; stationName: string; schoolIds: string[] }
  | { kind: 'district'; districtId: string; districtName: string }
  | { kind: 'city' }

export interface Membership {
  id: string
  personId: string
  role: Role
  status: MembershipStatus
  scope: MembershipScope
  /** Why it was rejected or revoked; shown to the person. */
  reason: string | null
  createdAt: string
  decidedAt: string | null
}

export interface Person {
  id: string
  name: string
  /** Masked for everyone but the person and their managers: 138****1234. */
  phone: string | null
}

export interface Me {
  person: Person
  memberships: Membership[]
}

/** A pending or decided membership as seen by the principal or police officer who reviews it. */
export interface MemberRow {
  membershipId: string
  person: Person
  role: Role
  status: MembershipStatus
  schoolId: string
  schoolName: string
  reason: string | null
  createdAt: string
  decidedAt: string | null
  /** The invite code used to join, if any. */
  inviteCode: string | null
}

export interface Invite {
  id: string
  code: string
  schoolId: string
  schoolName: string
  role: SchoolRole
  expiresAt: string
  maxUses: number
  usedCount: number
  revokedAt: string | null
  createdAt: string
  /** Whether it can still be used now (not expired, not used up, not revoked). */
  usable: boolean
}

/** What a person sees before joining with a code. */
export interface InvitePreview {
  code: string
  schoolId: string
  schoolName: string
  schoolKind: SchoolKind
  role: SchoolRole
  usable: boolean
  /** Why it cannot be used, in Chinese, when usable is false. */
  reason: string | null
}
