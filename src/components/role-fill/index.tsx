// Places taken per role on a shift: "志愿者 1/2 · 候补 1".
import { Text, View } from '@tarojs/components'
import type { RoleFill as Fill } from '@/types/shifts'
import { SHIFT_ROLE_SHORT } from '@/utils/duty-format'
import './index.scss'

export function RoleFill({ roles }: { roles: Fill[] }) {
  const shown = roles.filter((r) => r.required > 0)
  return (
    <View className='role-fill'>
      {shown.map((r) => {
        const full = r.filled >= r.required
        return (
          <Text key={r.role} className={`role-fill__item ${full ? 'role-fill__item--full' : 'role-fill__item--open'}`} data-testid={`fill-${r.role}`}>
            {SHIFT_ROLE_SHORT[r.role]} {r.filled}/{r.required}
            {r.waitlisted ? ` · 候补 ${r.waitlisted}` : ''}
          </Text>
        )
      })}
    </View>
  )
}
