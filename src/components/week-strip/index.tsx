// A week as seven day chips: the chosen day highlighted, past days dimmed, a dot where there are
// open places, a ring where the person is signed up.
import { Text, View } from '@tarojs/components'
import { ArrowLeft, ArrowRight } from '@nutui/icons-react-taro'
import { dayjs } from '@/domain/time'
import { weekdayLabel } from '@/utils/duty-format'
import './index.scss'

export interface WeekStripProps {
  days: string[]
  value: string | null
  today: string
  onChange: (day: string) => void
  onMove: (delta: number) => void
  openPlaces?: (day: string) => number
  mine?: (day: string) => boolean
}

export function WeekStrip({ days, value, today, onChange, onMove, openPlaces, mine }: WeekStripProps) {
  if (days.length === 0) return null
  const first = dayjs(days[0])
  const last = dayjs(days[days.length - 1])
  const thisWeek = days.includes(today)
  return (
    <View className='week-strip'>
      <View className='week-strip__head'>
        <View className='week-strip__move' onClick={() => onMove(-1)} data-testid='week-prev'>
          <ArrowLeft size={12} />
          <Text>前 7 天</Text>
        </View>
        <Text className='week-strip__range'>
          {thisWeek ? '近 7 天 · ' : ''}
          {first.month() + 1}月{first.date()}日–{last.month() + 1}月{last.date()}日
        </Text>
        <View className='week-strip__move' onClick={() => onMove(1)} data-testid='week-next'>
          <Text>后 7 天</Text>
          <ArrowRight size={12} />
        </View>
      </View>
      <View className='week-strip__days'>
        {days.map((d) => {
          const open = openPlaces?.(d) ?? 0
          const classes = [
            'week-strip__day',
            d === value ? 'week-strip__day--active' : '',
            d < today ? 'week-strip__day--past' : '',
            mine?.(d) ? 'week-strip__day--mine' : '',
          ].join(' ')
          return (
            <View key={d} className={classes} onClick={() => onChange(d)} data-date={d} data-testid={`day-${d}`}>
              <Text className='week-strip__weekday'>{d === today ? '今天' : weekdayLabel(d)}</Text>
              <Text className='week-strip__date'>{dayjs(d).date()}</Text>
              <View className={`week-strip__dot ${open > 0 && d >= today ? 'week-strip__dot--on' : ''}`} />
            </View>
          )
        })}
      </View>
    </View>
  )
}
