// Row types of the database, as Kysely sees them. They never leave the server: repositories
// map them to the types in types/.
import type { Generated } from 'kysely'
import type { AlarmAction, AlarmActorKind, AlarmOutcome, AlarmStatus, AlarmType } from '@/types/alarms'
import type { OutboxMessage } from '@/types/api'
import type { ExceptionKind, ExceptionStatus } from '@/types/attendance'
import type { HazardLocationKind, ParticipantKind, VolunteerKind } from '@/types/bulletin'
import type { Period } from '@/types/coverage'
import type { Department, HazardEvent, HazardStatus, Severity } from '@/types/hazards'
import type { NoticeStatus, NoticeType, Receipt } from '@/types/notices'
import type { MembershipStatus, Role, SchoolKind, SchoolRole } from '@/types/org'
import type { CalendarKind, MySignup, Shift, ShiftRole, SignupSource, SignupStatus, SwapStatus } from '@/types/shifts'

export interface DistrictTable {
  id: string
  name: string
  created_at: string
  /** JSON of the district's alarm settings (1-3-5); null means the defaults. */
  alarm_settings: Generated<string | null>
}

export interface StationTable {
  id: string
  district_id: string
  name: string
  phone: string | null
  created_at: string
}

export interface SchoolTable {
  id: string
  station_id: string
  district_id: string
  name: string
  kind: SchoolKind
  address: string
  lat: number
  lng: number
  phone: string | null
  /** JSON of per-school rule settings; null means DESIGN.md's defaults. */
  settings: string | null
  created_at: string
}

export interface PostTable {
  id: string
  school_id: string
  name: string
  lat: number
  lng: number
  radius_m: number
  active: number
  created_at: string
}

export interface PersonTable {
  id: string
  name: string
  phone: string | null
  wx_openid: string | null
  wx_unionid: string | null
  /** WeChat's session_key: kept here, never sent to any client. */
  wx_session_key: string | null
  /** Marks people created by the demo seed; demo login accepts only these. */
  is_demo: number
  created_at: string
}

export interface MembershipTable {
  id: string
  person_id: string
  role: Role
  status: MembershipStatus
  school_id: string | null
  station_id: string | null
  district_id: string | null
  invite_id: string | null
  /** how the person is known at this school, given when joining */
  display_name: string | null
  /** a volunteer's kind: parent (学生家长) or society (社会志愿者); null for other roles */
  volunteer_kind: VolunteerKind | null
  reason: string | null
  decided_by: string | null
  decided_at: string | null
  created_at: string
}

export interface PoliceSchoolTable {
  membership_id: string
  school_id: string
}

export interface InviteTable {
  id: string
  code: string
  school_id: string
  role: SchoolRole
  created_by: string
  expires_at: string
  max_uses: number
  used_count: number
  revoked_at: string | null
  created_at: string
}

export interface SessionTable {
  token_hash: string
  person_id: string
  created_at: string
  expires_at: string
  /** How the session was made: only `wechat` sessions are served when the demo is off. */
  origin: 'wechat' | 'demo'
}

export interface OutboxTable {
  id: string
  person_id: string
  kind: string
  title: string
  body: string
  /** JSON: page to open, template data */
  payload: string
  /** Same key, same message: enqueueing twice sends once. */
  dedupe_key: string
  /** The school the message is about: whose district's outbox shows it. */
  school_id: string | null
  status: OutboxMessage['status']
  attempts: number
  next_attempt_at: string
  last_error: string | null
  created_at: string
  sent_at: string | null
}

export interface JobLockTable {
  name: string
  locked_until: string
  locked_by: string
  last_run_at: string | null
}

export interface IdempotencyTable {
  person_id: string
  key: string
  route: string
  status_code: number
  response: string
  created_at: string
}

export interface ShiftTemplateTable {
  id: string
  school_id: string
  post_id: string
  name: string
  /** comma-separated ISO weekdays, e.g. "1,2,3,4,5" */
  weekdays: string
  start_time: string
  end_time: string
  /** JSON Headcount */
  headcount: string
  term_start: string
  term_end: string
  active: number
  created_by: string
  created_at: string
  updated_at: string
}

