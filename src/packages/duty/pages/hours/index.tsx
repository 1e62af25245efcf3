// 志愿时长: this term's hours (counted, waiting for review), attended shifts, and the history with
// each entry's status; the way to the certificate of service.
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { HOURS_STATUS_LABELS } from '@/stores/duty/hours-store'
import { formatLocal } from '@/domain/time'
import { hoursText, timeOf } from '@/utils/duty-format'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { openPage } from '@/utils/navigation'
import { serverNow } from '@/services/server-clock'
import './index.scss'

const HoursPage = observer(function HoursPage() {
  const { hours } = useStores()
  const { ready } = useRequireLogin(DUTY_ROUTES.hours)

  useEffect(() => {
    if (ready) void hours.load()
  }, [ready, hours])
  useDidShow(() => {
    if (ready && hours.state === 'ready') void hours.load()
  })
  useScreen({ refresh: () => hours.load() })

  if (!ready || (hours.state !== 'ready' && !hours.summary)) {
    if (hours.state === 'error')
      return (
        <PageShell>
          <ErrorState message={hours.error} onRetry={() => void hours.load()} />
        </PageShell>
      )
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  }
  const s = hours.summary!
  return (
    <PageShell className='hours'>
      <View className='hours__hero'>
        <Text className='hours__term'>
          本学期 {s.term.start} 至 {s.term.end}
        </Text>
        <View className='hours__numbers'>
          <View className='hours__number'>
            <Text className='hours__value' data-testid='hours-total'>
              {hoursText(s.totalHours)}
            </Text>
            <Text className='hours__label'>已计入时长</Text>
          </View>
          <View className='hours__number'>
            <Text className='hours__value'>{s.shiftsAttended} 次</Text>
            <Text className='hours__label'>有效值守</Text>
          </View>
          <View className='hours__number'>
            <Text className='hours__value'>{hoursText(s.pendingHours)}</Text>
            <Text className='hours__label'>待审核</Text>
          </View>
        </View>
        <Text className='hours__rule'>时长按签到到签退计算（不超出班次时间）：不足 15 分钟不计，15–45 分钟计半小时。</Text>
      </View>

      {hours.servedSchools.length ? (
        <View className='hours__cert'>
          <Button type='primary' block onClick={() => openPage(DUTY_ROUTES.certificate)}>
            开具志愿服务证明
          </Button>
        </View>
      ) : null}

      <View className='section-title'>值守记录</View>
      {s.entries.length === 0 ? (
        <EmptyState title='本学期还没有值守记录' description='签到、签退后，每次值守的时长会记在这里。' />
      ) : (
        s.entries.map((e) => (
          <View key={`${e.shift.id}-${e.checkInAt}`} className='hours-entry card' data-testid='hours-entry'>
            <View className='hours-entry__head'>
              <Text className='hours-entry__date'>
                {formatLocal(e.shift.startsAt, 'M月D日')} {e.shift.startTime}–{e.shift.endTime}
              </Text>
              {!e.checkOutAt && new Date(e.shift.endsAt).getTime() > serverNow().getTime() ? (
                <Pill tone='primary'>值守中</Pill>
              ) : (
                <View className='hours-entry__pills'>
                  {e.shift.mine?.earlyLeave ? <Pill tone='warning'>早退</Pill> : null}
                  <Pill tone={e.status === 'counted' ? 'success' : e.status === 'pending' ? 'warning' : 'neutral'}>{HOURS_STATUS_LABELS[e.status]}</Pill>
                </View>
              )}
            </View>
            <Text className='hours-entry__where'>
              {e.shift.schoolName} · {e.shift.postName}
            </Text>
            <View className='hours-entry__foot'>
              <Text className='hours-entry__times'>
                签到 {timeOf(e.checkInAt)} · 签退 {e.checkOutAt ? timeOf(e.checkOutAt) : '未签退'}
              </Text>
              <Text className='hours-entry__hours'>{hoursText(e.hours)}</Text>
            </View>
          </View>
        ))
      )}
    </PageShell>
  )
})

export default HoursPage
