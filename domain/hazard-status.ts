// A hazard state's type (open / fixed / closed): what 首页, the lists and the tags ask of a state.
// Apart from domain/hazards.ts (the transition table) so the main package imports only this.
import type { HazardStatus } from '../types/hazards'

export type StatusType = 'open' | 'fixed' | 'closed'

const TYPE: Record<HazardStatus, StatusType> = {
  submitted: 'open',
  accepted: 'open',
  assigned: 'open',
  resolved: 'fixed',
  rejected: 'closed',
  duplicate: 'closed',
  closed: 'closed',
}

export const statusType = (s: HazardStatus): StatusType => TYPE[s]
export const isClosed = (s: HazardStatus) => TYPE[s] === 'closed'
