// 远程广播 / 人员预警: a police officer's urgent message to everyone on duty now at chosen schools
// (or the whole station), each of whom must confirm; re-alerted every minute, then listed for a call.

/** confirmed: tapped 确认; waiting: not yet (re-alerted on schedule); call: re-alerts exhausted, phone them. */
export const BROADCAST_RECIPIENT_STATES = ['confirmed', 'waiting', 'call'] as const
export type BroadcastRecipientState = (typeof BROADCAST_RECIPIENT_STATES)[number]
export const BROADCAST_RECIPIENT_STATE_LABELS: Record<BroadcastRecipientState, string> = {
  confirmed: '已确认',
  waiting: '未确认',
  call: '待电话联系',
}

export interface BroadcastRecipient {
  personId: string
  name: string
  schoolName: string
  state: BroadcastRecipientState
  confirmedAt: string | null
  /** How many times they were alerted again. */
  realerts: number
  /** In full only where domain/phone.ts allows (the sender, for the people to call); masked otherwise. */
  phone: string | null
}

export interface Broadcast {
  id: string
  text: string
  photo: { fileId: string; url: string; thumbUrl: string } | null
  sender: { id: string; name: string }
  stationName: string
  /** The whole station, or the schools chosen. */
  wholeStation: boolean
  schools: { id: string; name: string }[]
  createdAt: string
  /** The viewer sent it. */
  mine: boolean
  /** The viewer is a recipient: when they confirmed (null: not yet). Absent for others. */
  myConfirmation: { confirmedAt: string | null } | null
  counts: { total: number; confirmed: number; waiting: number; call: number }
  /** Who has and has not confirmed: for the sender and those overseeing the station; [] for recipients. */
  recipients: BroadcastRecipient[]
}

export interface SendBroadcastRequest {
  /** idempotency key from the phone: a retry returns the first broadcast */
  clientKey: string
  text: string
  photoId?: string
  /** The schools chosen (of those the officer is responsible for); omitted with wholeStation. */
  schoolIds?: string[]
  wholeStation?: boolean
}

/** A school an officer may send to, with how many people are on duty there now. */
export interface BroadcastTarget {
  schoolId: string
  schoolName: string
  stationId: string
  /** The officer is responsible for it (may pick it alone). */
  responsible: boolean
  onDuty: number
}

/** Pushed over the live socket: the recipients' banner asks for the pending list, the sender's page reloads. */
export interface BroadcastPushMessage {
  type: 'broadcast'
  broadcastId: string
  action: 'send' | 'realert' | 'confirm' | 'call'
}
