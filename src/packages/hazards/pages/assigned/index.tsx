// 交办给我的: reports the police handed to this person (a principal for the school), with their
// deadlines; overdue ones first in red.
import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { HazardCard } from '@/components/hazard-card'
import { PageShell } from '@/components/page-shell'
import { EmptyState, screenGate } from '@/components/page-state'
import { SegmentTabs } from '@/components/segment-tabs'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { HAZARD_ROUTES, hazardPath } from '@/utils/hazard-routes'
import { openPage } from '@/utils/navigation'
import './index.scss'

type Tab = 'todo' | 'all'

const AssignedPage = observer(function AssignedPage() {
  const { hazards } = useStores()
  const { ready } = useRequireLogin(HAZARD_ROUTES.assigned)
  const list = hazards.assigned
  const tab: Tab = list.filters.status === 'assigned' ? 'todo' : 'all'

  useEffect(() => {
    if (ready) void list.setFilters({ status: 'assigned' })
  }, [ready, list])
  useDidShow(() => {
    if (ready) void list.load({ quiet: true })
  })
  useScreen({ refresh: () => list.load({ quiet: true }) })

  const body = () => {
    const gated = screenGate(list, () => void list.load())
    if (gated) return gated
    if (!list.items.length) {
      return <EmptyState title={tab === 'todo' ? '没有待整改的隐患' : '还没有交办给你的隐患'} description='民警把隐患交办给你（或你的学校）后，会出现在这里，并通知你。' />
    }
    // overdue first, then the nearest deadline
    const ordered = [...list.items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.deadline ?? '9').localeCompare(b.deadline ?? '9'))
    return ordered.map((h) => <HazardCard key={h.id} hazard={h} onOpen={(x) => openPage(hazardPath(x.id))} />)
  }

  return (
    <PageShell className='assigned'>
      <SegmentTabs<Tab>
        tabs={[
          { key: 'todo', title: '待整改' },
          { key: 'all', title: '全部' },
        ]}
        value={tab}
        onChange={(t) => void list.setFilters({ status: t === 'todo' ? 'assigned' : undefined })}
      />
      <View className='assigned__list'>{body()}</View>
    </PageShell>
  )
})

export default AssignedPage
