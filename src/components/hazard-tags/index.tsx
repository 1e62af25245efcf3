// Status, severity and overdue of a hazard, as small pills: the colour follows the status type.
import { HAZARD_STATUS_LABELS, SEVERITY_LABELS, type HazardStatus, type Severity } from '@/types/hazards'
import { statusType } from '@/domain/hazards'
import { Pill, type PillTone } from '../pill'

const STATUS_TONE: Record<HazardStatus, PillTone> = {
  submitted: 'warning',
  accepted: 'primary',
  assigned: 'primary',
  resolved: 'success',
  closed: 'neutral',
  rejected: 'neutral',
  duplicate: 'neutral',
}

const SEVERITY_TONE: Record<Severity, PillTone> = { high: 'danger', medium: 'warning', low: 'neutral' }

export function HazardStatusTag({ status }: { status: HazardStatus }) {
  // closed kinds read the same colour; the label says which
  return <Pill tone={statusType(status) === 'closed' ? 'neutral' : STATUS_TONE[status]}>{HAZARD_STATUS_LABELS[status]}</Pill>
}

export function SeverityTag({ severity }: { severity: Severity }) {
  return <Pill tone={SEVERITY_TONE[severity]}>{SEVERITY_LABELS[severity]}</Pill>
}

export function OverdueTag() {
  return <Pill tone='danger'>已逾期</Pill>
}
