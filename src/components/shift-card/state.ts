// What state a person's place on a shift is in, as a label and a colour.
import type { Shift } from '@/types/shifts'
import type { PillTone } from '../pill'

export interface ShiftState {
  label: string
  tone: PillTone
}

export function shiftStateOf(shift: Shift, pending: { in: boolean; out: boolean }, now: Date): ShiftState {
  const mine = shift.mine
  if (shift.status === 'cancelled' || mine?.status === 'cancelled') return { label: '班次取消', tone: 'neutral' }
  if (!mine) return { label: '未报名', tone: 'neutral' }
  switch (mine.status) {
    case 'released':
      return { label: '已释放', tone: 'neutral' }
    case 'removed':
      return { label: '已移除', tone: 'danger' }
    case 'swapped':
      return { label: '已换出', tone: 'neutral' }
    case 'waitlisted':
      return { label: mine.waitlistPosition ? `候补 ${mine.waitlistPosition}` : '候补', tone: 'warning' }
    default:
      break
  }
  if (mine.outcome === 'no_show') return { label: '缺岗', tone: 'danger' }
  if (mine.outcome === 'missing_checkout') return { label: '未签退', tone: 'danger' }
  if (mine.checkOutAt) return { label: '已签退', tone: 'success' }
  if (pending.out) return { label: '签退待上传', tone: 'warning' }
  if (mine.checkInAt) return { label: '已签到', tone: 'success' }
  if (pending.in) return { label: '签到待上传', tone: 'warning' }
  if (new Date(shift.endsAt).getTime() <= now.getTime()) return { label: '缺岗', tone: 'danger' }
  return { label: '已报名', tone: 'primary' }
}