export interface SchoolCalendarTable {
  school_id: string
  date: string
  kind: CalendarKind
  note: string
  as_weekday: number | null
}

export interface ShiftTable {
  id: string
  school_id: string
  post_id: string
  template_id: string
  /** local date and times (Asia/Shanghai) */
  date: string
  start_time: string
  end_time: string
  /** UTC instants */
  starts_at: string
  ends_at: string
  headcount: string
  status: Shift['status']
  created_at: string
  updated_at: string
}

export interface SignupTable {
  id: string
  shift_id: string
  person_id: string
  role: ShiftRole
  status: SignupStatus
  source: SignupSource
  reason: string | null
  changed_by: string | null
  created_at: string
  updated_at: string
  outcome: MySignup['outcome']
}

export interface AttendanceTable {
  signup_id: string
  shift_id: string
  school_id: string
  person_id: string
  /** when the person checked in: the server's time, or the phone's for an offline check-in */
  check_in_at: string
  check_in_received_at: string
  check_in_lat: number
  check_in_lng: number
  check_in_accuracy: number
  check_in_distance_m: number
  check_in_key: string
  late: number
  offline: number
  check_out_at: string | null
  check_out_distance_m: number | null
  check_out_key: string | null
  early_leave: number
  hours: number | null
}

export interface DutyExceptionTable {
  id: string
  signup_id: string
  shift_id: string
  school_id: string
  person_id: string
  kind: ExceptionKind
  reason: string | null
  /** JSON: distance, client time … */
  detail: string
  status: ExceptionStatus
  review_note: string | null
  reviewed_by: string | null
  reviewed_at: string | null
  created_at: string
}

export interface LocationPingTable {
  id: string
  signup_id: string
  person_id: string
  at: string
  lat: number
  lng: number
  accuracy: number
  distance_m: number
  inside: number
}

export interface OffPostEventTable {
  id: string
  signup_id: string
  shift_id: string
  school_id: string
  person_id: string
  kind: string
  since: string
  detected_at: string
  resolved_at: string | null
}

export interface FileTable {
  id: string
  owner_id: string
  client_key: string
  storage_key: string
  thumb_key: string
  mime: string
  size: number
  width: number
  height: number
  created_at: string
}

export interface HazardCategoryTable {
  id: string
  name: string
  default_severity: Severity
  sort: number
  active: number
}

export interface HazardTable {
  id: string
  school_id: string
  station_id: string
  category_id: string
  description: string
  lat: number
  lng: number
  severity: Severity
  status: HazardStatus
  reporter_id: string
  client_key: string
  duplicate_of: string | null
  department: Department | null
  assignee_id: string | null
  deadline: string | null
  created_at: string
  updated_at: string
  closed_at: string | null
  /** inside (校内) or around (校园周边) the school */
  location_kind: Generated<HazardLocationKind>
}

export interface HazardEventTable {
  id: string
  hazard_id: string
  actor_id: string
  actor_role: string
  action: HazardEvent['action']
  from_status: HazardStatus | null
  to_status: HazardStatus
  note: string | null
  created_at: string
}

export interface HazardPhotoTable {
  hazard_id: string
  event_id: string
  file_id: string
  position: number
}

export interface HazardConfirmationTable {
  hazard_id: string
  person_id: string
  created_at: string
}

export interface NoticeTable {
  id: string
  station_id: string | null
  district_id: string
  author_id: string
  type: NoticeType
  title: string
  body: string
  event_at: string | null
  event_end_at: string | null
  place: string | null
  lat: number | null
  lng: number | null
  radius_m: number | null
  ack_required: number
  rsvp_capacity: number | null
  rsvp_deadline: string | null
  status: NoticeStatus
  publish_at: string | null
  published_at: string | null
  withdrawn_at: string | null
  remind_count: number
  last_reminded_at: string | null
  theme_id: string | null
  created_at: string
  updated_at: string
}

