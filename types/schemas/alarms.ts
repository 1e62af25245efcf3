// 一键报警: the alarm with its timeline and 1-3-5 marks, lists and review numbers, and the requests
// (types in types/alarms.ts).
import { Type } from '@sinclair/typebox'
import { ALARM_ACTIONS, ALARM_ACTOR_KINDS, ALARM_KINDS, ALARM_OUTCOMES, ALARM_STATUSES, ALARM_TYPES, MARK_STATES, type EscalationLevel } from '../alarms'
import { Id, Instant, IntegerOf, Nullable, PhotoSchema, StringEnum } from './formats'
import { Gcj02PointSchema } from './org'

const Point = { lat: Type.Number({ minimum: 3, maximum: 54 }), lng: Type.Number({ minimum: 73, maximum: 136 }) }
/** A fix sent with an alarm (inside China's bounds). */
const LocationBody = Type.Object({ ...Point, accuracy: Type.Number({ minimum: 0, maximum: 100_000 }) }, { additionalProperties: false })

/** minutes: the mark as configured for the district (1, 3, 5 by default); atSec: seconds from the alarm to the arrival that meets (or missed) it. */
export const AlarmMarkSchema = Type.Object({ minutes: Type.Number(), label: Type.String(), state: StringEnum(MARK_STATES), atSec: Nullable(Type.Integer()) })

export const AlarmLocationSchema = Type.Object({ lat: Type.Number(), lng: Type.Number(), accuracy: Type.Number() })

/** actor: "我", "民警 陈志强", "保安 赵德福", "系统"; distanceM and outsideFence for arrive (to the school's nearest gate). */
export const AlarmEventSchema = Type.Object({
  id: Id,
  action: StringEnum(ALARM_ACTIONS),
  actor: Type.String(),
  actorId: Nullable(Id),
  actorKind: StringEnum(ALARM_ACTOR_KINDS),
  note: Nullable(Type.String()),
  distanceM: Nullable(Type.Integer()),
  outsideFence: Type.Boolean(),
  level: Nullable(IntegerOf<EscalationLevel>()),
  createdAt: Instant,
})

/** acknowledgedAt / arrivedAt: 已收到 / 已到场. */
export const AlarmResponderSchema = Type.Object({
  personId: Id,
  name: Type.String(),
  kind: StringEnum(['school', 'officer'] as const),
  acknowledgedAt: Nullable(Instant),
  arrivedAt: Nullable(Instant),
  phone: Nullable(Type.String()),
})

/**
 * school: the school's gates, for the distance view; cancellableUntil: until when the raiser may
 * still cancel as 误触 (null once closed or past); can: what the viewer may do now.
 */
export const AlarmSchema = Type.Object({
  id: Id,
  schoolId: Id,
  schoolName: Type.String(),
  stationName: Type.String(),
  status: StringEnum(ALARM_STATUSES),
  drill: Type.Boolean(),
  type: Nullable(StringEnum(ALARM_TYPES)),
  note: Nullable(Type.String()),
  location: Nullable(AlarmLocationSchema),
  school: Gcj02PointSchema,
  raiser: Type.Object({ id: Id, name: Type.String(), phone: Nullable(Type.String()) }),
  mine: Type.Boolean(),
  outcome: Nullable(StringEnum(ALARM_OUTCOMES)),
  raisedAt: Instant,
  closedAt: Nullable(Instant),
  cancellableUntil: Nullable(Instant),
  photos: Type.Array(PhotoSchema),
  marks: Type.Array(AlarmMarkSchema),
  responders: Type.Array(AlarmResponderSchema),
  events: Type.Array(AlarmEventSchema),
  can: Type.Object({ acknowledge: Type.Boolean(), arrive: Type.Boolean(), close: Type.Boolean(), cancel: Type.Boolean(), describe: Type.Boolean() }),
  updatedAt: Instant,
})

