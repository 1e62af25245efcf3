// HTTP contract: request and response bodies of /api, and the error shape.
import type { VolunteerKind } from './bulletin'
import type { Invite, InvitePreview, Me, MemberRow, Membership, Role, School, SchoolRole } from './org'

/** Every error response: `{ code, message }`, message in Chinese for people. */
export interface ApiErrorBody {
  code: ErrorCode
  message: string
  /** The request field that was wrong, when the error is about input. */
  field?: string
}

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INVITE_UNUSABLE',
  'WECHAT_LOGIN_FAILED',
  'WECHAT_UNAVAILABLE',
  'OUTSIDE_FENCE',
  'LOCATION_INACCURATE',
  'OUT_OF_WINDOW',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface LoginResponse {
  token: string
  expiresAt: string
  me: Me
}

/** One row per membership of a seeded person; a person with none has role and status null. */
export interface DemoPerson {
  personId: string
  name: string
  role: Role | null
  schoolName: string | null
  /** school, station or district name; empty for a person who belongs nowhere yet */
  scopeName: string
  status: Membership['status'] | null
}

export interface JoinRequest {
  code: string
  /** The person's name as the school should see it, e.g. "王芳（三年级二班 李明妈妈）". */
  name: string
  phone?: string
  /** a volunteer says whether they are a pupil's parent or from society (学生家长 / 社会志愿者) */
  volunteerKind?: VolunteerKind
}

export interface CreateInviteRequest {
  schoolId: string
  role: SchoolRole
  /** Days from now until it expires (1–90). */
  validDays: number
  maxUses: number
}

export interface ListResponse<T> {
  items: T[]
}

export type SchoolsResponse = ListResponse<School>
export type MembersResponse = ListResponse<MemberRow>
export type InvitesResponse = ListResponse<Invite>
export type { Invite, InvitePreview, Me, MemberRow, Membership, School }

export interface OutboxMessage {
  id: string
  personId: string
  personName: string
  kind: string
  title: string
  body: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
}
