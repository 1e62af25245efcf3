// The shift card (首页 and 值守): post, time, countdown, state, the distance to the post once
// located (a map with the post and its fence on WeChat; distance and direction in the browser),
// and 签到 / 签退 as one tap each, disabled with the reason from domain/ when not possible.
import { Map, Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { Clock, Location } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { checkinTiming, checkoutTiming } from '@/domain/attendance'
import { directionText, fenceVerdict, formatDistance } from '@/domain/geo'
import { EXCEPTION_LABELS, type Attendance } from '@/types/attendance'
import type { Shift } from '@/types/shifts'
import { useNow } from '@/hooks/use-now'
import { useStores } from '@/stores'
import type { CheckResult } from '@/stores/duty/checkin-store'
import { toast, toastSuccess } from '@/utils/feedback'
import { countdownText, onDutyText, shiftWhen, timeOf } from '@/utils/duty-format'
import { shiftPath } from '@/utils/duty-routes'
import { openPage } from '@/utils/navigation'
import markerIcon from '@/assets/map/post-marker.png'
import { Pill } from '../pill'
import { ReasonDialog } from '../reason-dialog'
import { shiftStateOf } from './state'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'
const MIN = 60_000
const verbOf = (kind: 'in' | 'out') => (kind === 'in' ? '签到' : '签退')

function doneText(kind: 'in' | 'out', a: Attendance): string {
  if (kind === 'out') return a.exceptions.some((e) => e.kind === 'checkout_outside_fence') ? '已签退，待民警审核' : a.earlyLeave ? '已签退（早退）' : '签退成功'
  if (a.exceptions.some((e) => e.kind === 'outside_fence')) return '已提交，待民警审核'
  return a.late ? '签到成功（迟到）' : '签到成功'
}

export interface ShiftCardProps {
  shift: Shift
  /** Tapping the head opens the shift's detail page. */
  linked?: boolean
}

export const ShiftCard = observer(function ShiftCard({ shift, linked = true }: ShiftCardProps) {
  const { checkin, duty, schools } = useStores()
  const now = useNow(15_000)
  /** Refused outside the fence: which tap, and the server's words with the distance. */
  const [outside, setOutside] = useState<{ kind: 'in' | 'out'; message: string } | null>(null)
  const [confirmEarly, setConfirmEarly] = useState(false)
  const [lastRefusal, setLastRefusal] = useState<string | null>(null)

  const mine = shift.mine
  const signupId = mine?.signupId ?? ''
  const settings = duty.settingsOf(shift.schoolId)
  const post = schools.byId(shift.schoolId)?.posts.find((p) => p.id === shift.postId) ?? null
  const pendingIn = signupId ? checkin.pendingFor(signupId, 'in') : null
  const pendingOut = signupId ? checkin.pendingFor(signupId, 'out') : null
  const state = shiftStateOf(shift, { in: !!pendingIn, out: !!pendingOut }, now)

  const start = new Date(shift.startsAt).getTime()
  const end = new Date(shift.endsAt).getTime()
  const onDutyList = !!mine && mine.status === 'active' && !mine.outcome && !mine.checkOutAt && shift.status === 'scheduled'
  const checkedIn = !!mine?.checkInAt || !!pendingIn
  const checkedInAt = mine?.checkInAt ?? pendingIn?.request.clientAt ?? null
  // Location matters from a little before the window opens until check-out is no longer possible.
  const nearWindow =
    onDutyList && now.getTime() >= start - (settings.checkinOpensMin + 30) * MIN && now.getTime() <= (checkedIn ? end + settings.missingCheckoutAfterMin * MIN : end)

  // Location is asked for only from a tap (定位, 签到), never when the card opens (DESIGN.md §5).

  const busyIn = checkin.busy?.signupId === signupId && checkin.busy.kind === 'in'
  const busyOut = checkin.busy?.signupId === signupId && checkin.busy.kind === 'out'

  const inTiming = checkinTiming(now, shift, settings)
  const outTiming = checkoutTiming(now, shift, settings)
  const inBlock = inTiming.ok ? null : inTiming.message
  const outBlock = outTiming.ok ? null : outTiming.message

  const handle = (kind: 'in' | 'out', result: CheckResult) => {
    switch (result.kind) {
      case 'done':
        setLastRefusal(null)
        toastSuccess(doneText(kind, result.attendance))
        return
      case 'queued':
        setLastRefusal(null)
        toast(`网络不可用，${kind === 'in' ? '签到' : '签退'}已保存在手机上，恢复网络后自动提交`)
        return
      case 'outside':
        setOutside({ kind, message: result.message })
        return
      case 'refused':
        setLastRefusal(result.message)
        toast(result.message)
        return
      case 'location':
        toast(result.error.message)
    }
  }

  const tapCheckIn = async () => handle('in', await checkin.checkIn(shift))
  const tapCheckOut = async () => {
    if (outTiming.ok && outTiming.earlyLeave) {
      setConfirmEarly(true)
      return
    }
    handle('out', await checkin.checkOut(shift))
  }

  const verdict = post && checkin.fix ? fenceVerdict(post, checkin.fix, settings) : null
  const heartbeat = checkin.heartbeatSignupId === signupId ? checkin.lastHeartbeat : null

  return (
    <View className='shift-card card' data-testid='shift-card'>
      <View className='shift-card__head' onClick={linked ? () => openPage(shiftPath(shift.id)) : undefined}>
        <View className='shift-card__where'>
          <Text className='shift-card__post'>{shift.postName}</Text>
          <Text className='shift-card__school'>
            {shift.schoolName} · {shift.templateName}
          </Text>
        </View>
        <Pill tone={state.tone}>{state.label}</Pill>
      </View>

      <View className='shift-card__when'>
        <Clock size={14} color='#646a73' />
        <Text className='shift-card__time'>{shiftWhen(shift, now)}</Text>
      </View>
      {onDutyList || mine?.status === 'waitlisted' ? (
        <Text className='shift-card__countdown' data-testid='countdown'>
          {checkedInAt ? onDutyText(shift, checkedInAt, mine?.checkOutAt ?? null, now, settings.checkoutOpensBeforeEndMin) : countdownText(shift, now, settings.checkinOpensMin)}
        </Text>
      ) : null}

      {mine?.checkInAt ? (
        <View className='shift-card__facts'>
          <Text className='shift-card__fact'>签到 {timeOf(mine.checkInAt)}</Text>
          {mine.checkOutAt ? <Text className='shift-card__fact'>签退 {timeOf(mine.checkOutAt)}</Text> : null}
          {mine.late ? <Pill tone='warning'>迟到</Pill> : null}
          {mine.earlyLeave ? <Pill tone='warning'>早退</Pill> : null}
          {mine.exceptions.map((e) => (
            <Pill key={e.id} tone={e.status === 'rejected' ? 'danger' : e.status === 'accepted' ? 'success' : 'warning'}>
              {EXCEPTION_LABELS[e.kind]}
              {e.status === 'pending' ? '·待审核' : e.status === 'accepted' ? '·已认可' : '·未认可'}
            </Pill>
          ))}
        </View>
      ) : null}

      {nearWindow ? (
        <View className='shift-card__location'>
          {isWeapp && post ? (
            <Map
              className='shift-card__map'
              latitude={post.lat}
              longitude={post.lng}
              scale={17}
              // the blue dot needs the location permission: only once the person has located
              showLocation={!!checkin.fix}
              markers={[{ id: 1, latitude: post.lat, longitude: post.lng, iconPath: markerIcon, width: 28, height: 28, title: post.name }]}
              circles={[{ latitude: post.lat, longitude: post.lng, radius: post.radiusM, color: '#1f6feb99', fillColor: '#1f6feb1a', strokeWidth: 1 }]}
              onError={() => {}}
            />
          ) : null}
          <View className='shift-card__distance' data-testid='distance'>
            <Location size={14} color='#1f6feb' />
            {checkin.locating ? (
              <Text className='shift-card__distance-text'>正在定位…</Text>
            ) : checkin.locationError ? (
              <Text className='shift-card__distance-text shift-card__distance-text--bad'>{checkin.locationError.message}</Text>
            ) : verdict && checkin.fix && post ? (
              verdict.kind === 'inaccurate' ? (
                <Text className='shift-card__distance-text shift-card__distance-text--bad'>{verdict.message}</Text>
              ) : (
                <Text className={`shift-card__distance-text ${verdict.kind === 'inside' ? 'shift-card__distance-text--ok' : ''}`}>
                  距岗点 {formatDistance(verdict.distanceM)}
                  {verdict.distanceM >= 10 ? ` · ${directionText(checkin.fix, post)}` : ''}
                  {verdict.kind === 'inside' ? ` · 在${verbOf(checkedIn ? 'out' : 'in')}范围内` : ` · ${verbOf(checkedIn ? 'out' : 'in')}范围 ${verdict.limitM} 米`}
                </Text>
              )
            ) : (
              <Text className='shift-card__distance-text'>签到要确认你在岗点附近：点「定位」查看与岗点的距离</Text>
            )}
            <Text className='shift-card__relocate' onClick={() => checkin.refreshLocation()}>
              {checkin.locationError ? '重试' : checkin.fix ? '刷新' : '定位'}
            </Text>
            {isWeapp && checkin.locationError?.code === 'denied' ? (
              <Text className='shift-card__relocate' onClick={() => checkin.openLocationSettings()}>
                去设置
              </Text>
            ) : null}
          </View>
          {heartbeat && heartbeat.distanceM >= 0 ? (
            <Text className={`shift-card__heartbeat ${heartbeat.inside ? '' : 'shift-card__heartbeat--out'}`}>
              {heartbeat.inside
                ? `在岗中 · 距岗点 ${formatDistance(heartbeat.distanceM)}`
                : `你已离开岗点范围（距 ${formatDistance(heartbeat.distanceM)}），离开超过 ${settings.offPostOutsideMin} 分钟会通知民警`}
            </Text>
          ) : null}
          {checkedIn && checkin.heartbeatSignupId === signupId && checkin.heartbeatMode === 'foreground' && isWeapp ? (
            <Text className='shift-card__heartbeat' data-testid='foreground-only'>
              未允许离开小程序后使用位置：锁屏或切到后台时看板会显示“信号中断”（不算离岗）。
            </Text>
          ) : null}
        </View>
      ) : null}

      {pendingIn || pendingOut ? (
        <View className='shift-card__pending' data-testid='pending'>
          <Text>
            {pendingOut && !pendingIn ? '签退' : '签到'}待上传：{timeOf((pendingIn ?? pendingOut)!.request.clientAt)} 点击，已保存在手机上，网络恢复后自动提交
          </Text>
          <Text className='shift-card__relocate' onClick={() => void checkin.flush()}>
            {checkin.flushing ? '提交中…' : '立即重试'}
          </Text>
        </View>
      ) : null}

      {onDutyList && !(now.getTime() > end && !checkedIn) ? (
        <View className='shift-card__actions'>
          {!checkedIn ? (
            <>
              <Button type='primary' block loading={busyIn} disabled={!!inBlock || busyIn} onClick={tapCheckIn}>
                签到
              </Button>
              {inBlock ? <Text className='shift-card__reason'>{inBlock}</Text> : null}
            </>
          ) : (
            <>
              <Button type='primary' fill='outline' block loading={busyOut} disabled={!!outBlock || busyOut || !!pendingOut} onClick={tapCheckOut}>
                签退
              </Button>
              {outBlock ? (
                <Text className='shift-card__reason'>{outBlock}</Text>
              ) : outTiming.ok && outTiming.earlyLeave ? (
                <Text className='shift-card__reason'>结束前 {settings.checkoutOpensBeforeEndMin} 分钟内签退不算早退</Text>
              ) : null}
            </>
          )}
          {lastRefusal ? <Text className='shift-card__reason shift-card__reason--bad'>{lastRefusal}</Text> : null}
        </View>
      ) : null}

      <ReasonDialog
        visible={outside !== null}
        title={`不在${verbOf(outside?.kind ?? 'in')}范围内`}
        message={`${outside?.message ?? ''}。如果你确实在岗（例如岗点位置有偏差），请写明原因：${verbOf(outside?.kind ?? 'in')}会作为异常提交民警审核。`}
        placeholder='例如：南门施工，在对面路口值守'
        confirmText={`提交异常${verbOf(outside?.kind ?? 'in')}`}
        onConfirm={async (reason) => {
          const kind = outside?.kind ?? 'in'
          setOutside(null)
          handle(kind, kind === 'in' ? await checkin.checkIn(shift, reason) : await checkin.checkOut(shift, reason))
        }}
        onCancel={() => setOutside(null)}
      />
      <Dialog
        visible={confirmEarly}
        title='现在签退？'
        content={`距结束还有 ${Math.max(0, Math.round((end - now.getTime()) / MIN))} 分钟，现在签退会记为早退，时长按实际在岗时间计算。`}
        confirmText='确认签退'
        cancelText='再等等'
        onConfirm={async () => {
          setConfirmEarly(false)
          handle('out', await checkin.checkOut(shift))
        }}
        onCancel={() => setConfirmEarly(false)}
        onClose={() => setConfirmEarly(false)}
      />
    </View>
  )
})
