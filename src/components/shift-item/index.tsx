// One shift in a list (the week view, my shifts): time, post, places per role, and either the
// person's state on it or the one-tap action they can take (报名 / 候补), or why they cannot.
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { Shift } from '@/types/shifts'
import { useStores } from '@/stores'
import { isLive } from '@/stores/duty/duty-store'
import { toastError, toastSuccess } from '@/utils/feedback'
import { SHIFT_ROLE_SHORT, dayLabel } from '@/utils/duty-format'
import { DUTY_ROUTES, shiftPath } from '@/utils/duty-routes'
import { openPage } from '@/utils/navigation'
import { Pill } from '../pill'
import { RoleFill } from '../role-fill'
import { shiftStateOf } from '../shift-card/state'
import './index.scss'

export interface ShiftItemProps {
  shift: Shift
  now: Date
  /** Show the date (lists across days); the week view shows one day at a time. */
  withDate?: boolean
  /** Offer 报名 / 候补 on the item itself. */
  actions?: boolean
}

/** Signs up or joins the waitlist, and says how it went. */
export async function signUpWithToast(duty: ReturnType<typeof useStores>['duty'], shift: Shift, role: Shift['roles'][number]['role'], waitlist: boolean) {
  try {
    const updated = await duty.signUp(shift, role, waitlist)
    const mine = updated.mine
    if (mine?.status === 'waitlisted') toastSuccess(`已加入候补（第 ${mine.waitlistPosition ?? 1} 位）`)
    else toastSuccess('报名成功')
  } catch (e) {
    toastError(e)
  }
}

export const ShiftItem = observer(function ShiftItem({ shift, now, withDate = false, actions = true }: ShiftItemProps) {
  const { duty, checkin } = useStores()
  const live = isLive(shift)
  const signupId = shift.mine?.signupId
  const state = shift.mine ? shiftStateOf(shift, { in: !!(signupId && checkin.pendingFor(signupId, 'in')), out: !!(signupId && checkin.pendingFor(signupId, 'out')) }, now) : null
  const options = actions && !live ? duty.signupOptions(shift, now) : []
  const actionable = options.filter((o) => o.kind !== 'blocked')
  const primary = actionable.find((o) => o.kind === 'signup') ?? actionable[0] ?? null
  const blocked = !primary ? options.find((o) => o.kind === 'blocked') : undefined
  // The monthly cap alone blocks it: 报名 stays visible (disabled) with the way out.
  const capped = !!blocked && blocked.kind === 'blocked' && !!blocked.cap
  const busy = duty.busyId === shift.id
  const several = actionable.length > 1

  return (
    <View className='shift-item' data-testid='shift-item' data-shift={shift.id} onClick={() => openPage(shiftPath(shift.id))}>
      <View className='shift-item__main'>
        <View className='shift-item__top'>
          <Text className='shift-item__time'>
            {withDate ? `${dayLabel(shift.date, now)} ` : ''}
            {shift.startTime}–{shift.endTime}
          </Text>
          <Text className='shift-item__name'>{shift.templateName}</Text>
        </View>
        <Text className='shift-item__post'>
          {shift.postName}
          {withDate ? ` · ${shift.schoolName}` : ''}
        </Text>
        <RoleFill roles={shift.roles} />
        {blocked && blocked.kind === 'blocked' ? <Text className='shift-item__reason'>{blocked.reason}</Text> : null}
        {capped ? (
          <View className='shift-item__way-out' data-testid='cap-way-out'>
            <Text>想报这个班次：</Text>
            <Text
              className='shift-item__link'
              onClick={(e) => {
                e.stopPropagation()
                openPage(DUTY_ROUTES.myShifts)
              }}
            >
              释放一个本月的班次
            </Text>
            <Text>，或请学校调高每月上限。</Text>
          </View>
        ) : null}
      </View>
      <View className='shift-item__side'>
        {state && !primary ? <Pill tone={state.tone}>{state.label}</Pill> : null}
        {capped && !state ? (
          // a tap on the disabled button stays here (not the item's tap that opens the shift)
          <View onClick={(e) => e.stopPropagation()}>
            <Button size='small' type='primary' disabled>
              报名
            </Button>
          </View>
        ) : null}
        {primary && primary.role ? (
          <Button
            size='small'
            type='primary'
            fill={primary.kind === 'waitlist' ? 'outline' : 'solid'}
            loading={busy}
            disabled={busy}
            onClick={(e) => {
              e.stopPropagation()
              if (several) {
                openPage(shiftPath(shift.id))
                return
              }
              void signUpWithToast(duty, shift, primary.role, primary.kind === 'waitlist')
            }}
          >
            {several ? '报名…' : primary.kind === 'waitlist' ? `候补${SHIFT_ROLE_SHORT[primary.role]}` : '报名'}
          </Button>
        ) : null}
      </View>
    </View>
  )
})