export interface NoticeAudienceTable {
  notice_id: string
  school_id: string
  role: Role
}

export interface NoticeReceiptTable {
  notice_id: string
  person_id: string
  school_id: string
  role: Role
  read_at: string | null
  acked_at: string | null
  rsvp: Receipt['rsvp']
  rsvp_at: string | null
  attended_at: string | null
  attended_distance_m: number | null
  created_at: string
}

export interface NoticeAttachmentTable {
  notice_id: string
  file_id: string
  position: number
}

export interface DrillTable {
  id: string
  notice_id: string | null
  district_id: string
  date: string
  participants: number
  duration_min: number
  scenario: string
  went_well: string
  to_fix: string
  recorded_by: string
  client_key: string
  created_at: string
  theme_id: string | null
}

export interface DrillSchoolTable {
  drill_id: string
  school_id: string
}

export interface DrillPhotoTable {
  drill_id: string
  file_id: string
  position: number
}

export interface ShiftCoverageTable {
  shift_id: string
  school_id: string
  station_id: string
  district_id: string
  post_id: string
  date: string
  period: Period
  /** when the shift ends: attendance counts for shifts already over */
  ends_at: string
  required: number
  filled: number
  attended: number
  late: number
  no_show: number
  /** the police places (警力): asked for, signed up, checked in; also counted in the three above */
  police_required: number
  police_filled: number
  police_attended: number
}

/** One school's coverage on one day: the sum of its shifts' shift_coverage rows (see coverage/maintain). */
export interface CoverageDaysTable {
  school_id: string
  date: string
  station_id: string
  district_id: string
  /** when the day's last shift ends: before that the day is not wholly over */
  last_ends_at: string
  required: number
  filled: number
  attended: number
  late: number
  no_show: number
  police_required: number
  police_filled: number
  police_attended: number
}

/** A shift whose shift_coverage row is behind its signups and check-ins (see coverage/maintain). */
export interface CoverageStaleTable {
  shift_id: string
  mark: string
  marked_at: string
}

export interface SwapTable {
  id: string
  signup_id: string
  shift_id: string
  school_id: string
  role: ShiftRole
  from_person_id: string
  to_person_id: string | null
  status: SwapStatus
  accepted_by: string | null
  created_at: string
  decided_at: string | null
}

export interface MetaTable {
  key: string
  value: string
}

export interface AlarmTable {
  id: string
  school_id: string
  station_id: string
  district_id: string
  raiser_id: string
  client_key: string
  status: AlarmStatus
  drill: number
  type: AlarmType | null
  note: string | null
  lat: number | null
  lng: number | null
  accuracy: number | null
  client_at: string | null
  outcome: AlarmOutcome | null
  raised_at: string
  closed_at: string | null
  updated_at: string
  /** a drill alarm's scheduled drill (notices.id) */
  drill_notice_id: string | null
}

export interface AlarmEventTable {
  id: string
  alarm_id: string
  seq: number
  action: AlarmAction
  actor_id: string | null
  actor_kind: AlarmActorKind
  actor_role: string | null
  note: string | null
  lat: number | null
  lng: number | null
  accuracy: number | null
  distance_m: number | null
  outside_fence: number
  level: number | null
  created_at: string
}

export interface AlarmPhotoTable {
  alarm_id: string
  file_id: string
  position: number
}

export interface AlarmRecipientTable {
  alarm_id: string
  person_id: string
  /** responsible, station, principal, guard, on_duty, escalation, district */
  reason: string
  created_at: string
}

/** The city's safety-education themes (防溺水, 防拐骗 …) for training and drill notices and drill records. */
export interface SafetyThemeTable {
  id: string
  name: string
  sort: number
  active: number
}

/** Who stood at a school's gates on a day, as what, for how long (kept with shift_coverage). */
export interface DutyDayTable {
  school_id: string
  date: string
  person_id: string
  /** domain/bulletin.ts ParticipantKind */
  kind: ParticipantKind
  station_id: string
  district_id: string
  shifts: number
  hours: number
}

