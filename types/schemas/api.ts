// HTTP contract shared by every module: the error body, sign-in, joining, invites, the outbox
// (types in types/api.ts).
import { Type } from '@sinclair/typebox'
import { INVITE_LIMITS } from '../../domain/invite'
import { ERROR_CODES } from '../api'
import { VOLUNTEER_KINDS } from '../bulletin'
import { Id, Instant, Nullable, StringEnum, Text } from './formats'
import { MeSchema, MembershipStatusSchema, RoleSchema, SchoolRoleSchema } from './org'

/** Every error response: `{ code, message }`, message in Chinese for people; field: the request field that was wrong. */
export const ErrorBody = Type.Object({
  code: StringEnum(ERROR_CODES),
  message: Type.String({ description: '给人看的中文说明' }),
  field: Type.Optional(Type.String()),
})

export const LoginResponseSchema = Type.Object({ token: Type.String(), expiresAt: Instant, me: MeSchema })

/** One row per membership of a seeded person; a person with none has role and status null (scopeName: school, station or district name; empty for a person who belongs nowhere yet). */
export const DemoPersonSchema = Type.Object({
  personId: Id,
  name: Type.String(),
  role: Nullable(RoleSchema),
  status: Nullable(MembershipStatusSchema),
  schoolName: Nullable(Type.String()),
  scopeName: Type.String(),
})

export const InviteCodeSchema = Type.String({ minLength: 4, maxLength: 20, description: '邀请码' })

/** A volunteer says whether they are a pupil's parent or from society (学生家长 / 社会志愿者). */
export const JoinRequestSchema = Type.Object(
  {
    code: InviteCodeSchema,
    name: Text({ maxLength: 40, description: '学校看到的称呼，如 王芳（三年级二班 李明妈妈）' }),
    phone: Type.Optional(Type.String({ pattern: '^1[3-9]\\d{9}$', description: '11 位手机号' })),
    volunteerKind: Type.Optional(StringEnum(VOLUNTEER_KINDS, '志愿者身份：学生家长或社会志愿者（只对家长志愿者邀请码有意义，默认学生家长）')),
  },
  { additionalProperties: false },
)

/** validDays: days from now until it expires. */
export const CreateInviteRequestSchema = Type.Object(
  {
    schoolId: Id,
    role: SchoolRoleSchema,
    validDays: Type.Integer({ minimum: INVITE_LIMITS.minDays, maximum: INVITE_LIMITS.maxDays }),
    maxUses: Type.Integer({ minimum: INVITE_LIMITS.minUses, maximum: INVITE_LIMITS.maxUses }),
  },
  { additionalProperties: false },
)

export const OutboxStatusSchema = StringEnum(['pending', 'sent', 'failed'] as const)
export const OutboxMessageSchema = Type.Object({
  id: Id,
  personId: Id,
  personName: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  status: OutboxStatusSchema,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Instant,
  sentAt: Nullable(Instant),
})
