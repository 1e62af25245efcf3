// How a broadcast stands: confirmed of all, still waiting, to phone.
import { Text, View } from '@tarojs/components'
import type { Broadcast } from '@/types/broadcasts'
import './index.scss'

export const sentAt = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString()
  return `${d.slice(5, 10).replace('-', '月')}日 ${d.slice(11, 16)}`
}

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
