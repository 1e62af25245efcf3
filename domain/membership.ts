// Membership states: nobody stands at a school gate unvetted (DESIGN.md §2).
import type { MembershipStatus } from '../types/org'

export type MembershipAction = 'approve' | 'reject' | 'revoke'

const TRANSITIONS: Record<MembershipAction, { from: readonly MembershipStatus[]; to: MembershipStatus }> = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  revoke: { from: ['approved', 'pending'], to: 'revoked' },
}

export type TransitionResult = { ok: true; to: MembershipStatus; changed: boolean } | { ok: false; message: string }

/**
 * The next status of a membership. Repeating a decision that already took effect is not an
 * error (a retried tap): it answers `changed: false`.
 */
export function transitionMembership(from: MembershipStatus, action: MembershipAction): TransitionResult {
  const rule = TRANSITIONS[action]
  if (from === rule.to) return { ok: true, to: from, changed: false }
  if (!rule.from.includes(from)) {
    return { ok: false, message: `该成员当前为「${STATUS_TEXT[from]}」，不能${ACTION_TEXT[action]}` }
  }
  return { ok: true, to: rule.to, changed: true }
}

const STATUS_TEXT: Record<MembershipStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  revoked: '已移出',
}
const ACTION_TEXT: Record<MembershipAction, string> = { approve: '通过', reject: '拒绝', revoke: '移出' }
