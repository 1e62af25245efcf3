// Status, severity and overdue of a hazard, as small pills: the colour follows the status type.
import { HAZARD_STATUS_LABELS, SEVERITY_LABELS, type HazardStatus, type Severity } from '@/types/hazards'
import { statusType } from '@/domain/hazard-status'
import { Text } from '@tarojs/components'
import { Pill, type PillTone } from '../pill'
import './index.scss'

const STATUS_TONE: Record<HazardStatus, PillTone> = {
  submitted: 'warning',
  accepted: 'primary',
  assigned: 'primary',
  resolved: 'success',
  closed: 'neutral',
  rejected: 'neutral',
  duplicate: 'neutral',
}

export function HazardStatusTag({ status }: { status: HazardStatus }) {
  // closed kinds read the same colour; the label says which
  return <Pill tone={statusType(status) === 'closed' ? 'neutral' : STATUS_TONE[status]}>{HAZARD_STATUS_LABELS[status]}</Pill>
}

/** Severity reads as an outlined tag, so that it is not mistaken for the status next to it. */
export function SeverityTag({ severity }: { severity: Severity }) {
  return <Text className={`severity-tag severity-tag--${severity}`}>{SEVERITY_LABELS[severity]}</Text>
}

export function OverdueTag() {
  return <Pill tone='danger'>已逾期</Pill>
}
