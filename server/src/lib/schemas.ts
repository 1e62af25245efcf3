// TypeBox schemas of the shapes in types/: they validate input and serialise output.
import { Type, type TSchema } from '@sinclair/typebox'
import { MEMBERSHIP_STATUSES, ROLES, SCHOOL_KINDS, SCHOOL_ROLES } from '../../../types/org'
import { ERROR_CODES } from '../../../types/api'
import { TEXT_KEYWORD } from './input-keywords'

export const StringEnum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

// Formats are declared here once, and every route uses these (DESIGN.md §6: bad input gets a 400
// naming the field and changes nothing).

/** Printable, no spaces or control characters (a NUL would be a 500 on PostgreSQL). */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\s\\x00-\\x1f\\x7f]+$', description: '编号' })
/** An instant: RFC 3339 with a zone (`2026-12-01T00:20:00Z`), a real day of a 4-digit year. */
export const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO-8601 时间（UTC，如 2026-12-01T00:20:00Z）' })
/** A local date in Beijing time, a real day (no 2026-02-30) of this century or the last. */
export const LocalDate = Type.String({ format: 'date', pattern: '^(19|20)\\d{2}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD（北京时间）' })
export const LocalTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: '时间 HH:mm（北京时间）' })

/** A phone's fix (GCJ-02, anywhere on Earth: a wrong fix is judged by the fence, not refused here). */
export const FixSchema = {
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'GCJ-02 纬度' }),
  lng: Type.Number({ minimum: -180, maximum: 180, description: 'GCJ-02 经度' }),
  accuracy: Type.Number({ minimum: 0, maximum: 100000, description: '定位精度（米）' }),
}
/** A place we keep (gate, school, hazard, training venue): inside China's GCJ-02 bounds. */
export const PlaceSchema = {
  lat: Type.Number({ minimum: 3, maximum: 54, description: 'GCJ-02 纬度' }),
  lng: Type.Number({ minimum: 73, maximum: 136, description: 'GCJ-02 经度' }),
}

/**
 * Text people type (names, titles, descriptions, reasons, notes): normalised while validating by
 * domain/text (trimmed, control and invisible characters removed) and then checked for length;
 * empty after that is refused unless `allowEmpty`.
 */
export const Text = (options: { maxLength: number; minLength?: number; multiline?: boolean; allowEmpty?: boolean; description?: string }) =>
  Type.String({
    [TEXT_KEYWORD]: { multiline: !!options.multiline, allowEmpty: !!options.allowEmpty },
    maxLength: options.maxLength,
    ...(options.allowEmpty ? {} : { minLength: options.minLength ?? 1 }),
    ...(options.description ? { description: options.description } : {}),
  })

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
