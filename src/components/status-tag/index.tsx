import type { MembershipStatus } from '@/types/org'
import { MEMBERSHIP_STATUS_LABELS } from '@/types/org'
import { Pill, type PillTone } from '../pill'

const TONE: Record<MembershipStatus, PillTone> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  revoked: 'neutral',
}

export function StatusTag({ status }: { status: MembershipStatus }) {
  return <Pill tone={TONE[status]}>{MEMBERSHIP_STATUS_LABELS[status]}</Pill>
}
