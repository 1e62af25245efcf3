// Notices from the police station: drills, trainings and general notices, with receipts. The
// shapes are the TypeBox schemas of schemas/notices.ts; only their types are imported here.
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/notices'

export const NOTICE_TYPES = ['drill', 'training', 'general'] as const
export type NoticeType = (typeof NOTICE_TYPES)[number]
export const NOTICE_TYPE_LABELS: Record<NoticeType, string> = { drill: '应急演练', training: '培训', general: '通知' }

export const NOTICE_STATUSES = ['draft', 'scheduled', 'published', 'withdrawn'] as const
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { draft: '草稿', scheduled: '定时发布', published: '已发布', withdrawn: '已撤回' }

export type NoticeInput = Static<typeof S.NoticeInputSchema>

export type Receipt = Static<typeof S.ReceiptSchema>

export type Notice = Static<typeof S.NoticeSchema>

export type NoticeStatsRow = Static<typeof S.NoticeStatsRowSchema>

export type NoticeStats = Static<typeof S.NoticeStatsSchema>

export type Drill = Static<typeof S.DrillSchema>

/** A drill as recorded by the police or a principal. */
export type DrillInput = Static<typeof S.DrillInputSchema>
