// Invite codes: a principal or police officer lets people ask to join a school with a role.

export interface InviteState {
  expiresAt: string
  maxUses: number
  usedCount: number
  revokedAt: string | null
}

/** Why an invite cannot be used at `now`, in Chinese, or null when it can. */
export function inviteUnusableReason(invite: InviteState, now: Date): string | null {
  if (invite.revokedAt) return '邀请码已作废'
  if (new Date(invite.expiresAt).getTime() <= now.getTime()) return '邀请码已过期'
  if (invite.usedCount >= invite.maxUses) return '邀请码使用次数已满'
  return null
}

// No 0/O/1/I/L: codes are read aloud and typed from a WeChat group message.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const INVITE_CODE_LENGTH = 8

/** An invite code from random bytes (the caller supplies them, so this stays pure). */
export function inviteCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < INVITE_CODE_LENGTH) throw new Error('need 8 random bytes')
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += ALPHABET[bytes[i] % ALPHABET.length]
  return code
}

/** Accepts what people type: lower case, spaces, dashes. */
export function normalizeInviteCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

export const INVITE_LIMITS = { minDays: 1, maxDays: 90, minUses: 1, maxUses: 500 } as const

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The code inside what a camera scan or a pasted link gives: a join link, a `scene`, or a bare code. */
export function inviteCodeFromText(text: string): string {
  const trimmed = text.trim()
  const match = trimmed.match(/[?&](?:code|scene)=([^&#]+)/)
  const raw = match ? decodeOnce(match[1]) : trimmed
  return normalizeInviteCode(raw.replace(/^(code|scene)=/, ''))
}

/** What WeChat's scanCode answers: `result` for a QR code, `path` for a mini-program code. */
export interface ScanAnswer {
  result?: string
  path?: string
  scanType?: string
}

/**
 * The invite code a scan gives. A printed 小程序码 (scanType WX_CODE) opens the join page with the
 * code as its `scene`: WeChat hands over the page in `path` (iOS encodes `?scene=X` as
 * `?scene%3DX`), and `result` may be empty. A QR code of the H5 link carries it in `result`.
 */
export function inviteCodeFromScan(scan: ScanAnswer): string {
  if (scan.path) {
    let path = scan.path
    // decode until the query shows (at most twice: `%253D` has been seen from double encoding)
    for (let i = 0; i < 2 && !/[?&]scene=/.test(path); i++) path = decodeOnce(path)
    const match = path.match(/[?&]scene=([^&#]*)/)
    if (match && match[1]) return inviteCodeFromText(decodeOnce(match[1]))
  }
  return inviteCodeFromText(scan.result ?? '')
}
