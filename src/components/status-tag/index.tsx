import { Tag } from '@nutui/nutui-react-taro'
import type { MembershipStatus } from '@/types/org'
import { MEMBERSHIP_STATUS_LABELS } from '@/types/org'

const TAG_TYPE: Record<MembershipStatus, 'warning' | 'success' | 'danger' | 'default'> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  revoked: 'default',
}

export function StatusTag({ status }: { status: MembershipStatus }) {
  return (
    <Tag type={TAG_TYPE[status]} plain round className='status-tag'>
      {MEMBERSHIP_STATUS_LABELS[status]}
    </Tag>
  )
}
