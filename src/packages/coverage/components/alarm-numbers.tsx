// 一键报警 for reviewers: alarms by kind, the median time to the first acknowledgement, and the
// shares of alarms with police on site within 3 and 5 minutes — the same numbers and texts as the
// Excel export (domain/alarms).
import { Text, View } from '@tarojs/components'
import type { AlarmReviewNumbers } from '@/types/alarms'
import { durationText, shareText } from '@/domain/alarms'
import './alarm-numbers.scss'

export function AlarmNumbers({ numbers, name, testId }: { numbers: AlarmReviewNumbers; name?: string; testId?: string }) {
  const n = numbers
  const none = n.real + n.drill + n.mistaken === 0
  return (
    <View className='alarm-numbers' data-testid={testId}>
      {name ? <Text className='alarm-numbers__name'>{name}</Text> : null}
      <View className='alarm-numbers__kinds'>
        <View className='alarm-numbers__kind'>
          <Text className={`alarm-numbers__count ${n.real ? 'alarm-numbers__count--real' : ''}`} data-testid='alarms-real'>
            {n.real}
          </Text>
          <Text className='alarm-numbers__label'>真实报警</Text>
        </View>
        <View className='alarm-numbers__kind'>
          <Text className='alarm-numbers__count' data-testid='alarms-drill'>
            {n.drill}
          </Text>
          <Text className='alarm-numbers__label'>演练</Text>
        </View>
        <View className='alarm-numbers__kind'>
          <Text className='alarm-numbers__count' data-testid='alarms-mistaken'>
            {n.mistaken}
          </Text>
          <Text className='alarm-numbers__label'>误触</Text>
        </View>
      </View>
      {none ? null : (
        <View className='alarm-numbers__lines'>
          <View className='alarm-numbers__line'>
            <Text className='alarm-numbers__line-label'>首次响应（中位数）</Text>
            <Text className='alarm-numbers__line-value' data-testid='alarms-median-ack'>
              {durationText(n.medianAckSec)}
            </Text>
          </View>
          <View className='alarm-numbers__line'>
            <Text className='alarm-numbers__line-label'>3 分钟内民警到场</Text>
            <Text className='alarm-numbers__line-value' data-testid='alarms-police3'>
              {shareText(n.policeWithin3)}
            </Text>
          </View>
          <View className='alarm-numbers__line'>
            <Text className='alarm-numbers__line-label'>5 分钟内民警到场</Text>
            <Text className='alarm-numbers__line-value' data-testid='alarms-police5'>
              {shareText(n.policeWithin5)}
            </Text>
          </View>
        </View>
      )}
    </View>
  )
}
