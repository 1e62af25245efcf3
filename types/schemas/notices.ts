// Notices from the police station (drills, trainings, general notices) with receipts, and drill
// records (types in types/notices.ts).
import { Type } from '@sinclair/typebox'
import { NOTICE_STATUSES, NOTICE_TYPES } from '../notices'
import { AlarmSummarySchema } from './alarms'
import { Id, Instant, LocalDate, Nullable, PhotoSchema, PlaceSchema, StringEnum, Text } from './formats'
import { PersonSchema, RoleSchema } from './org'

/** themeId: the safety-education theme of a training or drill (one of the city's list), chosen when composing. */
export const NoticeInputSchema = Type.Object(
  {
    type: StringEnum(NOTICE_TYPES),
    title: Text({ maxLength: 60 }),
    body: Text({ maxLength: 5000, multiline: true }),
    eventAt: Nullable(Instant),
    eventEndAt: Nullable(Instant),
    place: Nullable(Text({ maxLength: 100, allowEmpty: true })),
    location: Nullable(Type.Object({ ...PlaceSchema, radiusM: Type.Integer({ minimum: 30, maximum: 2000 }) })),
    audience: Type.Object({ schoolIds: Type.Array(Id, { minItems: 1, maxItems: 500 }), roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 6 }) }),
    ackRequired: Type.Boolean(),
    rsvpCapacity: Nullable(Type.Integer({ minimum: 1, maximum: 10000 })),
    rsvpDeadline: Nullable(Instant),
    attachmentIds: Type.Array(Id, { maxItems: 9 }),
    themeId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
)

export const ReceiptSchema = Type.Object({
  readAt: Nullable(Instant),
  ackedAt: Nullable(Instant),
  rsvp: Nullable(StringEnum(['joined', 'declined'] as const)),
  attendedAt: Nullable(Instant),
})

/** attachments: images (thumbUrl is a thumbnail) and PDFs (mime application/pdf: open url); receipt: the caller's own, for recipients; canManage: whether the caller may edit, publish, withdraw and see the counts. */
export const NoticeSchema = Type.Object({
  id: Id,
  type: StringEnum(NOTICE_TYPES),
  title: Type.String(),
  body: Type.String(),
  eventAt: Nullable(Instant),
  eventEndAt: Nullable(Instant),
  place: Nullable(Type.String()),
  location: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), radiusM: Type.Integer() })),
  audience: Type.Object({ schoolIds: Type.Array(Id), roles: Type.Array(RoleSchema) }),
  ackRequired: Type.Boolean(),
  rsvpCapacity: Nullable(Type.Integer()),
  rsvpDeadline: Nullable(Instant),
  themeId: Nullable(Id),
  stationName: Type.String(),
  author: Type.String(),
  status: StringEnum(NOTICE_STATUSES),
  publishAt: Nullable(Instant),
  publishedAt: Nullable(Instant),
  withdrawnAt: Nullable(Instant),
  attachments: Type.Array(Type.Object({ fileId: Id, mime: Type.String(), url: Type.String(), thumbUrl: Type.String() })),
  rsvpJoined: Type.Integer(),
  receipt: Nullable(ReceiptSchema),
  canManage: Type.Boolean(),
})

export const NoticeStatsRowSchema = Type.Object({
  schoolId: Id,
  schoolName: Type.String(),
  role: RoleSchema,
  recipients: Type.Integer(),
  read: Type.Integer(),
  acked: Type.Integer(),
  joined: Type.Integer(),
  attended: Type.Integer(),
})

/** nextRemindAt: when "再次提醒" may be used again, or null when it may now (or never again: see remindCount). */
export const NoticeStatsSchema = Type.Object({
  rows: Type.Array(NoticeStatsRowSchema),
  notAcknowledged: Type.Array(Type.Composite([PersonSchema, Type.Object({ schoolName: Type.String(), role: RoleSchema })])),
  remindCount: Type.Integer(),
  lastRemindedAt: Nullable(Instant),
  nextRemindAt: Nullable(Instant),
})

/** responses: the drill alarms raised during the drill it follows (its notice) at its schools: response times and 1-3-5 marks. */
export const DrillSchema = Type.Object({
  id: Id,
  noticeId: Nullable(Id),
  date: Type.String(),
  schools: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  participants: Type.Integer(),
  durationMin: Type.Integer(),
  scenario: Type.String(),
  themeId: Nullable(Id),
  wentWell: Type.String(),
  toFix: Type.String(),
  photos: Type.Array(PhotoSchema),
  recordedBy: Type.String(),
  createdAt: Instant,
  responses: Type.Array(AlarmSummarySchema),
})

/**
 * A drill as recorded by the police or a principal: themeId (消防, 防暴恐 …) — a drill linked to a
 * notice takes the notice's when none is given; clientKey is made once per form, so a retried
 * submit records the same drill.
 */
export const DrillInputSchema = Type.Object(
  {
    noticeId: Nullable(Id),
    date: LocalDate,
    schoolIds: Type.Array(Id, { minItems: 1, maxItems: 100 }),
    participants: Type.Integer({ minimum: 0, maximum: 100000 }),
    durationMin: Type.Integer({ minimum: 1, maximum: 1440 }),
    scenario: Text({ maxLength: 500, multiline: true }),
    wentWell: Text({ maxLength: 2000, multiline: true, allowEmpty: true }),
    toFix: Text({ maxLength: 2000, multiline: true, allowEmpty: true }),
    photoIds: Type.Array(Id, { maxItems: 9 }),
    themeId: Type.Optional(Nullable(Id)),
    clientKey: Type.String({ minLength: 8, maxLength: 64 }),
  },
  { additionalProperties: false },
)