/** 远程广播: an urgent message from a police officer to the people on duty at schools of the station. */
export interface BroadcastTable {
  id: string
  sender_id: string
  client_key: string
  station_id: string
  district_id: string
  whole_station: number
  text: string
  photo_id: string | null
  created_at: string
}

export interface BroadcastSchoolTable {
  broadcast_id: string
  school_id: string
}

export interface BroadcastRecipientTable {
  broadcast_id: string
  person_id: string
  /** The school they were on duty at when it was sent. */
  school_id: string
  confirmed_at: string | null
  /** Times alerted again (at most the setting's maximum). */
  realerts: number
  last_alerted_at: string
  /** When the re-alerts ran out and they were listed for a phone call. */
  call_at: string | null
}

/** duty_days by month: the days of the month a person stood (bit d-1 for day d) and their hours. */
export interface DutyMonthTable {
  school_id: string
  /** YYYY-MM */
  month: string
  person_id: string
  kind: ParticipantKind
  station_id: string
  district_id: string
  days: number
  hours: number
}

/** coverage_days summed per school and month (YYYY-MM): a term's sums in a few rows a school. */
export interface CoverageSchoolMonthTable {
  school_id: string
  month: string
  station_id: string
  district_id: string
  required: number
  filled: number
  attended: number
  late: number
  no_show: number
  police_required: number
  police_filled: number
  police_attended: number
}

/** duty_days' hours summed per station, day and kind (the bulletin's hours). */
export interface DutyStationDayTable {
  station_id: string
  date: string
  kind: string
  district_id: string
  hours: number
}

/** shift_coverage summed per station and day, with the day's first and last shift end. */
export interface CoverageStationDayTable {
  station_id: string
  date: string
  district_id: string
  required: number
  filled: number
  attended: number
  late: number
  no_show: number
  police_required: number
  police_filled: number
  police_attended: number
  first_end: string
  last_end: string
}

export interface Database {
  districts: DistrictTable
  stations: StationTable
  schools: SchoolTable
  posts: PostTable
  people: PersonTable
  memberships: MembershipTable
  police_schools: PoliceSchoolTable
  invites: InviteTable
  sessions: SessionTable
  outbox: OutboxTable
  job_locks: JobLockTable
  idempotency_keys: IdempotencyTable
  meta: MetaTable
  shift_templates: ShiftTemplateTable
  school_calendar: SchoolCalendarTable
  shifts: ShiftTable
  signups: SignupTable
  swaps: SwapTable
  attendance: AttendanceTable
  duty_exceptions: DutyExceptionTable
  location_pings: LocationPingTable
  off_post_events: OffPostEventTable
  files: FileTable
  hazard_categories: HazardCategoryTable
  hazards: HazardTable
  hazard_events: HazardEventTable
  hazard_photos: HazardPhotoTable
  hazard_confirmations: HazardConfirmationTable
  notices: NoticeTable
  notice_audience: NoticeAudienceTable
  notice_receipts: NoticeReceiptTable
  notice_attachments: NoticeAttachmentTable
  drills: DrillTable
  drill_schools: DrillSchoolTable
  drill_photos: DrillPhotoTable
  shift_coverage: ShiftCoverageTable
  coverage_days: CoverageDaysTable
  coverage_stale: CoverageStaleTable
  alarms: AlarmTable
  alarm_events: AlarmEventTable
  alarm_photos: AlarmPhotoTable
  alarm_recipients: AlarmRecipientTable
  safety_themes: SafetyThemeTable
  duty_days: DutyDayTable
  broadcasts: BroadcastTable
  broadcast_schools: BroadcastSchoolTable
  broadcast_recipients: BroadcastRecipientTable
  duty_months: DutyMonthTable
  coverage_station_days: CoverageStationDayTable
  coverage_school_months: CoverageSchoolMonthTable
  duty_station_days: DutyStationDayTable
}

export type { Generated }
