// 换班: swaps offered to me or to everyone at my schools that I can take, my own offers (cancel
// while open), and for police and principals every swap of their schools.
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState, type ReactNode } from 'react'
import type { Swap } from '@/types/shifts'
import { PageShell } from '@/components/page-shell'
import { Pill, type PillTone } from '@/components/pill'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { useNow } from '@/hooks/use-now'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { toastError, toastSuccess } from '@/utils/feedback'
import { SHIFT_ROLE_SHORT, shiftWhen } from '@/utils/duty-format'
import { DUTY_ROUTES, shiftPath } from '@/utils/duty-routes'
import { formatInstant } from '@/utils/format'
import { openPage } from '@/utils/navigation'
import './index.scss'

const STATUS: Record<Swap['status'], { label: string; tone: PillTone }> = {
  open: { label: '等待接班', tone: 'warning' },
  accepted: { label: '已换班', tone: 'success' },
  cancelled: { label: '已取消', tone: 'neutral' },
  expired: { label: '已过期', tone: 'neutral' },
}

function SwapCard({ swap, now, children }: { swap: Swap; now: Date; children?: ReactNode }) {
  return (
    <View className='swap card' data-testid='swap'>
      <View className='swap__head' onClick={() => openPage(shiftPath(swap.shift.id))}>
        <View className='swap__where'>
          <Text className='swap__when'>{shiftWhen(swap.shift, now)}</Text>
          <Text className='swap__post'>
            {swap.shift.schoolName} · {swap.shift.postName} · {SHIFT_ROLE_SHORT[swap.role]}
          </Text>
        </View>
        <Pill tone={STATUS[swap.status].tone}>{STATUS[swap.status].label}</Pill>
      </View>
      <Text className='swap__who'>
        {swap.from.name} 发起 · {swap.to ? `指定 ${swap.to.name}` : '发给全校'} · {formatInstant(swap.createdAt)}
        {swap.acceptedBy ? ` · ${swap.acceptedBy.name} 已接班` : ''}
      </Text>
      {children ? <View className='swap__actions'>{children}</View> : null}
    </View>
  )
}

const SwapsPage = observer(function SwapsPage() {
  const { schools, swaps, duty } = useStores()
  const { ready } = useRequireLogin(DUTY_ROUTES.swaps)
  const now = useNow(60_000)
  const [accepting, setAccepting] = useState<Swap | null>(null)

  const load = async () => {
    await schools.load()
    await Promise.allSettled([swaps.load(), duty.loadUpcoming()])
  }
  useEffect(() => {
    if (ready) void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the login is known; `load` is a new function each render, and coming back reloads through useDidShow
  }, [ready])
  useDidShow(() => {
    if (ready && swaps.state === 'ready') void swaps.load()
  })
  useScreen({ refresh: load })

  if (!ready)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (swaps.state === 'error' && !swaps.items.length)
    return (
      <PageShell>
        <ErrorState message={swaps.error} onRetry={() => void swaps.load()} />
      </PageShell>
    )
  if (swaps.state !== 'ready')
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )

  const cancel = async (swap: Swap) => {
    try {
      await swaps.cancel(swap)
      toastSuccess('已取消换班')
    } catch (e) {
      toastError(e)
    }
  }

  const takeable = swaps.takeable
  const mine = swaps.mine
  const managed = swaps.managed
  return (
    <PageShell className='swaps'>
      <View className='section-title'>可以接的换班</View>
      {takeable.length ? (
        takeable.map((w) => {
          const reason = duty.signupBlock({ ...w.shift, mine: null }, w.role, now)
          return (
            <SwapCard key={w.id} swap={w} now={now}>
              {reason ? <Text className='swap__reason'>{reason}</Text> : null}
              <Button size='small' type='primary' disabled={!!reason} loading={swaps.busyId === w.id} onClick={() => setAccepting(w)}>
                接班
              </Button>
            </SwapCard>
          )
        })
      ) : (
        <EmptyState title='暂时没有可以接的换班' description='同校成员临时有事发起换班时，会出现在这里；指定给你的还会通知你。' />
      )}

      <View className='section-title'>我发起的换班</View>
      {mine.length ? (
        mine.map((w) => (
          <SwapCard key={w.id} swap={w} now={now}>
            {w.status === 'open' ? (
              <Button size='small' fill='outline' type='danger' loading={swaps.busyId === w.id} onClick={() => void cancel(w)}>
                取消换班
              </Button>
            ) : null}
          </SwapCard>
        ))
      ) : (
        <View className='card swaps__none'>在班次详情里点「找人换班」，可以指定一位同校成员或发给全校。</View>
      )}

      {duty.managesDuty ? (
        <>
          <View className='section-title'>本校全部换班</View>
          {managed.length ? managed.map((w) => <SwapCard key={w.id} swap={w} now={now} />) : <View className='card swaps__none'>还没有换班记录。</View>}
        </>
      ) : null}

      <Dialog
        visible={accepting !== null}
        title='接下这个班次？'
        content={accepting ? `${shiftWhen(accepting.shift, now)}，${accepting.shift.schoolName}${accepting.shift.postName}。接下后由你值守，请按时到岗签到。` : ''}
        confirmText='确认接班'
        cancelText='取消'
        onConfirm={async () => {
          if (!accepting) return
          try {
            await swaps.accept(accepting)
            toastSuccess('已接班')
            setAccepting(null)
          } catch (e) {
            toastError(e)
            setAccepting(null)
          }
        }}
        onCancel={() => setAccepting(null)}
        onClose={() => setAccepting(null)}
      />
    </PageShell>
  )
})

export default SwapsPage
