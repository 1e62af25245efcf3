import { inviteCodeFromBytes, inviteUnusableReason, normalizeInviteCode } from '../../domain/invite'

const now = new Date('2026-11-28T08:00:00Z')
const base = { expiresAt: '2026-12-05T08:00:00Z', maxUses: 10, usedCount: 3, revokedAt: null }

describe('inviteUnusableReason', () => {
  it.each([
    ['usable', base, null],
    ['revoked', { ...base, revokedAt: '2026-11-27T00:00:00Z' }, '邀请码已作废'],
    ['expired exactly now', { ...base, expiresAt: now.toISOString() }, '邀请码已过期'],
    ['expired', { ...base, expiresAt: '2026-11-01T00:00:00Z' }, '邀请码已过期'],
    ['used up', { ...base, usedCount: 10 }, '邀请码使用次数已满'],
    ['last use left', { ...base, usedCount: 9 }, null],
  ])('%s', (_name, invite, expected) => {
    expect(inviteUnusableReason(invite, now)).toBe(expected)
  })
})

describe('invite codes', () => {
  it('are 8 characters without look-alike letters', () => {
    const code = inviteCodeFromBytes(new Uint8Array([0, 1, 2, 3, 250, 251, 252, 255]))
    expect(code).toHaveLength(8)
    expect(code).not.toMatch(/[01OIL]/)
  })
  it('normalises what people type', () => {
    expect(normalizeInviteCode(' abcd-efgh ')).toBe('ABCDEFGH')
  })
})
