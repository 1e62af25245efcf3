// 消息发件箱 (district admins): every message the outbox sent to the district's members
// (reminders, swaps, promotions, reviews…), with its status, attempts and last error.
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, LoadingState, screenGate } from '@/components/page-state'
import { SegmentTabs } from '@/components/segment-tabs'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { outboxStore } from '@/stores/duty/outbox-store'
import { OUTBOX_STATUS_LABELS, OUTBOX_TABS } from '@/stores/duty/outbox-store'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { formatInstant } from '@/utils/format'
import './index.scss'

const OutboxPage = observer(function OutboxPage() {
  const root = useStores()
  const { me } = root
  const outbox = root.store(outboxStore)
  const { ready } = useRequireLogin(DUTY_ROUTES.outbox)
  const isAdmin = me.holds('outbox.view')

  useScreen({ load: () => outbox.load(), ready: ready && isAdmin })

  if (!ready || !me.me)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (!isAdmin)
    return (
      <PageShell>
        <EmptyState title='仅区县管理员和市局可查看' description='发件箱记录了系统发给成员的所有消息及发送结果。' />
      </PageShell>
    )

  const list = () => {
    const gated = screenGate(outbox, () => void outbox.load(), {
      empty: !outbox.items.length && <EmptyState title='没有消息' description='值守提醒、换班、候补递补、审核结果等消息发出后会记录在这里。' />,
    })
    if (gated) return gated
    return outbox.items.map((m) => (
      <View key={m.id} className='outbox-item card' data-testid='outbox-item'>
        <View className='outbox-item__head'>
          <Text className='outbox-item__title'>{m.title}</Text>
          <Pill tone={m.status === 'sent' ? 'success' : m.status === 'failed' ? 'danger' : 'warning'}>{OUTBOX_STATUS_LABELS[m.status]}</Pill>
        </View>
        <Text className='outbox-item__body'>{m.body}</Text>
        <Text className='outbox-item__meta'>
          发给 {m.personName} · {m.kind} · {formatInstant(m.createdAt)}
          {m.sentAt ? ` · 发出 ${formatInstant(m.sentAt)}` : ''}
          {m.attempts > 1 ? ` · 尝试 ${m.attempts} 次` : ''}
        </Text>
        {m.lastError ? <Text className='outbox-item__error'>最近错误：{m.lastError}</Text> : null}
      </View>
    ))
  }

  return (
    <PageShell className='outbox'>
      <SegmentTabs tabs={OUTBOX_TABS} value={outbox.filter} onChange={(f) => void outbox.setFilter(f)} />
      <View className='outbox__list'>{list()}</View>
    </PageShell>
  )
})

export default OutboxPage
