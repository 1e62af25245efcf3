// The headline numbers of a school or an area: places due, filled, attended, the two rates with
// their colour and word, late and no-show counts, and the police places on their own (警力到岗).
import { Text, View } from '@tarojs/components'
import type { CoverageNumbers } from '@/types/coverage'
import { CoverageTag, RateCell } from '@/components/coverage-rate'
import { percentText } from '@/domain/coverage'
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
      {numbers.police.required ? (
        <View className='numbers-card__police' data-testid='police-coverage'>
          <Text className='numbers-card__police-title'>警力到岗</Text>
          <Text className='numbers-card__police-value' data-testid='police-attended'>
            {numbers.police.attended} / {numbers.police.due}
          </Text>
          <Text className='numbers-card__police-rate'>{percentText(numbers.police.rate)}</Text>
          <Text className='numbers-card__police-sub'>
            民警岗位 {numbers.police.required} · 已报名 {numbers.police.filled}
          </Text>
        </View>
      ) : null}
      <Text className='numbers-card__note'>
        应到、已报名按人次计，民警岗位也计在内；到岗率只算已结束的班次，迟到计入到岗。{numbers.police.required ? '警力到岗 = 已结束班次中到岗的民警 / 民警岗位。' : ''}
      </Text>
    </View>
  )
}
