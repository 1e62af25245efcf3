import { inviteCodeFromBytes, inviteCodeFromScan, inviteUnusableReason, normalizeInviteCode } from '../../domain/invite'

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

describe('inviteCodeFromScan', () => {
  it.each([
    ['a printed 小程序码 on Android', { scanType: 'WX_CODE', result: '', path: 'packages/account/pages/join/index?scene=ABCD2345' }, 'ABCD2345'],
    ['a printed 小程序码 on iOS (= encoded)', { scanType: 'WX_CODE', result: '', path: 'packages/account/pages/join/index?scene%3DABCD2345' }, 'ABCD2345'],
    ['the whole query encoded', { scanType: 'WX_CODE', path: 'packages/account/pages/join/index%3Fscene%3DABCD2345' }, 'ABCD2345'],
    ['encoded twice', { scanType: 'WX_CODE', path: 'packages/account/pages/join/index?scene%253DABCD2345' }, 'ABCD2345'],
    ['with a leading slash and another parameter', { scanType: 'WX_CODE', path: '/packages/account/pages/join/index?from=poster&scene=abcd2345' }, 'ABCD2345'],
    ['a QR code of the H5 link', { scanType: 'QR_CODE', result: 'https://hxg.example.cn/#/packages/account/pages/join/index?code=ABCD2345' }, 'ABCD2345'],
    ['a QR code of the bare code', { scanType: 'QR_CODE', result: ' abcd-2345 ' }, 'ABCD2345'],
    ['a 小程序码 without a scene falls back to the result', { scanType: 'WX_CODE', path: 'pages/home/index', result: 'ABCD2345' }, 'ABCD2345'],
  ])('%s', (_name, scan, code) => {
    expect(inviteCodeFromScan(scan)).toBe(code)
  })
})
