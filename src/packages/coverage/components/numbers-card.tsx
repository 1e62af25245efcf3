// The headline numbers of a school or an area: places due, filled, attended, the two rates with
// their colour and word, late and no-show counts.
import { Text, View } from '@tarojs/components'
import type { CoverageNumbers } from '@/types/coverage'
import { CoverageTag, RateCell } from '@/components/coverage-rate'
import './numbers-card.scss'

export function NumbersCard({ title, period, numbers }: { title: string; period: string; numbers: CoverageNumbers }) {
  return (
    <View className={`card numbers-card numbers-card--${numbers.color ?? 'none'}`} data-testid='coverage-totals'>
      <View className='numbers-card__head'>
        <Text className='numbers-card__title'>{title}</Text>
        <CoverageTag color={numbers.color} />
      </View>
      <Text className='numbers-card__period'>{period}</Text>
      <View className='numbers-card__rates'>
        <RateCell title='报名率' rate={numbers.fillRate} size='large' testId='fill-rate' />
        <RateCell title='到岗率' rate={numbers.attendanceRate} size='large' testId='attendance-rate' />
      </View>
      <View className='numbers-card__counts'>
        {[
          { key: 'required', label: '应到', value: numbers.required },
          { key: 'filled', label: '已报名', value: numbers.filled },
          { key: 'attended', label: '已到岗', value: numbers.attended },
          { key: 'late', label: '迟到', value: numbers.late },
          { key: 'noShow', label: '缺岗', value: numbers.noShow },
        ].map((c) => (
          <View key={c.key} className='numbers-card__count' data-testid={`count-${c.key}`}>
            <Text className={`numbers-card__count-value ${c.key === 'noShow' && c.value > 0 ? 'numbers-card__count-value--bad' : ''}`}>{c.value}</Text>
            <Text className='numbers-card__count-label'>{c.label}</Text>
          </View>
        ))}
      </View>
      <Text className='numbers-card__note'>应到、已报名按人次计；到岗率只算已结束的班次，迟到计入到岗。</Text>
    </View>
  )
}
