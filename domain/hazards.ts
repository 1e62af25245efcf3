// Hazard states and the one transition table (DESIGN.md §4, FixMyStreet's report states):
// states belong to types, and code asks the type; every change is checked here for the actor's
// right and idempotency before the server writes it with its event.
import type { HazardAction, HazardStatus, Severity } from '../types/hazards'
import { HAZARD_STATUSES } from '../types/hazards'
import { distanceM } from './geo'
import { isClosed, statusType } from './hazard-status'

export { isClosed, statusType, type StatusType } from './hazard-status'
export { nearestSchool } from './geo'

/** Still open: not closed yet (open, or fixed and waiting for the police to close it). */
export const STILL_OPEN_STATUSES: readonly HazardStatus[] = HAZARD_STATUSES.filter((s) => !isClosed(s))

/**
 * Who does what: `handler` holds hazard.handle at the report's school (domain/authorization.ts),
 * `assignee` is the person the report was handed to.
 */
export type HazardActorKind = 'handler' | 'assignee'

interface Rule {
  from: readonly HazardStatus[]
  to: HazardStatus
  who: readonly HazardActorKind[]
  needs?: 'note' | 'duplicateOf' | 'assignee'
}

export const HAZARD_TRANSITIONS: Record<HazardAction, Rule> = {
  accept: { from: ['submitted'], to: 'accepted', who: ['handler'] },
  reject: { from: ['submitted'], to: 'rejected', who: ['handler'], needs: 'note' },
  duplicate: { from: ['submitted', 'accepted'], to: 'duplicate', who: ['handler'], needs: 'duplicateOf' },
  assign: { from: ['accepted', 'assigned', 'resolved'], to: 'assigned', who: ['handler'], needs: 'assignee' },
  resolve: { from: ['assigned'], to: 'resolved', who: ['assignee', 'handler'], needs: 'note' },
  close: { from: ['resolved'], to: 'closed', who: ['handler'] },
  reopen: { from: ['closed', 'rejected', 'duplicate'], to: 'accepted', who: ['handler'], needs: 'note' },
}

export type HazardTransition =
  | { ok: true; to: HazardStatus; changed: true }
  | { ok: true; to: HazardStatus; changed: false }
  | { ok: false; status: 403 | 409 | 400; message: string; field?: string }

export interface TransitionInput {
  note?: string | null
  duplicateOf?: string | null
  hasAssignee?: boolean
}

/**
 * The next status of a report, if this actor may take this action now. Repeating an action
 * that already took effect (a retried tap) answers `changed: false`, except for re-assigning,
 * which is a real change of hands.
 */
export function transitionHazard(from: HazardStatus, action: HazardAction, actor: readonly HazardActorKind[], input: TransitionInput = {}): HazardTransition {
  const rule = HAZARD_TRANSITIONS[action]
  if (!rule.who.some((w) => actor.includes(w))) return { ok: false, status: 403, message: '你不能对该隐患执行此操作' }
  if (from === rule.to && action !== 'assign') return { ok: true, to: from, changed: false }
  if (!rule.from.includes(from)) return { ok: false, status: 409, message: `隐患当前为「${STATUS_TEXT[from]}」，不能${ACTION_TEXT[action]}` }
  if (rule.needs === 'note' && !input.note?.trim()) return { ok: false, status: 400, message: '请填写说明', field: 'note' }
  if (rule.needs === 'duplicateOf' && !input.duplicateOf) return { ok: false, status: 400, message: '请选择重复的隐患', field: 'duplicateOf' }
  if (rule.needs === 'assignee' && !input.hasAssignee) return { ok: false, status: 400, message: '请选择交办的部门或人员', field: 'department' }
  return { ok: true, to: rule.to, changed: true }
}

const STATUS_TEXT: Record<HazardStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  duplicate: '重复上报',
  assigned: '已交办',
  resolved: '已整改',
  closed: '已销号',
}
const ACTION_TEXT: Record<HazardAction, string> = {
  accept: '受理',
  reject: '不予受理',
  duplicate: '标记为重复',
  assign: '交办',
  resolve: '提交整改',
  close: '销号',
  reopen: '重新打开',
}

/** Which kinds of actor a person is for one report. */
export function hazardActorKinds(handles: boolean, isAssignee: boolean): HazardActorKind[] {
  const kinds: HazardActorKind[] = []
  if (handles) kinds.push('handler')
  if (isAssignee) kinds.push('assignee')
  return kinds
}

const HOUR = 3_600_000
export const DEADLINE_HOURS: Record<Severity, number> = { high: 24, medium: 72, low: 168 }

export function deadlineFor(severity: Severity, from: Date): string {
  return new Date(from.getTime() + DEADLINE_HOURS[severity] * HOUR).toISOString()
}

/** Overdue: handed over with a deadline that has passed and not fixed or closed yet. */
export function isOverdue(status: HazardStatus, deadline: string | null, now: Date): boolean {
  return status === 'assigned' && deadline !== null && new Date(deadline).getTime() < now.getTime()
}

/** Queue order: overdue first, then severity, then the nearest deadline, then the oldest. */
export function urgencyRank(h: { status: HazardStatus; severity: Severity; deadline: string | null; createdAt: string }, now: Date): [number, number, string, string] {
  const sev = { high: 0, medium: 1, low: 2 }[h.severity]
  return [isOverdue(h.status, h.deadline, now) ? 0 : statusType(h.status) === 'open' ? 1 : 2, sev, h.deadline ?? '9999', h.createdAt]
}

export function compareUrgency(a: Parameters<typeof urgencyRank>[0], b: Parameters<typeof urgencyRank>[0], now: Date): number {
  const ra = urgencyRank(a, now)
  const rb = urgencyRank(b, now)
  for (let i = 0; i < ra.length; i++) {
    if (ra[i] < rb[i]) return -1
    if (ra[i] > rb[i]) return 1
  }
  return 0
}

export const NEARBY_DUPLICATE_M = 50

/** Open reports of the same category within 50 m: offered as "我也遇到了" instead of a duplicate. */
export function nearbyOpen<T extends { lat: number; lng: number; categoryId: string; status: HazardStatus }>(
  reports: readonly T[],
  point: { lat: number; lng: number },
  categoryId: string,
): (T & { distanceM: number })[] {
  return reports
    .filter((r) => r.categoryId === categoryId && statusType(r.status) !== 'closed')
    .map((r) => ({ ...r, distanceM: Math.round(distanceM(r, point)) }))
    .filter((r) => r.distanceM <= NEARBY_DUPLICATE_M)
    .sort((a, b) => a.distanceM - b.distanceM)
}
