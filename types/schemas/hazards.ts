// Hazard reports (隐患): categories, the report and its timeline, the requests, uploads
// (types in types/hazards.ts).
import { Type } from '@sinclair/typebox'
import { HAZARD_LOCATION_KINDS } from '../bulletin'
import { DEPARTMENTS, HAZARD_ACTIONS, HAZARD_SCOPES, HAZARD_STATUSES, SEVERITIES } from '../hazards'
import { Id, Instant, Nullable, PhotoSchema, PlaceSchema, StringEnum, Text } from './formats'

export const SeveritySchema = StringEnum(SEVERITIES)
export const HazardStatusSchema = StringEnum(HAZARD_STATUSES)
export const HazardLocationKindSchema = StringEnum(HAZARD_LOCATION_KINDS, '位置：校内或校园周边')
export const HazardCategorySchema = Type.Object({ id: Id, name: Type.String(), defaultSeverity: SeveritySchema })
export const HazardPhotoSchema = PhotoSchema

/**
 * locationKind: inside the school or around it (校内 / 校园周边), the reporter's choice, corrected by
 * the police; statusType: open, fixed or closed (DESIGN.md §4); reporter: only police and admins see
 * who reported (and the reporter themself); confirmedByMe: the viewer said "我也遇到了" (once per person).
 */
export const HazardSchema = Type.Object({
  id: Id,
  schoolId: Id,
  schoolName: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  category: HazardCategorySchema,
  description: Type.String(),
  severity: SeveritySchema,
  locationKind: HazardLocationKindSchema,
  status: HazardStatusSchema,
  statusType: StringEnum(['open', 'fixed', 'closed'] as const),
  reporter: Nullable(Type.Object({ id: Id, name: Type.String() })),
  mine: Type.Boolean(),
  assignee: Nullable(Type.Object({ department: StringEnum(DEPARTMENTS), personId: Nullable(Id), personName: Nullable(Type.String()) })),
  deadline: Nullable(Instant),
  overdue: Type.Boolean(),
  duplicateOf: Nullable(Id),
  confirmations: Type.Integer(),
  confirmedByMe: Type.Boolean(),
  photos: Type.Array(HazardPhotoSchema),
  createdAt: Instant,
  updatedAt: Instant,
})

/** actor: "上报人", "民警 陈志强", "校长" … as the viewer may see it. */
export const HazardEventSchema = Type.Object({
  id: Id,
  action: StringEnum([...HAZARD_ACTIONS, 'report', 'confirm', 'locate'] as const),
  fromStatus: Nullable(HazardStatusSchema),
  toStatus: HazardStatusSchema,
  actor: Type.String(),
  note: Nullable(Type.String()),
  photos: Type.Array(HazardPhotoSchema),
  createdAt: Instant,
})

export const HazardDetailSchema = Type.Composite([HazardSchema, Type.Object({ events: Type.Array(HazardEventSchema) })])

export const NearbyHazardSchema = Type.Composite([HazardSchema, Type.Object({ distanceM: Type.Number() })])

const PhotoIds = Type.Array(Id, { maxItems: 9 })

/** locationKind: 校内 or 校园周边 (校园周边 when not said); clientKey: idempotency key from the phone. */
export const ReportHazardRequestSchema = Type.Object(
  {
    ...PlaceSchema,
    categoryId: Id,
    description: Text({ minLength: 2, maxLength: 500, multiline: true }),
    severity: Type.Optional(SeveritySchema),
    schoolId: Type.Optional(Id),
    locationKind: Type.Optional(HazardLocationKindSchema),
    photoIds: PhotoIds,
    clientKey: Type.String({ minLength: 8, maxLength: 64 }),
  },
  { additionalProperties: false },
)

/** deadline: an ISO instant; by default from the severity. */
export const TransitionRequestSchema = Type.Object(
  {
    action: StringEnum(HAZARD_ACTIONS),
    note: Type.Optional(Text({ maxLength: 500, multiline: true, allowEmpty: true })),
    duplicateOf: Type.Optional(Id),
    department: Type.Optional(StringEnum(DEPARTMENTS)),
    assigneePersonId: Type.Optional(Id),
    deadline: Type.Optional(Instant),
    photoIds: Type.Optional(PhotoIds),
  },
  { additionalProperties: false },
)

export const HazardListQuerySchema = Type.Object(
  {
    scope: StringEnum(HAZARD_SCOPES),
    schoolId: Type.Optional(Id),
    status: Type.Optional(HazardStatusSchema),
    categoryId: Type.Optional(Id),
    overdue: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/** The numbers on 首页's hazard shortcuts: queue for police and admins (null for others), assigned: handed to me. */
export const HazardCountsSchema = Type.Object({
  queue: Nullable(Type.Object({ submitted: Type.Integer(), overdue: Type.Integer() })),
  assigned: Type.Object({ open: Type.Integer(), overdue: Type.Integer() }),
})

export const UploadedFileSchema = Type.Object({ id: Id, url: Type.String(), thumbUrl: Type.String(), mime: Type.String(), size: Type.Integer() })
