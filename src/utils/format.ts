import { formatLocal, local } from '@/domain/time'
import { serverNow } from '@/services/server-clock'

/** 11-28 08:05 this year, 2025-11-28 08:05 otherwise. */
export function formatInstant(instant: string): string {
  const sameYear = local(instant).year() === local(serverNow()).year()
  return formatLocal(instant, sameYear ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm')
}

/** 11月28日 星期五 */
export function formatToday(now: Date = serverNow()): string {
  return local(now).format('M月D日 dddd')
}

/** 早上好 / 上午好 / 中午好 / 下午好 / 晚上好 by the hour in Asia/Shanghai. */
export function greeting(now: Date = serverNow()): string {
  const h = local(now).hour()
  if (h < 5) return '夜深了'
  if (h < 9) return '早上好'
  if (h < 12) return '上午好'
  if (h < 14) return '中午好'
  if (h < 18) return '下午好'
  return '晚上好'
}
