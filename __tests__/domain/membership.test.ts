import { transitionMembership, type MembershipAction } from '../../domain/membership'
import type { MembershipStatus } from '../../types/org'

describe('transitionMembership', () => {
  it.each<[MembershipStatus, MembershipAction, MembershipStatus | 'error', boolean | undefined]>([
    ['pending', 'approve', 'approved', true],
    ['pending', 'reject', 'rejected', true],
    ['pending', 'revoke', 'revoked', true],
    ['approved', 'revoke', 'revoked', true],
    // a retried tap is not an error and changes nothing
    ['approved', 'approve', 'approved', false],
    ['rejected', 'reject', 'rejected', false],
    ['revoked', 'revoke', 'revoked', false],
    // decisions cannot be flipped: a rejected person asks again with an invite
    ['rejected', 'approve', 'error', undefined],
    ['approved', 'reject', 'error', undefined],
    ['revoked', 'approve', 'error', undefined],
    ['rejected', 'revoke', 'error', undefined],
  ])('%s + %s → %s', (from, action, to, changed) => {
    const result = transitionMembership(from, action)
    if (to === 'error') {
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.message).toMatch(/不能/)
    } else {
      expect(result).toEqual({ ok: true, to, changed })
    }
  })
})
