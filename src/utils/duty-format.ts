// How shifts, times and hours read on screen (Asia/Shanghai, through domain/time).
import type { Shift, ShiftRole, Weekday } from '@/types/shifts'
import { WEEKDAY_LABELS } from '@/types/shifts'
import { dayjs, formatLocal, local } from '@/domain/time'
import { serverNow } from '@/services/server-clock'

export const SHIFT_ROLE_SHORT: Record<ShiftRole, string> = { volunteer: '志愿者', teacher: '教师', guard: '保安', police: '民警' }

/** Today's local date, YYYY-MM-DD. */
export function localToday(now: Date = serverNow()): string {
  return local(now).format('YYYY-MM-DD')
}

export function addLocalDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD')
}

export function weekdayLabel(date: string): string {
  return WEEKDAY_LABELS[dayjs(date).isoWeekday() as Weekday]
}

/** 今天 / 明天 / 后天 / 11月30日, with the weekday: "明天 周二". */
export function dayLabel(date: string, now: Date = serverNow()): string {
  const today = localToday(now)
  const diff = dayjs(date).diff(dayjs(today), 'day')
  const name = diff === 0 ? '今天' : diff === 1 ? '明天' : diff === 2 ? '后天' : diff === -1 ? '昨天' : `${dayjs(date).month() + 1}月${dayjs(date).date()}日`
  return `${name} ${weekdayLabel(date)}`
}

/** "明天 周二 07:20–08:00" */
export function shiftWhen(shift: { date: string; startTime: string; endTime: string }, now: Date = serverNow()): string {
  return `${dayLabel(shift.date, now)} ${shift.startTime}–${shift.endTime}`
}

/**
 * A share card's title (转发到家长群): where, when — as a date, since it is read later, not
 * 明天 — and how many places are still open, which is what makes people tap it.
 */
export function shiftShareTitle(shift: Pick<Shift, 'schoolName' | 'postName' | 'date' | 'startTime' | 'endTime' | 'roles'>): string {
  const missing = shift.roles.reduce((n, r) => n + Math.max(0, r.required - r.filled), 0)
  const when = `${dayjs(shift.date).month() + 1}月${dayjs(shift.date).date()}日 ${weekdayLabel(shift.date)} ${shift.startTime}–${shift.endTime}`
  const what = missing > 0 ? `护学岗还缺 ${missing} 人，点此报名` : '护学岗'
  return `${shift.schoolName} ${shift.postName} ${when} ${what}`
}

/** 1 小时 5 分 / 25 分钟 / 不到 1 分钟 */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000)
  if (minutes < 1) return '不到 1 分钟'
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  if (days > 0) return `${days} 天${hours ? ` ${hours} 小时` : ''}`
  if (hours > 0) return `${hours} 小时${rest ? ` ${rest} 分` : ''}`
  return `${rest} 分钟`
}

/** The countdown line of a shift card. */
export function countdownText(shift: { startsAt: string; endsAt: string }, now: Date, checkinOpensMin: number): string {
  const t = now.getTime()
  const start = new Date(shift.startsAt).getTime()
  const end = new Date(shift.endsAt).getTime()
  if (t >= end) return '已结束'
  if (t >= start) return `进行中 · 距结束 ${durationText(end - t)}`
  const opens = start - checkinOpensMin * 60_000
  if (t >= opens) return `签到已开放 · 距开始 ${durationText(start - t)}`
  return `距开始 ${durationText(start - t)}`
}

/**
 * The countdown line once checked in: what is next rather than how far the start is.
 * `checkedInAt` is the check-in (or the time of one kept on the phone), `checkedOutAt` the check-out.
 */
export function onDutyText(shift: { startsAt: string; endsAt: string }, checkedInAt: string, checkedOutAt: string | null, now: Date, checkoutOpensBeforeEndMin: number): string {
  if (checkedOutAt) return `已签退 · ${timeOf(checkedOutAt)}`
  const t = now.getTime()
  const end = new Date(shift.endsAt).getTime()
  const since = `值守中 · ${timeOf(checkedInAt)} 签到`
  if (t >= end) return `${since} · 班次已结束，请签退`
  const opens = end - checkoutOpensBeforeEndMin * 60_000
  if (t >= opens) return `${since} · 现在可以签退`
  return `${since} · ${timeOf(new Date(opens).toISOString())} 起可签退`
}

export function timeOf(instant: string | null | undefined): string {
  return instant ? formatLocal(instant, 'HH:mm') : '—'
}

/** 2.5 小时 (no trailing .0) */
export function hoursText(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} 小时`
}

/** 周一至周五 / 每天 / 周一、周三 */
export function weekdaysText(days: readonly Weekday[]): string {
  const sorted = [...days].sort((a, b) => a - b)
  if (sorted.length === 7) return '每天'
  const consecutive = sorted.length > 2 && sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1)
  if (consecutive) return `${WEEKDAY_LABELS[sorted[0]]}至${WEEKDAY_LABELS[sorted[sorted.length - 1]]}`
  return sorted.map((d) => WEEKDAY_LABELS[d]).join('、')
}
