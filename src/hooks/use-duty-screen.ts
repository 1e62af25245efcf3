import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import type { Shift } from '@/types/shifts'
import { useStores } from '@/stores'

/** The shift the person is on duty for now: checked in, not out, not over. */
export function onDutyShift(shifts: (Shift | null | undefined)[], now: Date): Shift | null {
  return (
    shifts.find((s): s is Shift => !!s && !!s.mine && s.mine.status === 'active' && !!s.mine.checkInAt && !s.mine.checkOutAt && new Date(s.endsAt).getTime() > now.getTime()) ??
    null
  )
}

/**
 * For a screen that shows the person's duty: starts sending kept check-ins, and while the screen
 * is shown and the person is on duty, location heartbeats (about once a minute).
 */
export function useDutyScreen(owner: string, onDuty: Shift | null): void {
  const { checkin } = useStores()
  const shown = useRef(true)
  const signupId = onDuty?.mine?.signupId ?? null

  useEffect(() => {
    checkin.start()
  }, [checkin])
  useEffect(() => {
    if (shown.current) checkin.setHeartbeat(owner, signupId)
  }, [checkin, owner, signupId])
  useEffect(() => () => checkin.setHeartbeat(owner, null), [checkin, owner])
  useDidShow(() => {
    shown.current = true
    checkin.start()
    checkin.setHeartbeat(owner, signupId)
  })
  useDidHide(() => {
    shown.current = false
    checkin.setHeartbeat(owner, null)
  })
}
