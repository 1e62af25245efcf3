// 报名参加 / 不参加 for a training: places taken of the capacity, the deadline, my answer, and
// why a button is disabled (deadline passed, 名额已满: domain/notices).
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Notice } from '@/types/notices'
import type { RsvpAnswer } from '@/services/notices'
import { declineBlockOf, joinBlockOf } from '@/stores/notices/detail-store'
import { dateTimeText } from '@/utils/notices'
import './index.scss'

export interface RsvpBlockProps {
  notice: Notice
  now: Date
  /** The answer being sent, if any. */
  busy: RsvpAnswer | null
  onAnswer: (answer: RsvpAnswer) => void
}

export function RsvpBlock({ notice, now, busy, onAnswer }: RsvpBlockProps) {
  const capacity = notice.rsvpCapacity ?? 0
  const mine = notice.receipt?.rsvp ?? null
  const joinBlock = joinBlockOf(notice, now)
  const declineBlock = declineBlockOf(notice, now)
  const filled = capacity > 0 ? Math.min(100, Math.round((notice.rsvpJoined / capacity) * 100)) : 0
  const reason = mine !== 'joined' ? joinBlock : declineBlock

  return (
    <View className='rsvp card' data-testid='rsvp-block'>
      <View className='rsvp__head'>
        <Text className='rsvp__title'>培训报名</Text>
        <Text className='rsvp__count' data-testid='rsvp-count'>
          已报名 {notice.rsvpJoined}/{capacity}
        </Text>
      </View>
      <View className='rsvp__bar'>
        <View className={`rsvp__fill ${filled >= 100 ? 'rsvp__fill--full' : ''}`} style={{ width: `${filled}%` }} />
      </View>
      <Text className='rsvp__line'>报名截止：{notice.rsvpDeadline ? dateTimeText(notice.rsvpDeadline) : '名额报满为止'}</Text>
      {mine ? (
        <Text className={`rsvp__mine rsvp__mine--${mine}`} data-testid='rsvp-mine'>
          {mine === 'joined' ? '你已报名参加' : '你已选择不参加'}
        </Text>
      ) : null}
      <View className='rsvp__actions'>
        {mine !== 'declined' ? (
          <Button
            fill='outline'
            type={mine === 'joined' ? 'danger' : 'default'}
            disabled={!!declineBlock || busy !== null}
            loading={busy === 'declined'}
            onClick={() => onAnswer('declined')}
          >
            {mine === 'joined' ? '取消报名' : '不参加'}
          </Button>
        ) : null}
        {mine !== 'joined' ? (
          <Button type='primary' disabled={!!joinBlock || busy !== null} loading={busy === 'joined'} onClick={() => onAnswer('joined')}>
            报名参加
          </Button>
        ) : null}
      </View>
      {reason ? (
        <Text className='rsvp__reason' data-testid='rsvp-reason'>
          {reason}
        </Text>
      ) : null}
    </View>
  )
}
