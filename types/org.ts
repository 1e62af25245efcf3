// Organisation and accounts: the shared contract between the app and the server. The shapes are
// the TypeBox schemas of schemas/org.ts; only their types are imported here (erased at build).
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/org'

/** Every role a membership can carry (DESIGN.md §2). */
export const ROLES = ['volunteer', 'teacher', 'guard', 'principal', 'police', 'admin', 'city'] as const
export type Role = (typeof ROLES)[number]

/** Roles that stand at the gate and sign up for shifts. */
export const DUTY_ROLES = ['volunteer', 'teacher', 'guard'] as const satisfies readonly Role[]

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

export type Gcj02Point = Static<typeof S.Gcj02PointSchema>
export type Post = Static<typeof S.PostSchema>
export type School = Static<typeof S.SchoolSchema>
export type MembershipScope = Static<typeof S.MembershipScopeSchema>
export type Membership = Static<typeof S.MembershipSchema>
export type Person = Static<typeof S.PersonSchema>
export type Me = Static<typeof S.MeSchema>
export type MemberRow = Static<typeof S.MemberRowSchema>
export type Invite = Static<typeof S.InviteSchema>
export type InvitePreview = Static<typeof S.InvitePreviewSchema>
