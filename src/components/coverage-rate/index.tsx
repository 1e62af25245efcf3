// A coverage rate with its colour and its word (良好 / 需关注 / 不足), so colour is never the only
// sign. The colour comes from domain/coverage's colorOf; the rate is the server's number.
import { Text, View } from '@tarojs/components'
import type { CoverageColor } from '@/types/coverage'
import { COVERAGE_COLOR_LABELS } from '@/types/coverage'
import { colorOf, percentText } from '@/domain/coverage-rate'
import './index.scss'

export { percentText }

export function colorLabel(color: CoverageColor | null): string {
  return color ? COVERAGE_COLOR_LABELS[color] : '暂无'
}

/** A small coloured word: 良好 / 需关注 / 不足 (暂无 when nothing was due). */
export function CoverageTag({ color }: { color: CoverageColor | null }) {
  return <Text className={`coverage-tag coverage-tag--${color ?? 'none'}`}>{colorLabel(color)}</Text>
}

/** A named rate: the percentage in its colour and the word under it. */
export function RateCell({ title, rate, size = 'normal', testId }: { title?: string; rate: number | null; size?: 'normal' | 'large'; testId?: string }) {
  const color = colorOf(rate)
  return (
    <View className={`coverage-rate coverage-rate--${color ?? 'none'} coverage-rate--${size}`} data-testid={testId} data-color={color ?? 'none'}>
      {title ? <Text className='coverage-rate__title'>{title}</Text> : null}
      <Text className='coverage-rate__value'>{percentText(rate)}</Text>
      <CoverageTag color={color} />
    </View>
  )
}
