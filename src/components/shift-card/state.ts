// What state a person's place on a shift is in, as a label and a colour.
import { dutyState } from '@/domain/attendance'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import type { BoardState } from '@/types/attendance'
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
  // Kept on the phone, not yet sent: the server's facts do not know it yet.
  if (pending.out && !mine.outcome && !mine.checkOutAt) return { label: '签退待上传', tone: 'warning' }
  if (pending.in && !mine.outcome && !mine.checkInAt) return { label: '签到待上传', tone: 'warning' }
  // The card does not tell 未开始 / 待签到 / 未到岗 apart (its countdown does), so the school's
  // windows do not change its label: the defaults serve.
  const state = dutyState(
    now,
    shift,
    { checkInAt: mine.checkInAt, checkOutAt: mine.checkOutAt, late: mine.late, outcome: mine.outcome, offPost: false, lastSeenAt: null },
    DEFAULT_SETTINGS,
  )
  return CARD_STATES[state]
}

const SIGNED_UP: ShiftState = { label: '已报名', tone: 'primary' }
const CHECKED_IN: ShiftState = { label: '已签到', tone: 'success' }
const CARD_STATES: Record<BoardState, ShiftState> = {
  upcoming: SIGNED_UP,
  waiting: SIGNED_UP,
  missing: SIGNED_UP,
  on_duty: CHECKED_IN,
  late: CHECKED_IN,
  signal_lost: CHECKED_IN,
  off_post: CHECKED_IN,
  checked_out: { label: '已签退', tone: 'success' },
  no_show: { label: '缺岗', tone: 'danger' },
  missing_checkout: { label: '未签退', tone: 'danger' },
}
