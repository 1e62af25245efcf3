// Notices from the police station: drills, trainings and general notices, with receipts.
import type { AlarmSummary } from './alarms'
import type { Gcj02Point, Person, Role } from './org'

export const NOTICE_TYPES = ['drill', 'training', 'general'] as const
export type NoticeType = (typeof NOTICE_TYPES)[number]
export const NOTICE_TYPE_LABELS: Record<NoticeType, string> = { drill: '应急演练', training: '培训', general: '通知' }

export const NOTICE_STATUSES = ['draft', 'scheduled', 'published', 'withdrawn'] as const
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { draft: '草稿', scheduled: '定时发布', published: '已发布', withdrawn: '已撤回' }

export interface NoticeAudience {
  schoolIds: string[]
  roles: Role[]
}

export interface NoticeInput {
  type: NoticeType
  title: string
  body: string
  eventAt: string | null
  eventEndAt: string | null
  place: string | null
  location: (Gcj02Point & { radiusM: number }) | null
  audience: NoticeAudience
  ackRequired: boolean
  rsvpCapacity: number | null
  rsvpDeadline: string | null
  attachmentIds: string[]
  /** the safety-education theme of a training or drill (one of the city's list), chosen when composing */
  themeId?: string | null
}

export interface Receipt {
  readAt: string | null
  ackedAt: string | null
  rsvp: 'joined' | 'declined' | null
  attendedAt: string | null
}

export interface Notice extends Omit<NoticeInput, 'attachmentIds'> {
  id: string
  themeId: string | null
  stationName: string
  author: string
  status: NoticeStatus
  publishAt: string | null
  publishedAt: string | null
  withdrawnAt: string | null
  /** images (thumbUrl is a thumbnail) and PDFs (mime application/pdf: open url) */
  attachments: { fileId: string; mime: string; url: string; thumbUrl: string }[]
  rsvpJoined: number
  /** the caller's own receipt, for recipients */
  receipt: Receipt | null
  /** whether the caller may edit, publish, withdraw and see the counts */
  canManage: boolean
}

export interface NoticeStatsRow {
  schoolId: string
  schoolName: string
  role: Role
  recipients: number
  read: number
  acked: number
  joined: number
  attended: number
}

export interface NoticeStats {
  rows: NoticeStatsRow[]
  notAcknowledged: (Person & { schoolName: string; role: Role })[]
  remindCount: number
  lastRemindedAt: string | null
  /** when "再次提醒" may be used again, or null when it may now (or never again: see remindCount) */
  nextRemindAt: string | null
}

export interface Drill {
  id: string
  noticeId: string | null
  date: string
  schools: { id: string; name: string }[]
  participants: number
  durationMin: number
  scenario: string
  themeId: string | null
  wentWell: string
  toFix: string
  photos: { fileId: string; url: string; thumbUrl: string }[]
  recordedBy: string
  createdAt: string
  /** The drill alarms raised during the drill it follows (its notice) at its schools: response times and 1-3-5 marks. */
  responses: AlarmSummary[]
}

/** A drill as recorded by the police or a principal. */
export interface DrillInput {
  noticeId: string | null
  /** Local date, YYYY-MM-DD. */
  date: string
  schoolIds: string[]
  participants: number
  durationMin: number
  scenario: string
  wentWell: string
  toFix: string
  photoIds: string[]
  /** the drill's theme (消防, 防暴恐 …); a drill linked to a notice takes the notice's when none is given */
  themeId?: string | null
  /** Made once per form: a retried submit records the same drill. */
  clientKey: string
}
