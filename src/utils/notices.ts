// How notices read on screen, and the bridge between NutUI's DatePicker (the phone's own clock
// zone) and instants in Asia/Shanghai (DESIGN.md §4: every rule in Shanghai time).
import type { Notice } from '@/types/notices'
import { ROLE_LABELS, ROLES, type Role } from '@/types/org'
import { formatLocal, local, localToInstant } from '@/domain/time'
import { ApiError } from '@/services/http'
import { LocationError } from '@/services/location'
import { serverNow } from '@/services/server-clock'

/** A Date whose wall clock on this phone reads as the instant does in Shanghai (for the picker). */
export function pickerDate(instant: string): Date {
  const l = local(instant)
  return new Date(l.year(), l.month(), l.date(), l.hour(), l.minute())
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The picker's day as a local date, YYYY-MM-DD. */
export function localDateFromPicker(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The picker's wall clock read as Shanghai time, as a UTC instant. */
export function instantFromPicker(date: Date): string {
  return localToInstant(localDateFromPicker(date), `${pad(date.getHours())}:${pad(date.getMinutes())}`)
}

/** A local date (YYYY-MM-DD) as a picker Date at midnight. */
export function pickerDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(y, m - 1, d)
}

/** The next whole `stepMin` minutes from now (Shanghai is a whole-hour offset from UTC). */
export function roundUp(now: Date, stepMin: number): string {
  const step = stepMin * 60_000
  return new Date(Math.ceil(now.getTime() / step) * step).toISOString()
}

export function addMinutes(instant: string, minutes: number): string {
  return new Date(new Date(instant).getTime() + minutes * 60_000).toISOString()
}

/** 12月5日 周六 09:00 */
export function dateTimeText(instant: string): string {
  const sameYear = local(instant).year() === local(serverNow()).year()
  return formatLocal(instant, sameYear ? 'M月D日 ddd HH:mm' : 'YYYY年M月D日 ddd HH:mm')
}

/** 12月5日 周六 09:00–11:00, or both ends in full when they fall on different days. */
export function eventWhen(notice: Pick<Notice, 'eventAt' | 'eventEndAt'>): string | null {
  if (!notice.eventAt) return null
  const start = dateTimeText(notice.eventAt)
  if (!notice.eventEndAt) return start
  const sameDay = formatLocal(notice.eventAt, 'YYYY-MM-DD') === formatLocal(notice.eventEndAt, 'YYYY-MM-DD')
  return `${start}–${sameDay ? formatLocal(notice.eventEndAt, 'HH:mm') : dateTimeText(notice.eventEndAt)}`
}

/** 京山小学 · 家长志愿者、教师 */
export function audienceText(notice: Pick<Notice, 'audience'>, schoolName: (id: string) => string | undefined): string {
  const schools = notice.audience.schoolIds.map((id) => schoolName(id) ?? '').filter(Boolean)
  const roles = ROLES.filter((r: Role) => notice.audience.roles.includes(r))
    .map((r) => ROLE_LABELS[r])
    .join('、')
  const where =
    schools.length === 0 ? `${notice.audience.schoolIds.length} 所学校` : schools.length > 2 ? `${schools.slice(0, 2).join('、')} 等 ${schools.length} 所学校` : schools.join('、')
  return `${where} · ${roles}`
}

/** What to tell a person about a failed action: the server's message, a locating problem, or a rule from the app. */
export function actionMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  if (error instanceof ApiError || error instanceof LocationError) return error.message
  // rules checked in the stores say why in Chinese; anything else is not for people to read
  if (error instanceof Error && /[\u4e00-\u9fa5]/.test(error.message)) return error.message
  return fallback
}
