// 值守: my next shifts (with check-in), swaps I can take, and a week of my schools' shifts with
// the places taken per role, to sign up or join the waitlist.
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ArrowRight, Clock } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { ShiftCard } from '@/components/shift-card'
import { ShiftItem } from '@/components/shift-item'
import { WeekStrip } from '@/components/week-strip'
import { onDutyShift, useDutyScreen } from '@/hooks/use-duty-screen'
import { useNow } from '@/hooks/use-now'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useUnreadOnShow } from '@/hooks/use-unread-on-show'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { toast } from '@/utils/feedback'
import { dayLabel, localToday } from '@/utils/duty-format'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { openPage } from '@/utils/navigation'
import { ROUTES } from '@/utils/routes'
import './index.scss'

const MY_SHIFTS_SHOWN = 3

const DutyPage = observer(function DutyPage() {
  const { me, schools, duty, swaps, checkin } = useStores()
  const { ready } = useRequireLogin(ROUTES.duty)
  useUnreadOnShow()
  const now = useNow(30_000)
  const today = localToday(now)

  const mineShown = duty.myLiveUpcoming.slice(0, MY_SHIFTS_SHOWN)
  useDutyScreen('duty-tab', onDutyShift(duty.myLiveUpcoming, now))

  const refresh = async () => {
    await schools.load()
    await Promise.allSettled([duty.loadUpcoming(), duty.loadPast(), swaps.load(), duty.loadWeek()])
  }

  useEffect(() => {
    if (!ready) return
    void refresh()
    if (process.env.TARO_ENV === 'weapp') void duty.loadSubscribeIds()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the login is known; `refresh` is a new function each render, and coming back reloads through useDidShow
  }, [ready])

  // the first school until the person picks another
  const viewable = schools.items
  useEffect(() => {
    if (viewable.length && !viewable.some((s) => s.id === duty.weekSchoolId)) void duty.openWeek((duty.dutySchools[0] ?? viewable[0]).id)
  }, [viewable, duty])

  useDidShow(() => {
    if (!ready) return
    void Promise.allSettled([duty.loadUpcoming(), swaps.load(), duty.loadWeek()])
    for (const r of checkin.takeRefusedOffline()) toast(`离线${r.kind === 'in' ? '签到' : '签退'}未被接受：${r.message}`)
  })
  useScreen({ refresh: () => Promise.allSettled([me.load(), refresh()]) })

  if (!ready || !me.me)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (me.hasNoMemberships || (schools.state === 'ready' && viewable.length === 0)) {
    return (
      <PageShell>
        <EmptyState
          icon={<Clock size={36} color='#c9cdd4' />}
          title='还没有可以值守的学校'
          description='加入学校并通过审核后，可以在这里报名护学岗班次，到岗时在这里签到、签退。'
          action={
            <Button type='primary' size='small' onClick={() => openPage(ROUTES.join)}>
              用邀请码加入学校
            </Button>
          }
        />
      </PageShell>
    )
  }

  const weekList = () => {
    if (duty.weekState === 'error') return <ErrorState message={duty.weekError} onRetry={() => void duty.loadWeek()} />
    if (duty.weekState !== 'ready') return <LoadingState />
    const list = duty.dayShifts
    if (!list.length) {
      return <EmptyState title={`${duty.day ? dayLabel(duty.day, now) : ''}没有班次`} description='放假、考试或周末没有护学岗；学校发布排班后会显示在这里。' />
    }
    return list.map((s) => <ShiftItem key={s.id} shift={s} now={now} />)
  }

  const takeable = swaps.takeable.length
  return (
    <PageShell className='duty'>
      {duty.dutySchools.length ? (
        <>
          <View className='section-title duty__title'>
            <Text>我的班次</Text>
            <Text className='duty__more' onClick={() => openPage(DUTY_ROUTES.myShifts)}>
              全部 <ArrowRight size={10} />
            </Text>
          </View>
          {duty.upcomingState === 'error' && !duty.upcoming.length ? (
            <ErrorState message={duty.upcomingError} onRetry={() => void duty.loadUpcoming()} />
          ) : duty.upcomingState !== 'ready' && !duty.upcoming.length ? (
            <LoadingState />
          ) : mineShown.length ? (
            <>
              {mineShown.map((s) => (
                <ShiftCard key={s.id} shift={s} />
              ))}
              {duty.myLiveUpcoming.length > MY_SHIFTS_SHOWN ? (
                <View className='duty__more-row' onClick={() => openPage(DUTY_ROUTES.myShifts)}>
                  还有 {duty.myLiveUpcoming.length - MY_SHIFTS_SHOWN} 个班次 ›
                </View>
              ) : null}
            </>
          ) : (
            <View className='card duty__none'>还没有报名的班次。在下面选一个日期和班次报名；满员时可以加入候补，有人释放会自动递补。</View>
          )}

          <View className='card duty__swaps' onClick={() => openPage(DUTY_ROUTES.swaps)}>
            <View className='duty__swaps-text'>
              <Text className='duty__swaps-title'>换班</Text>
              <Text className='duty__swaps-desc'>{takeable ? `有 ${takeable} 个换班可以接` : '临时有事？发起换班，或帮别人代班'}</Text>
            </View>
            {takeable ? <Text className='duty__badge'>{takeable}</Text> : null}
            <ArrowRight size={12} color='#c9cdd4' />
          </View>
        </>
      ) : null}
      {duty.managesDuty ? (
        <View className='card duty__manage'>
          <Text className='duty__manage-link' onClick={() => openPage(DUTY_ROUTES.board)}>
            值守看板 ›
          </Text>
          <Text className='duty__manage-link' onClick={() => openPage(DUTY_ROUTES.gaps)}>
            补位 ›
          </Text>
          <Text className='duty__manage-link' onClick={() => openPage(DUTY_ROUTES.templates)}>
            排班模板 ›
          </Text>
        </View>
      ) : null}

      <View className='section-title'>排班</View>
      <SchoolPicker schools={viewable} value={duty.weekSchoolId} onChange={(id) => void duty.openWeek(id)} />
      <WeekStrip
        days={duty.weekDays}
        value={duty.day}
        today={today}
        onChange={(d) => duty.selectDay(d)}
        onMove={(delta) => void duty.moveWeek(delta)}
        openPlaces={(d) => duty.openPlacesOn(d)}
        mine={(d) => duty.hasMineOn(d)}
      />
      <View className='duty__list'>{weekList()}</View>
    </PageShell>
  )
})

export default DutyPage
