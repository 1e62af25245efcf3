// One row of a breakdown (a post, a period, a school): its name, a colour bar on the left, and
// both rates with their words.
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { CoverageNumbers } from '@/types/coverage'
import { RateCell } from '@/components/coverage-rate'
import './coverage-row.scss'

export function CoverageRow({
  name,
  sub,
  rank,
  numbers,
  onOpen,
  testId,
}: {
  name: string
  sub?: string
  rank?: number
  numbers: CoverageNumbers
  onOpen?: () => void
  testId?: string
}) {
  return (
    <View className={`coverage-row coverage-row--${numbers.color ?? 'none'}`} onClick={onOpen} data-testid={testId} data-color={numbers.color ?? 'none'}>
      {rank !== undefined ? <Text className='coverage-row__rank'>{rank}</Text> : null}
      <View className='coverage-row__main'>
        <Text className='coverage-row__name'>{name}</Text>
        <Text className='coverage-row__sub'>
          {sub ? `${sub} · ` : ''}应到 {numbers.required} · 报名 {numbers.filled} · 到岗 {numbers.attended}
          {numbers.late ? ` · 迟到 ${numbers.late}` : ''}
          {numbers.noShow ? ` · 缺岗 ${numbers.noShow}` : ''}
          {numbers.police.required ? ` · 警力到岗 ${numbers.police.attended}/${numbers.police.due}` : ''}
        </Text>
      </View>
      <RateCell title='报名率' rate={numbers.fillRate} />
      <RateCell title='到岗率' rate={numbers.attendanceRate} />
      {onOpen ? <ArrowRight size={12} color='#c9cdd4' className='coverage-row__arrow' /> : null}
    </View>
  )
}
