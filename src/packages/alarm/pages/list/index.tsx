// 最近报警: the alarms of the schools one may see (alarm.view: guards and principals their school,
// police their station, admins their district), newest first, with what each was (真实报警, 演练,
// 误触), its state and its 1-3-5 marks. Pull to refresh, more at the end; a tap opens the alarm.
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { AlarmSummaryCard } from '@/components/alarm-summary'
import { PageShell } from '@/components/page-shell'
import { EmptyState, LoadingState, screenGate } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { alarmListStore } from '@/stores/alarms/list-store'
import { alarmPath, ALARM_ROUTES } from '@/utils/alarm-routes'
import { openPage } from '@/utils/navigation'
import './index.scss'

const AlarmListPage = observer(function AlarmListPage() {
  const { ready } = useRequireLogin(ALARM_ROUTES.list)
  const root = useStores()
  const { me } = root
  const list = root.store(alarmListStore)
  const allowed = me.holds('alarm.view')

  useEffect(() => {
    if (ready && allowed) void list.load()
  }, [ready, allowed, list])
  // on every return too: an alarm may have been closed meanwhile
  useDidShow(() => {
    if (ready && allowed && list.state !== 'idle') void list.load()
  })
  useScreen({ refresh: () => (allowed ? list.load() : undefined) })
  useReachBottom(() => void list.loadMore())

  if (!ready || !me.me)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (!allowed) {
    return (
      <PageShell>
        <EmptyState title='没有可查看的报警记录' description='保安、校长、民警和管理员可以查看所在学校或辖区的报警记录。' />
      </PageShell>
    )
  }
  const body = () => {
    const gated = screenGate(list, () => void list.load(), {
      keep: list.items.length > 0,
      empty: !list.items.length && <EmptyState title='还没有报警' description='学校发生一键报警或演练报警后，会在这里按时间列出。' />,
    })
    if (gated) return gated
    return (
      <View className='card alarm-list__items' data-testid='alarm-list'>
        {list.items.map((a) => (
          <AlarmSummaryCard key={a.id} alarm={a} onOpen={() => openPage(alarmPath(a.id))} />
        ))}
        {list.hasMore || list.moreError ? (
          <View className='alarm-list__more' onClick={() => void list.loadMore()}>
            <Text className='alarm-list__more-text'>{list.loadingMore ? '加载中…' : (list.moreError ?? '加载更多')}</Text>
          </View>
        ) : (
          <Text className='alarm-list__end'>没有更早的报警了</Text>
        )}
      </View>
    )
  }
  return (
    <PageShell className='alarm-list'>
      <Text className='alarm-list__hint'>最新在前 · 下拉刷新 · 点击查看时间线</Text>
      {list.state === 'error' && list.items.length ? <Text className='alarm-list__stale'>刷新失败：{list.error}</Text> : null}
      {body()}
    </PageShell>
  )
})

export default AlarmListPage
