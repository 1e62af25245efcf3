// Every membership of a person: role, where, and how the application stands.
import { Text, View } from '@tarojs/components'
import type { Membership } from '@/types/api'
import { ROLE_LABELS } from '@/types/org'
import { scopeName } from '@/stores/me-store'
import { formatInstant } from '@/utils/format'
import { StatusTag } from '../status-tag'
import './index.scss'

export function MembershipList({ memberships }: { memberships: Membership[] }) {
  return (
    <View className='membership-list'>
      {memberships.map((m) => (
        <View key={m.id} className='membership-list__item' data-testid='membership'>
          <View className='membership-list__head'>
            <View className='membership-list__where'>
              <Text className='membership-list__scope'>{scopeName(m)}</Text>
              <Text className='membership-list__role'>{ROLE_LABELS[m.role]}</Text>
            </View>
            <StatusTag status={m.status} />
          </View>
          {m.status === 'pending' ? <Text className='membership-list__note'>已于 {formatInstant(m.createdAt)} 提交，等待学校审核</Text> : null}
          {(m.status === 'rejected' || m.status === 'revoked') && m.reason ? <Text className='membership-list__note membership-list__note--reason'>原因：{m.reason}</Text> : null}
        </View>
      ))}
    </View>
  )
}
