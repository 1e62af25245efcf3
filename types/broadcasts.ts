// 远程广播 / 人员预警: a police officer's urgent message to everyone on duty now at chosen schools
// (or the whole station), each of whom must confirm; re-alerted every minute, then listed for a call.
// The shapes are the TypeBox schemas of schemas/broadcasts.ts; only their types are imported here.
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/broadcasts'

/** confirmed: tapped 确认; waiting: not yet (re-alerted on schedule); call: re-alerts exhausted, phone them. */
export const BROADCAST_RECIPIENT_STATES = ['confirmed', 'waiting', 'call'] as const
export type BroadcastRecipientState = (typeof BROADCAST_RECIPIENT_STATES)[number]
export const BROADCAST_RECIPIENT_STATE_LABELS: Record<BroadcastRecipientState, string> = {
  confirmed: '已确认',
  waiting: '未确认',
  call: '待电话联系',
}

export type BroadcastRecipient = Static<typeof S.BroadcastRecipientSchema>

export type Broadcast = Static<typeof S.BroadcastSchema>

export type SendBroadcastRequest = Static<typeof S.SendBroadcastRequestSchema>

/** A school an officer may send to, with how many people are on duty there now. */
export type BroadcastTarget = Static<typeof S.BroadcastTargetSchema>

/** Pushed over the live socket: the recipients' banner asks for the pending list, the sender's page reloads. */
export interface BroadcastPushMessage {
  type: 'broadcast'
  broadcastId: string
  action: 'send' | 'realert' | 'confirm' | 'call'
}
