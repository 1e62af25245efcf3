// A bar chart of rates drawn with plain Views: one bar per day (or week), its height the rate,
// its colour from colorOf, guide lines at 90 % and 70 %. Views and CSS render the same in WXSS
// and in the browser, need no canvas, and add no chart library to the package.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { colorOf } from '@/domain/coverage'
import { colorLabel, percentText } from '@/components/coverage-rate'
import './bar-chart.scss'

export interface BarDatum {
  key: string
  /** under the axis, e.g. "11-28" */
  label: string
  /** 0–1; null when nothing was due (drawn as a grey stub) */
  rate: number | null
  /** shown when the bar is chosen, e.g. "应到 12 · 已到岗 9" */
  detail?: string
}

/** The y axis names the two thresholds (90 %, 70 %) beside their guide lines. */
const Y_TICKS = [
  { value: 90, className: 'bar-chart__y-label--green' },
  { value: 70, className: 'bar-chart__y-label--yellow' },
  { value: 50, className: '' },
  { value: 0, className: '' },
]

/** Axis labels: the first, the last and one in the middle, so that 80 days still read. */
function axisIndexes(n: number): number[] {
  if (n <= 3) return [...Array(n).keys()]
  if (n <= 7) return [...Array(n).keys()]
  return [0, Math.floor((n - 1) / 2), n - 1]
}

export function BarChart({ data, metric = '到岗率', testId }: { data: BarDatum[]; metric?: string; testId?: string }) {
  const [chosen, setChosen] = useState<number | null>(null)
  const lastWithRate = data.reduce((found, d, i) => (d.rate !== null ? i : found), data.length - 1)
  const index = chosen !== null && chosen < data.length ? chosen : lastWithRate
  const picked = data[index]
  const labels = new Set(axisIndexes(data.length))
  const dense = data.length > 20

  return (
    <View className='bar-chart' data-testid={testId}>
      {picked ? (
        <View className='bar-chart__caption'>
          <Text className='bar-chart__caption-when'>{picked.label}</Text>
          <Text className={`bar-chart__caption-rate bar-chart__caption-rate--${colorOf(picked.rate) ?? 'none'}`}>
            {metric} {percentText(picked.rate)} · {colorLabel(colorOf(picked.rate))}
          </Text>
          {picked.detail ? <Text className='bar-chart__caption-detail'>{picked.detail}</Text> : null}
        </View>
      ) : null}
      <View className='bar-chart__body'>
        <View className='bar-chart__y'>
          {Y_TICKS.map((t) => (
            <Text key={t.value} className={`bar-chart__y-label ${t.className}`} style={{ bottom: `${t.value}%` }}>
              {t.value ? `${t.value}%` : '0'}
            </Text>
          ))}
        </View>
        <View className='bar-chart__plot'>
          <View className={`bar-chart__bars ${dense ? 'bar-chart__bars--dense' : ''}`}>
            {data.map((d, i) => {
              const color = colorOf(d.rate)
              const height = d.rate === null ? '2%' : `${Math.max(Math.min(d.rate, 1), 0.02) * 100}%`
              return (
                <View key={d.key} className={`bar-chart__slot ${i === index && data.length > 1 ? 'bar-chart__slot--chosen' : ''}`} onClick={() => setChosen(i)}>
                  <View
                    className={`bar-chart__bar bar-chart__bar--${color ?? 'none'}`}
                    style={{ height }}
                    data-testid='chart-bar'
                    data-key={d.key}
                    data-rate={d.rate === null ? '' : String(d.rate)}
                  />
                </View>
              )
            })}
          </View>
          {/* the thresholds of DESIGN.md §4, drawn over the bars */}
          <View className='bar-chart__guide bar-chart__guide--green' style={{ bottom: '90%' }} />
          <View className='bar-chart__guide bar-chart__guide--yellow' style={{ bottom: '70%' }} />
        </View>
      </View>
      <View className='bar-chart__x'>
        {data.map((d, i) => (
          <View key={d.key} className='bar-chart__x-slot'>
            {labels.has(i) ? (
              <Text
                className={`bar-chart__x-label ${i === 0 && data.length > 1 ? 'bar-chart__x-label--first' : ''} ${i === data.length - 1 && data.length > 1 ? 'bar-chart__x-label--last' : ''}`}
              >
                {d.label}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  )
}
