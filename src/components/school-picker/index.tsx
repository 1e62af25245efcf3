// Which managed school a manage page is about; hidden when there is only one.
import { Text, View } from '@tarojs/components'
import type { School } from '@/types/api'
import './index.scss'

export interface SchoolPickerProps {
  schools: School[]
  value: string | null
  onChange: (schoolId: string) => void
  /** A count shown on a school's chip (e.g. its pending requests). */
  countOf?: (schoolId: string) => number
}

export function SchoolPicker({ schools, value, onChange, countOf }: SchoolPickerProps) {
  if (schools.length === 0) return null
  if (schools.length === 1) {
    return (
      <View className='school-picker school-picker--single'>
        <Text className='school-picker__name'>{schools[0].name}</Text>
      </View>
    )
  }
  return (
    <View className='school-picker'>
      {schools.map((s) => (
        <View key={s.id} className={`school-picker__chip ${s.id === value ? 'school-picker__chip--active' : ''}`} onClick={() => onChange(s.id)}>
          <Text>{s.name}</Text>
          {countOf && countOf(s.id) > 0 ? <Text className='school-picker__count'>{countOf(s.id)}</Text> : null}
        </View>
      ))}
    </View>
  )
}
