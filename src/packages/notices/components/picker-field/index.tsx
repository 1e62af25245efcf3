// A form row that opens NutUI's DatePicker (date, or date and time). The picker works in the
// phone's own clock; callers convert to Shanghai instants (utils/notices).
import { Text, View } from '@tarojs/components'
import { DatePicker } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { serverNow } from '@/services/server-clock'
import './index.scss'

export interface PickerFieldProps {
  label: string
  type: 'date' | 'datetime'
  /** The picker's current value, or null when nothing is chosen yet. */
  value: Date | null
  /** Where the picker opens when nothing is chosen yet. */
  initial: Date
  /** What the row shows for the chosen value. */
  display: string | null
  placeholder: string
  startDate?: Date
  endDate?: Date
  required?: boolean
  onConfirm: (date: Date) => void
  /** Offers 清除 when given and a value is chosen. */
  onClear?: () => void
  testId?: string
}

export function PickerField({ label, type, value, initial, display, placeholder, startDate, endDate, required, onConfirm, onClear, testId }: PickerFieldProps) {
  const [open, setOpen] = useState(false)
  const now = serverNow()
  return (
    <View className='picker-field' data-testid={testId}>
      <Text className='picker-field__label'>
        {label}
        {required ? <Text className='picker-field__required'>*</Text> : null}
      </Text>
      <View className='picker-field__value' onClick={() => setOpen(true)}>
        <Text className={display ? '' : 'picker-field__placeholder'}>{display ?? placeholder}</Text>
      </View>
      {onClear && display ? (
        <Text className='picker-field__clear' onClick={onClear}>
          清除
        </Text>
      ) : (
        <Text className='picker-field__arrow'>›</Text>
      )}
      <DatePicker
        visible={open}
        title={label}
        type={type}
        value={value ?? initial}
        minuteStep={5}
        showChinese
        startDate={startDate ?? new Date(now.getFullYear() - 1, 0, 1)}
        endDate={endDate ?? new Date(now.getFullYear() + 2, 11, 31)}
        onClose={() => setOpen(false)}
        onConfirm={(_options, values) => {
          const [y, m, d, h = 0, mi = 0] = values.map((v) => Number(v))
          onConfirm(new Date(y, m - 1, d, h, mi))
        }}
      />
    </View>
  )
}
