// How a broadcast stands: confirmed of all, still waiting, to phone.
import { Text, View } from '@tarojs/components'
import { formatLocal } from '@/domain/time'
import type { Broadcast } from '@/types/broadcasts'
import './index.scss'

export const sentAt = (iso: string) => formatLocal(iso, 'M月D日 HH:mm')

export function BroadcastCounts({ b }: { b: Broadcast }) {
  const { total, confirmed, waiting, call } = b.counts
  return (
    <View className='bc-counts' data-testid='broadcast-counts'>
      <Text className='bc-counts__item bc-counts__item--ok'>
        已确认 {confirmed}/{total}
      </Text>
      {waiting ? <Text className='bc-counts__item bc-counts__item--wait'>未确认 {waiting}</Text> : null}
      {call ? <Text className='bc-counts__item bc-counts__item--call'>待电话 {call}</Text> : null}
    </View>
  )
}
