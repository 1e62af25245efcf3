// A row of choices as chips (categories, severities, departments, filters): one tap to choose.
import { Text, View } from '@tarojs/components'
import './index.scss'

export interface ChipOption<V extends string> {
  value: V
  label: string
  /** A colour for the chosen chip (severities). */
  tone?: 'danger' | 'warning'
  badge?: number | null
}

export function Chips<V extends string>({
  options,
  value,
  onChange,
  size = 'normal',
  testId,
}: {
  options: ChipOption<V>[]
  value: V | null | undefined
  onChange: (value: V) => void
  size?: 'normal' | 'small'
  testId?: string
}) {
  return (
    <View className={`chips chips--${size}`} data-testid={testId}>
      {options.map((o) => (
        <View key={o.value} className={`chips__chip ${o.value === value ? `chips__chip--active ${o.tone ? `chips__chip--${o.tone}` : ''}` : ''}`} onClick={() => onChange(o.value)}>
          <Text>{o.label}</Text>
          {o.badge ? <Text className='chips__badge'>{o.badge > 99 ? '99+' : o.badge}</Text> : null}
        </View>
      ))}
    </View>
  )
}
