// HTTP contract: request and response bodies of /api, and the error shape. The shapes are the
// TypeBox schemas of schemas/api.ts; only their types are imported here (erased at build).
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/api'
import type { Invite, InvitePreview, Me, MemberRow, Membership, School } from './org'

/** Every error response: `{ code, message }`, message in Chinese for people. */
export type ApiErrorBody = Static<typeof S.ErrorBody>

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

export type LoginResponse = Static<typeof S.LoginResponseSchema>
/** One row per membership of a seeded person; a person with none has role and status null. */
export type DemoPerson = Static<typeof S.DemoPersonSchema>
export type JoinRequest = Static<typeof S.JoinRequestSchema>
export type CreateInviteRequest = Static<typeof S.CreateInviteRequestSchema>

export interface ListResponse<T> {
  items: T[]
}

export type SchoolsResponse = ListResponse<School>
export type MembersResponse = ListResponse<MemberRow>
export type InvitesResponse = ListResponse<Invite>
export type { Invite, InvitePreview, Me, MemberRow, Membership, School }

export type OutboxMessage = Static<typeof S.OutboxMessageSchema>
