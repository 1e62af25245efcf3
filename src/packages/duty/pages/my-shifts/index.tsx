// 我的班次: coming and past shifts with their state (报名 / 候补 / 已签到 / 缺岗 / 已释放 …).
import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { EmptyState, LoadingState, screenGate } from '@/components/page-state'
import { SegmentTabs } from '@/components/segment-tabs'
import { ShiftCard } from '@/components/shift-card'
import { ShiftItem } from '@/components/shift-item'
import { onDutyShift, useDutyScreen } from '@/hooks/use-duty-screen'
import { useNow } from '@/hooks/use-now'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { isLive } from '@/stores/duty/duty-store'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { backToTab } from '@/utils/navigation'
import { ROUTES } from '@/utils/routes'

type Tab = 'upcoming' | 'past'

const MyShiftsPage = observer(function MyShiftsPage() {
  const { duty, schools } = useStores()
  const { ready } = useRequireLogin(DUTY_ROUTES.myShifts)
  const [tab, setTab] = useState<Tab>('upcoming')
  const now = useNow(30_000)
  useDutyScreen('my-shifts', onDutyShift(duty.upcoming, now))

  const load = () => Promise.allSettled([schools.load(), duty.loadUpcoming(), duty.loadPast()])
  useEffect(() => {
    if (ready) void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the login is known; `load` is a new function each render, and coming back reloads through useDidShow
  }, [ready])
  useDidShow(() => {
    if (ready) void duty.loadUpcoming()
  })
  useScreen({ refresh: load })

  if (!ready)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )

  const list = () => {
    const state = tab === 'upcoming' ? duty.upcomingState : duty.pastState
    const error = tab === 'upcoming' ? duty.upcomingError : duty.pastError
    const items = tab === 'upcoming' ? duty.upcoming : duty.past
    const gated = screenGate({ state, error }, () => void (tab === 'upcoming' ? duty.loadUpcoming() : duty.loadPast()), { keep: items.length > 0 })
    if (gated) return gated
    if (!items.length) {
      return tab === 'upcoming' ? (
        <EmptyState
          title='没有即将开始的班次'
          description='到「值守」选一个日期报名；满员时可以加入候补。'
          action={
            <Button type='primary' size='small' onClick={() => backToTab(ROUTES.duty)}>
              去报名
            </Button>
          }
        />
      ) : (
        <EmptyState title='还没有过去的班次' description='值守结束后，班次和签到记录会留在这里。' />
      )
    }
    return items.map((s) =>
      tab === 'upcoming' && isLive(s) && s.mine?.status === 'active' ? <ShiftCard key={s.id} shift={s} /> : <ShiftItem key={s.id} shift={s} now={now} withDate actions={false} />,
    )
  }

  return (
    <PageShell>
      <SegmentTabs<Tab>
        tabs={[
          { key: 'upcoming', title: '即将开始' },
          { key: 'past', title: '已结束' },
        ]}
        value={tab}
        onChange={setTab}
      />
      <View style={{ paddingBottom: '24px' }}>{list()}</View>
    </PageShell>
  )
})

export default MyShiftsPage
