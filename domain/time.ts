// The one place that configures dayjs: every rule of DESIGN.md §4 runs in Asia/Shanghai.
// Nothing else imports dayjs plugins; import `dayjs` and `local` from here.
//
// Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so local time is a fixed
// offset: no Intl time-zone database is needed, which some WeChat Android runtimes lack.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import isoWeek from 'dayjs/plugin/isoWeek'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.extend(isoWeek)
dayjs.locale('zh-cn')

const OFFSET_MIN = 8 * 60

/** An instant as local time in Asia/Shanghai. */
export function local(instant: string | number | Date | dayjs.Dayjs): dayjs.Dayjs {
  return dayjs(instant).utcOffset(OFFSET_MIN)
}

/** Local date and time (YYYY-MM-DD, HH:mm) in Asia/Shanghai to a UTC ISO instant. */
export function localToInstant(date: string, time = '00:00'): string {
  return dayjs.utc(`${date}T${time}:00`).subtract(OFFSET_MIN, 'minute').toISOString()
}

/** "2026-11-28 08:05" in Asia/Shanghai, for people. */
export function formatLocal(instant: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  return local(instant).format(pattern)
}

export { dayjs }