const Sec = Nullable(Type.Integer())
/**
 * Seconds from the alarm to the first acknowledgement (收到, or 到场, by a guard, the principal,
 * someone on duty or police), the school's own people on site (the 1-minute mark), the first
 * police officer on site (3 minutes) and the second (5 minutes); null: none yet.
 */
export const AlarmResponseTimesSchema = Type.Object({ firstAckSec: Sec, schoolOnSiteSec: Sec, policeOnSiteSec: Sec, secondPoliceOnSiteSec: Sec })

/** An alarm in a list, on a drill record or in a review: kind, state, response times, 1-3-5 marks (drillNoticeId: the drill notice a drill alarm belongs to). */
export const AlarmSummarySchema = Type.Object({
  id: Id,
  schoolId: Id,
  schoolName: Type.String(),
  stationName: Type.String(),
  status: StringEnum(ALARM_STATUSES),
  kind: StringEnum(ALARM_KINDS),
  type: Nullable(StringEnum(ALARM_TYPES)),
  outcome: Nullable(StringEnum(ALARM_OUTCOMES)),
  raiserName: Type.String(),
  raisedAt: Instant,
  closedAt: Nullable(Instant),
  drillNoticeId: Nullable(Id),
  ...AlarmResponseTimesSchema.properties,
  marks: Type.Array(AlarmMarkSchema),
})

/** nextCursor: pass as `before` for the next page; null at the end. */
export const AlarmPageSchema = Type.Object({ items: Type.Array(AlarmSummarySchema), nextCursor: Nullable(Type.String()) })

/** A share of alarms: of those decided (the clock passed the mark or someone came), how many met it (rate 0–1; null when none was decided). */
export const AlarmShareSchema = Type.Object({ met: Type.Integer(), decided: Type.Integer(), rate: Nullable(Type.Number()) })

/**
 * The numbers for those who review, over a period (coverage views and exports): alarms by kind;
 * the median time to the first acknowledgement and the shares of alarms with police on site within
 * the district's 3 and 5 minutes (by default), over real alarms and drills (误触 are counted, not measured).
 */
export const AlarmReviewSchema = Type.Object({
  real: Type.Integer(),
  drill: Type.Integer(),
  mistaken: Type.Integer(),
  acknowledged: Type.Integer(),
  medianAckSec: Sec,
  policeWithin3: AlarmShareSchema,
  policeWithin5: AlarmShareSchema,
})

/**
 * clientKey: idempotency key from the phone (a retry returns the first alarm); clientAt: the phone's
 * time of the press (informational: the server's clock is the alarm's time); drillNoticeId: a drill
 * alarm belongs to a scheduled drill (a drill notice sent to the school, in its time window).
 */
export const RaiseAlarmRequestSchema = Type.Object(
  {
    clientKey: Type.String({ minLength: 8, maxLength: 64 }),
    schoolId: Type.Optional(Id),
    location: Type.Optional(LocationBody),
    clientAt: Type.Optional(Type.String({ format: 'date-time' })),
    type: Type.Optional(StringEnum(ALARM_TYPES)),
    note: Type.Optional(Type.String({ maxLength: 200 })),
    photoIds: Type.Optional(Type.Array(Id, { maxItems: 3 })),
    drill: Type.Optional(Type.Boolean()),
    drillNoticeId: Type.Optional(Id),
  },
  { additionalProperties: false },
)

export const DescribeAlarmRequestSchema = Type.Object(
  {
    location: Type.Optional(LocationBody),
    type: Type.Optional(StringEnum(ALARM_TYPES)),
    note: Type.Optional(Type.String({ maxLength: 200 })),
    photoIds: Type.Optional(Type.Array(Id, { maxItems: 3 })),
  },
  { additionalProperties: false },
)

export const ArriveRequestSchema = Type.Object(
  { ...Point, accuracy: Type.Number({ minimum: 0, maximum: 100_000 }), reason: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
)

export const CloseAlarmBody = Type.Object({ outcome: StringEnum(ALARM_OUTCOMES), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })
