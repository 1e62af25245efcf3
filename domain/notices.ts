// Notices (DESIGN.md §4): who a notice reaches, when a reminder may go out again, and whether a
// training still takes RSVPs. Pure.
import type { NoticeInput } from '../types/notices'
import type { Role } from '../types/org'

export interface AudienceMember {
  personId: string
  role: Role
  schoolId: string
}

/** Recipients: people with an approved membership in one of the schools with one of the roles. */
export function resolveAudience(members: readonly AudienceMember[], audience: { schoolIds: readonly string[]; roles: readonly Role[] }): AudienceMember[] {
  const schools = new Set(audience.schoolIds)
  const roles = new Set(audience.roles)
  const seen = new Set<string>()
  const result: AudienceMember[] = []
  for (const m of members) {
    if (!schools.has(m.schoolId) || !roles.has(m.role)) continue
    // one receipt per person and school, whatever roles they hold there
    const key = `${m.personId}|${m.schoolId}`
    if (seen.has(key)) continue
    seen.add(key)
    result.push(m)
  }
  return result
}

export const REMIND_EVERY_MIN = 5
export const MAX_REMINDERS = 3

/** Null when a reminder may go out now; else why not, in Chinese. */
export function reminderBlockReason(count: number, lastAt: string | null, now: Date): string | null {
  if (count >= MAX_REMINDERS) return `最多提醒 ${MAX_REMINDERS} 次，已用完`
  if (lastAt && now.getTime() - new Date(lastAt).getTime() < REMIND_EVERY_MIN * 60_000) return `${REMIND_EVERY_MIN} 分钟内只能提醒一次`
  return null
}

export function nextReminderAt(count: number, lastAt: string | null): string | null {
  if (count >= MAX_REMINDERS || !lastAt) return null
  return new Date(new Date(lastAt).getTime() + REMIND_EVERY_MIN * 60_000).toISOString()
}

/** Why a person cannot join (报名参加) a training now, or null. */
export function rsvpBlockReason(n: { capacity: number | null; deadline: string | null; joined: number }, now: Date, alreadyJoined: boolean): string | null {
  if (alreadyJoined) return null
  if (n.deadline && now.getTime() > new Date(n.deadline).getTime()) return '报名已截止'
  if (n.capacity !== null && n.joined >= n.capacity) return '名额已满'
  return null
}

/** Attendance at a drill or training counts from 30 minutes before it starts until it ends. */
export function attendanceOpen(now: Date, eventAt: string | null, eventEndAt: string | null): boolean {
  if (!eventAt) return false
  const start = new Date(eventAt).getTime() - 30 * 60_000
  const end = new Date(eventEndAt ?? new Date(new Date(eventAt).getTime() + 2 * 3_600_000).toISOString()).getTime()
  return now.getTime() >= start && now.getTime() <= end
}

/** What keeps a notice from being saved: the field it is about and why, in Chinese. */
export interface NoticeProblem {
  field: string
  message: string
}

/** A notice goes to at least one school and one role. */
export function noticeAudienceProblem(audience: NoticeInput['audience']): NoticeProblem | null {
  if (audience.schoolIds.length === 0) return { field: 'audience.schoolIds', message: '请选择至少一所学校' }
  if (audience.roles.length === 0) return { field: 'audience.roles', message: '请选择至少一个角色' }
  return null
}

/**
 * The first thing that keeps a notice from being saved, in the order of the form: the compose
 * page shows it, the server refuses with it. Drills and trainings have a time; a training has
 * places and its sign-up closes before it ends.
 */
export function noticeProblem(n: Omit<NoticeInput, 'place' | 'location' | 'ackRequired' | 'attachmentIds'>): NoticeProblem | null {
  if (!n.title.trim()) return { field: 'title', message: '请填写标题' }
  if (!n.body.trim()) return { field: 'body', message: '请填写通知内容' }
  if (n.type !== 'general' && !n.eventAt) return { field: 'eventAt', message: '演练和培训请选择开始时间' }
  if (n.eventAt && n.eventEndAt && n.eventEndAt <= n.eventAt) return { field: 'eventEndAt', message: '结束时间应晚于开始时间' }
  if (n.type === 'training') {
    if (!(Number.isInteger(n.rsvpCapacity) && (n.rsvpCapacity ?? 0) >= 1)) return { field: 'rsvpCapacity', message: '培训请设置报名名额' }
    if (n.rsvpDeadline && n.eventEndAt && n.rsvpDeadline > n.eventEndAt) return { field: 'rsvpDeadline', message: '报名截止时间应早于培训结束' }
  }
  return noticeAudienceProblem(n.audience)
}
