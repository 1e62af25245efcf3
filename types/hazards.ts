// Hazard reports (隐患): categories, states, the timeline, and the ledger. The shapes are the
// TypeBox schemas of schemas/hazards.ts; only their types are imported here (erased at build).
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/hazards'

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

export type HazardCategory = Static<typeof S.HazardCategorySchema>

export type HazardPhoto = Static<typeof S.HazardPhotoSchema>

export type HazardEvent = Static<typeof S.HazardEventSchema>

export type Hazard = Static<typeof S.HazardSchema>

export type HazardDetail = Static<typeof S.HazardDetailSchema>

export type ReportHazardRequest = Static<typeof S.ReportHazardRequestSchema>

export type TransitionRequest = Static<typeof S.TransitionRequestSchema>

/** Whose reports a list shows: mine, a school's, the police queue, handed to me. */
export const HAZARD_SCOPES = ['mine', 'school', 'queue', 'assigned'] as const
export type HazardScope = (typeof HAZARD_SCOPES)[number]
export type HazardListFilter = Static<typeof S.HazardListQuerySchema>
export type NearbyHazard = Static<typeof S.NearbyHazardSchema>

/** The numbers on 首页's hazard shortcuts, counted on the server over all matching reports. */
export type HazardCounts = Static<typeof S.HazardCountsSchema>

export type UploadedFile = Static<typeof S.UploadedFileSchema>
