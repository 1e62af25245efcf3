// The bulletin's rules (types/bulletin.ts): who counts as what, the period before, the comparison.
import type { Role } from '../types/org'
import type { Compared, ParticipantKind, VolunteerKind } from '../types/bulletin'
import { dayjs } from './time'

/** A volunteer is a parent unless they joined as a society volunteer; the other duty roles are themselves. */
export function participantKind(signupRole: Role, volunteerKind: string | null | undefined): ParticipantKind {
  if (signupRole === 'volunteer') return volunteerKind === 'society' ? 'society' : 'parent'
  if (signupRole === 'teacher' || signupRole === 'guard' || signupRole === 'police') return signupRole
  return 'parent'
}

/** Whether joining with this role asks for a volunteer kind (学生家长 / 社会志愿者). */
export const takesVolunteerKind = (role: Role): boolean => role === 'volunteer'

/** What a membership of this role stores as its volunteer kind. */
export function volunteerKindFor(role: Role, chosen: VolunteerKind | undefined): VolunteerKind | null {
  return takesVolunteerKind(role) ? (chosen ?? 'parent') : null
}

/** The period of the same length just before [from, to] (local dates, both ends included). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = dayjs(to).diff(dayjs(from), 'day') + 1
  const prevTo = dayjs(from).subtract(1, 'day')
  return { from: prevTo.subtract(days - 1, 'day').format('YYYY-MM-DD'), to: prevTo.format('YYYY-MM-DD') }
}

export const compared = (current: number | null, previous: number | null): Compared => ({ current, previous })

/** The change from the period before, as a bulletin words it: "较上期 +12" / "-3.5 个百分点" / "持平". */
export function changeText(c: Compared, asRate = false): string {
  if (c.current === null || c.previous === null) return '上期无可比数据'
  const diff = asRate ? Math.round((c.current - c.previous) * 1000) / 10 : Math.round((c.current - c.previous) * 10) / 10
  if (diff === 0) return '与上期持平'
  const sign = diff > 0 ? '+' : ''
  return asRate ? `较上期 ${sign}${diff} 个百分点` : `较上期 ${sign}${diff}`
}

/** The middle value (the mean of the two middle ones for an even count), null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const v = [...values].sort((a, b) => a - b)
  const mid = Math.floor(v.length / 2)
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

/** Rounds to one decimal: averages and hours as the bulletin prints them. */
export const oneDecimal = (n: number): number => Math.round(n * 10) / 10
