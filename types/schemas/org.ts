// Organisation and accounts: schools, people, memberships, invites (types in types/org.ts).
import { Type } from '@sinclair/typebox'
import { MEMBERSHIP_STATUSES, ROLES, SCHOOL_KINDS, SCHOOL_ROLES } from '../org'
import { Id, Instant, Nullable, StringEnum } from './formats'

export const RoleSchema = StringEnum(ROLES, '角色')
export const SchoolRoleSchema = StringEnum(SCHOOL_ROLES, '学校角色')
export const MembershipStatusSchema = StringEnum(MEMBERSHIP_STATUSES, '成员状态')

/** A point in GCJ-02 (the coordinate system of WeChat's getLocation and Chinese maps). */
export const Gcj02PointSchema = Type.Object({ lat: Type.Number(), lng: Type.Number() })

/** phone: masked for everyone but the person and their managers: 138****1234. */
export const PersonSchema = Type.Object({ id: Id, name: Type.String(), phone: Nullable(Type.String()) })

/** A gate; radiusM: the geofence radius in metres. */
export const PostSchema = Type.Object({
  id: Id,
  schoolId: Id,
  name: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  radiusM: Type.Integer(),
})

/** phone: the school's safety officer, for makePhoneCall. */
export const SchoolSchema = Type.Object({
  id: Id,
  name: Type.String(),
  kind: StringEnum(SCHOOL_KINDS),
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  districtId: Id,
  districtName: Type.String(),
  stationId: Id,
  stationName: Type.String(),
  phone: Nullable(Type.String()),
  posts: Type.Array(PostSchema),
})

/** Where a membership applies: exactly one of school / station / district, or the city. */
export const MembershipScopeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('school'), schoolId: Id, schoolName: Type.String() }),
  Type.Object({ kind: Type.Literal('station'), stationId: Id, stationName: Type.String(), schoolIds: Type.Array(Id) }),
  Type.Object({ kind: Type.Literal('district'), districtId: Id, districtName: Type.String() }),
  Type.Object({ kind: Type.Literal('city') }),
])

/** reason: why it was rejected or revoked; shown to the person. */
export const MembershipSchema = Type.Object({
  id: Id,
  personId: Id,
  role: RoleSchema,
  status: MembershipStatusSchema,
  scope: MembershipScopeSchema,
  reason: Nullable(Type.String()),
  createdAt: Instant,
  decidedAt: Nullable(Instant),
})

export const MeSchema = Type.Object({ person: PersonSchema, memberships: Type.Array(MembershipSchema) })

/** A pending or decided membership as seen by the principal or police officer who reviews it (inviteCode: the code used to join). */
export const MemberRowSchema = Type.Object({
  membershipId: Id,
  person: PersonSchema,
  role: RoleSchema,
  status: MembershipStatusSchema,
  schoolId: Id,
  schoolName: Type.String(),
  reason: Nullable(Type.String()),
  createdAt: Instant,
  decidedAt: Nullable(Instant),
  inviteCode: Nullable(Type.String()),
})

/** usable: whether it can still be used now (not expired, not used up, not revoked). */
export const InviteSchema = Type.Object({
  id: Id,
  code: Type.String(),
  schoolId: Id,
  schoolName: Type.String(),
  role: SchoolRoleSchema,
  expiresAt: Instant,
  maxUses: Type.Integer(),
  usedCount: Type.Integer(),
  revokedAt: Nullable(Instant),
  createdAt: Instant,
  usable: Type.Boolean(),
})

/** What a person sees before joining with a code (reason: why it cannot be used, in Chinese). */
export const InvitePreviewSchema = Type.Object({
  code: Type.String(),
  schoolId: Id,
  schoolName: Type.String(),
  schoolKind: StringEnum(SCHOOL_KINDS),
  role: SchoolRoleSchema,
  usable: Type.Boolean(),
  reason: Nullable(Type.String()),
})
