// A notice in a list: 收到的 (type, unread dot, withdrawn, my receipt) and 我发布的 / 发给本校的
// (status, audience, how people answered).
import { Text, View } from '@tarojs/components'
import type { Notice, NoticeStatus, NoticeType } from '@/types/notices'
import { NOTICE_STATUS_LABELS, NOTICE_TYPE_LABELS } from '@/types/notices'
import type { ReceiptTotals } from '@/stores/notices/stats-store'
import { isUnread } from '@/stores/notices/inbox-store'
import { formatInstant } from '@/utils/format'
import { eventWhen } from '@/utils/notices'
import { Pill, type PillTone } from '../pill'
import './index.scss'

const TYPE_TONE: Record<NoticeType, PillTone> = { drill: 'danger', training: 'primary', general: 'neutral' }
const STATUS_TONE: Record<NoticeStatus, PillTone> = { draft: 'neutral', scheduled: 'warning', published: 'success', withdrawn: 'neutral' }

export function NoticeTypeTag({ type }: { type: NoticeType }) {
  return <Pill tone={TYPE_TONE[type]}>{NOTICE_TYPE_LABELS[type]}</Pill>
}

export function NoticeStatusTag({ notice }: { notice: Pick<Notice, 'status' | 'publishAt'> }) {
  const label = notice.status === 'scheduled' && notice.publishAt ? `定时 ${formatInstant(notice.publishAt)}` : NOTICE_STATUS_LABELS[notice.status]
  return <Pill tone={STATUS_TONE[notice.status]}>{label}</Pill>
}

function EventLines({ notice }: { notice: Notice }) {
  const when = eventWhen(notice)
  if (!when && !notice.place) return null
  return (
    <View className='notice-card__event'>
      {when ? <Text className='notice-card__line'>时间：{when}</Text> : null}
      {notice.place ? <Text className='notice-card__line'>地点：{notice.place}</Text> : null}
    </View>
  )
}

/** My answer so far, as short tags. */
function ReceiptTags({ notice }: { notice: Notice }) {
  const r = notice.receipt
  if (!r || notice.status === 'withdrawn') return null
  const tags: { text: string; tone: PillTone }[] = []
  if (notice.ackRequired) tags.push(r.ackedAt ? { text: '已确认', tone: 'success' } : { text: '待确认', tone: 'warning' })
  if (r.rsvp === 'joined') tags.push({ text: '已报名', tone: 'primary' })
  if (r.rsvp === 'declined') tags.push({ text: '不参加', tone: 'neutral' })
  if (r.attendedAt) tags.push({ text: '已签到', tone: 'success' })
  if (!tags.length) return null
  return (
    <View className='notice-card__tags'>
      {tags.map((t) => (
        <Pill key={t.text} tone={t.tone}>
          {t.text}
        </Pill>
      ))}
    </View>
  )
}

export function InboxNoticeCard({ notice, onOpen }: { notice: Notice; onOpen: () => void }) {
  const unread = isUnread(notice)
  const withdrawn = notice.status === 'withdrawn'
  return (
    <View className={`notice-card card ${withdrawn ? 'notice-card--withdrawn' : ''}`} data-testid='notice-card' data-unread={unread ? '1' : '0'} onClick={onOpen}>
      <View className='notice-card__head'>
        <NoticeTypeTag type={notice.type} />
        {withdrawn ? <Pill tone='neutral'>已撤回</Pill> : null}
        <Text className='notice-card__time'>{notice.publishedAt ? formatInstant(notice.publishedAt) : ''}</Text>
        {unread ? <View className='notice-card__dot' data-testid='unread-dot' /> : null}
      </View>
      <Text className={`notice-card__title ${unread ? 'notice-card__title--unread' : ''}`}>{notice.title}</Text>
      <EventLines notice={notice} />
      <View className='notice-card__foot'>
        <Text className='notice-card__from'>{notice.stationName}</Text>
        <ReceiptTags notice={notice} />
      </View>
    </View>
  )
}

function summaryText(notice: Notice, totals: ReceiptTotals): string {
  const n = totals.recipients
  const parts = [`已读 ${totals.read}/${n}`]
  if (notice.ackRequired) parts.push(`确认 ${totals.acked}/${n}`)
  if (notice.type === 'training' && notice.rsvpCapacity !== null) parts.push(`报名 ${totals.joined}/${notice.rsvpCapacity}`)
  if (notice.location && notice.type !== 'general') parts.push(`签到 ${totals.attended}`)
  return parts.join(' · ')
}

export function ManagedNoticeCard({
  notice,
  audience,
  totals,
  onOpen,
}: {
  notice: Notice
  /** 京山小学 · 家长志愿者 */
  audience: string
  totals?: ReceiptTotals
  onOpen: () => void
}) {
  const when = notice.publishedAt ?? notice.publishAt
  return (
    <View className={`notice-card card ${notice.status === 'withdrawn' ? 'notice-card--withdrawn' : ''}`} data-testid='managed-notice-card' onClick={onOpen}>
      <View className='notice-card__head'>
        <NoticeTypeTag type={notice.type} />
        <NoticeStatusTag notice={notice} />
        <Text className='notice-card__time'>{(notice.status === 'published' || notice.status === 'withdrawn') && when ? formatInstant(when) : ''}</Text>
      </View>
      <Text className='notice-card__title'>{notice.title}</Text>
      <EventLines notice={notice} />
      <Text className='notice-card__line'>对象：{audience}</Text>
      {totals ? (
        <Text className='notice-card__summary' data-testid='receipt-summary'>
          {summaryText(notice, totals)}
        </Text>
      ) : null}
    </View>
  )
}
