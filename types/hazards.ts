// Hazard reports (隐患): categories, states, the timeline, and the ledger.
import type { HazardLocationKind } from './bulletin'
import type { Gcj02Point } from './org'

export const HAZARD_STATUSES = ['submitted', 'accepted', 'rejected', 'duplicate', 'assigned', 'resolved', 'closed'] as const
export type HazardStatus = (typeof HAZARD_STATUSES)[number]
export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  duplicate: '重复上报',
  assigned: '已交办',
  resolved: '已整改',
  closed: '已销号',
}

export const SEVERITIES = ['high', 'medium', 'low'] as const
export type Severity = (typeof SEVERITIES)[number]
export const SEVERITY_LABELS: Record<Severity, string> = { high: '紧急', medium: '一般', low: '轻微' }

export const HAZARD_ACTIONS = ['accept', 'reject', 'duplicate', 'assign', 'resolve', 'close', 'reopen'] as const
export type HazardAction = (typeof HAZARD_ACTIONS)[number]
/** What a hazard's timeline records: the transitions, and the steps that change no status. */
export type HazardEventAction = HazardAction | 'report' | 'confirm' | 'locate'
export const HAZARD_ACTION_LABELS: Record<HazardEventAction, string> = {
  report: '上报',
  confirm: '我也遇到了',
  locate: '更正位置',
  accept: '受理',
  reject: '不予受理',
  duplicate: '标记重复',
  assign: '交办',
  resolve: '整改完成',
  close: '销号',
  reopen: '重新打开',
}

/** Departments a report can be handed to (交办). */
export const DEPARTMENTS = ['school', 'traffic_police', 'urban_management', 'market_regulation', 'police_station', 'other'] as const
export type Department = (typeof DEPARTMENTS)[number]
export const DEPARTMENT_LABELS: Record<Department, string> = {
  school: '学校',
  traffic_police: '交警',
  urban_management: '城管',
  market_regulation: '市场监管',
  police_station: '派出所',
  other: '其他部门',
}

export interface HazardCategory {
  id: string
  name: string
  defaultSeverity: Severity
}

export interface HazardPhoto {
  fileId: string
  url: string
  thumbUrl: string
}

export interface HazardEvent {
  id: string
  action: HazardEventAction
  fromStatus: HazardStatus | null
  toStatus: HazardStatus
  /** "上报人", "民警 陈志强", "校长" … as the viewer may see it */
  actor: string
  note: string | null
  photos: HazardPhoto[]
  createdAt: string
}

export interface Hazard extends Gcj02Point {
  id: string
  schoolId: string
  schoolName: string
  category: HazardCategory
  description: string
  severity: Severity
  /** inside the school or around it (校内 / 校园周边): the reporter's choice, corrected by the police */
  locationKind: HazardLocationKind
  status: HazardStatus
  /** open, fixed or closed: the type of the status (DESIGN.md §4) */
  statusType: 'open' | 'fixed' | 'closed'
  /** Only police and admins see who reported (and the reporter themself). */
  reporter: { id: string; name: string } | null
  mine: boolean
  assignee: { department: Department; personId: string | null; personName: string | null } | null
  deadline: string | null
  overdue: boolean
  duplicateOf: string | null
  confirmations: number
  /** The viewer has said "我也遇到了" on it already (once per person). */
  confirmedByMe: boolean
  photos: HazardPhoto[]
  createdAt: string
  updatedAt: string
}

export interface HazardDetail extends Hazard {
  events: HazardEvent[]
}

export interface ReportHazardRequest extends Gcj02Point {
  categoryId: string
  description: string
  severity?: Severity
  schoolId?: string
  /** 校内 or 校园周边; 校园周边 when not said */
  locationKind?: HazardLocationKind
  photoIds: string[]
  /** idempotency key from the phone */
  clientKey: string
}

export interface TransitionRequest {
  action: HazardAction
  note?: string
  duplicateOf?: string
  department?: Department
  assigneePersonId?: string
  /** ISO instant; default from the severity */
  deadline?: string
  photoIds?: string[]
}

/** The numbers on 首页's hazard shortcuts, counted on the server over all matching reports. */
export interface HazardCounts {
  /** For police and admins (null for others): reports waiting to be accepted, and overdue ones. */
  queue: { submitted: number; overdue: number } | null
  /** Handed to me: still to be rectified, and past their deadline. */
  assigned: { open: number; overdue: number }
}

export interface UploadedFile {
  id: string
  url: string
  thumbUrl: string
  mime: string
  size: number
}
