// TypeBox schemas of the shapes in types/: they validate input and serialise output.
import { Type, type TSchema } from '@sinclair/typebox'
import { MEMBERSHIP_STATUSES, ROLES, SCHOOL_KINDS, SCHOOL_ROLES } from '../../../types/org'
import { ERROR_CODES } from '../../../types/api'

export const StringEnum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Id = Type.String({ minLength: 1, maxLength: 64, description: '编号' })
export const Instant = Type.String({ description: 'ISO-8601 时间（UTC）' })

export const ErrorBody = Type.Object(
  {
    code: StringEnum(ERROR_CODES),
    message: Type.String({ description: '给人看的中文说明' }),
    field: Type.Optional(Type.String()),
  },
)

export const RoleSchema = StringEnum(ROLES, '角色')
export const SchoolRoleSchema = StringEnum(SCHOOL_ROLES, '学校角色')
export const MembershipStatusSchema = StringEnum(MEMBERSHIP_STATUSES, '成员状态')

export const PersonSchema = Type.Object({ id: Id, name: Type.String(), phone: Nullable(Type.String()) })

export const PostSchema = Type.Object({
  id: Id,
  schoolId: Id,
  name: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  radiusM: Type.Integer(),
})

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

export const MembershipScopeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('school'), schoolId: Id, schoolName: Type.String() }),
  Type.Object({ kind: Type.Literal('station'), stationId: Id, stationName: Type.String(), schoolIds: Type.Array(Id) }),
  Type.Object({ kind: Type.Literal('district'), districtId: Id, districtName: Type.String() }),
  Type.Object({ kind: Type.Literal('city') }),
])

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

export const LoginResponseSchema = Type.Object({ token: Type.String(), expiresAt: Instant, me: MeSchema })

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

export const InvitePreviewSchema = Type.Object({
  code: Type.String(),
  schoolId: Id,
  schoolName: Type.String(),
  schoolKind: StringEnum(SCHOOL_KINDS),
  role: SchoolRoleSchema,
  usable: Type.Boolean(),
  reason: Nullable(Type.String()),
})

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) })

/** The error responses every protected route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
}
