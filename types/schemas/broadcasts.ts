// 远程广播 / 人员预警 (types in types/broadcasts.ts).
import { Type } from '@sinclair/typebox'
import { BROADCAST_TEXT_MAX } from '../../domain/broadcasts'
import { BROADCAST_RECIPIENT_STATES } from '../broadcasts'
import { Id, Instant, Nullable, PhotoSchema, StringEnum, Text } from './formats'

const Count = Type.Integer({ minimum: 0 })

/** realerts: how many times they were alerted again; phone in full only where domain/phone.ts allows (the sender, for the people to call), masked otherwise. */
export const BroadcastRecipientSchema = Type.Object({
  personId: Id,
  name: Type.String(),
  schoolName: Type.String(),
  state: StringEnum(BROADCAST_RECIPIENT_STATES),
  confirmedAt: Nullable(Instant),
  realerts: Count,
  phone: Nullable(Type.String()),
})

/**
 * wholeStation: the whole station, or the schools chosen; mine: the viewer sent it; myConfirmation:
 * the viewer is a recipient: when they confirmed (null: not yet), null for others; recipients: who
 * has and has not confirmed, for the sender and those overseeing the station ([] for recipients).
 */
export const BroadcastSchema = Type.Object({
  id: Id,
  text: Type.String(),
  photo: Nullable(PhotoSchema),
  sender: Type.Object({ id: Id, name: Type.String() }),
  stationName: Type.String(),
  wholeStation: Type.Boolean(),
  schools: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  createdAt: Instant,
  mine: Type.Boolean(),
  myConfirmation: Nullable(Type.Object({ confirmedAt: Nullable(Instant) })),
  counts: Type.Object({ total: Count, confirmed: Count, waiting: Count, call: Count }),
  recipients: Type.Array(BroadcastRecipientSchema),
})

/** clientKey: idempotency key from the phone (a retry returns the first broadcast); schoolIds: the schools chosen (of those the officer is responsible for), omitted with wholeStation. */
export const SendBroadcastRequestSchema = Type.Object(
  {
    clientKey: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    text: Text({ maxLength: BROADCAST_TEXT_MAX, multiline: true, description: '广播内容（如需留意人员的体貌特征）' }),
    photoId: Type.Optional(Id),
    schoolIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    wholeStation: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/** A school an officer may send to, with how many people are on duty there now (responsible: may pick it alone). */
export const BroadcastTargetSchema = Type.Object({ schoolId: Id, schoolName: Type.String(), stationId: Id, responsible: Type.Boolean(), onDuty: Count })
