// The police / admin queue: every report of their schools, most urgent first (overdue, then
// severity, then deadline), with filters; polled while shown; the ledger export below.
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { HAZARD_STATUSES, HAZARD_STATUS_LABELS, type HazardStatus } from '@/types/hazards'
import { Chips, type ChipOption } from '@/components/chips'
import { HazardCard } from '@/components/hazard-card'
import { PageShell } from '@/components/page-shell'
import { EmptyState, LoadingState, screenGate } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { HAZARD_ROUTES, hazardPath } from '@/utils/hazard-routes'
import { openPage } from '@/utils/navigation'
import { usePolling } from '../../hooks/use-polling'
import { LedgerExport } from './ledger'
import './index.scss'

const ALL = 'all'
const STATUS_OPTIONS: ChipOption<HazardStatus | typeof ALL>[] = [{ value: ALL, label: '全部' }, ...HAZARD_STATUSES.map((s) => ({ value: s, label: HAZARD_STATUS_LABELS[s] }))]

const QueuePage = observer(function QueuePage() {
  const { me, schools, hazards } = useStores()
  const { ready } = useRequireLogin(HAZARD_ROUTES.queue)
  const { queue, categories } = hazards
  const [showMore, setShowMore] = useState(false)
  const handles = me.holds('hazard.handle')
  const managesCategories = me.holds('category.manage')

  useScreen({
    load: () => Promise.allSettled([schools.load(), categories.load(), queue.load({ quiet: true })]),
    ready: ready && handles,
    refresh: () => Promise.allSettled([queue.load({ quiet: true }), schools.load()]),
  })
  usePolling(() => void queue.load({ quiet: true }), 15_000, ready && handles)

  if (!ready || !me.me)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (!handles) {
    return (
      <PageShell>
        <EmptyState title='只有民警和管理员可以处置隐患' description='你上报的隐患可以在「上报 → 我的上报」查看进度。' />
      </PageShell>
    )
  }

  const handledSchools = me.schoolsWhere('hazard.handle')
  const f = queue.filters
  const extraFilters = (f.schoolId ? 1 : 0) + (f.categoryId ? 1 : 0)

  const list = () => {
    const gated = screenGate(queue, () => void queue.load())
    if (gated) return gated
    if (!queue.items.length) {
      return (
        <EmptyState
          title={queue.hasFilters ? '没有符合条件的隐患' : '暂无隐患'}
          description={queue.hasFilters ? '换个筛选条件试试。' : '辖区学校的成员上报隐患后，会按紧急程度排在这里。'}
        />
      )
    }
    return queue.items.map((h) => <HazardCard key={h.id} hazard={h} showReporter onOpen={(x) => openPage(hazardPath(x.id))} />)
  }

  return (
    <PageShell className='queue'>
      <View className='queue__filters'>
        <Chips
          size='small'
          testId='status-filter'
          options={STATUS_OPTIONS}
          value={f.status ?? ALL}
          onChange={(v) => void queue.setFilters({ status: v === ALL ? undefined : v })}
        />
        <View className='queue__filter-row'>
          <View className={`queue__toggle ${f.overdue ? 'queue__toggle--on' : ''}`} onClick={() => void queue.setFilters({ overdue: !f.overdue })}>
            只看逾期
          </View>
          <View className='queue__more' onClick={() => setShowMore(!showMore)}>
            <Text>更多筛选{extraFilters ? `（${extraFilters}）` : ''}</Text>
            <Text className='queue__caret'>{showMore ? '▴' : '▾'}</Text>
          </View>
          {queue.hasFilters ? (
            <Text className='queue__clear' onClick={() => void queue.clearFilters()}>
              清除
            </Text>
          ) : null}
        </View>
        {showMore ? (
          <View className='queue__panel'>
            {handledSchools.length > 1 ? (
              <>
                <Text className='queue__label'>学校</Text>
                <Chips
                  size='small'
                  options={[{ value: ALL, label: '全部学校' }, ...handledSchools.map((s) => ({ value: s.id, label: s.name }))]}
                  value={f.schoolId ?? ALL}
                  onChange={(v) => void queue.setFilters({ schoolId: v === ALL ? undefined : v })}
                />
              </>
            ) : null}
            <Text className='queue__label'>类别</Text>
            <Chips
              size='small'
              options={[{ value: ALL, label: '全部类别' }, ...categories.items.map((c) => ({ value: c.id, label: c.name }))]}
              value={f.categoryId ?? ALL}
              onChange={(v) => void queue.setFilters({ categoryId: v === ALL ? undefined : v })}
            />
          </View>
        ) : null}
      </View>

      {queue.state === 'ready' && queue.items.length ? (
        <View className='queue__summary'>
          共 {queue.items.length} 条，
          {queue.overdueCount ? (
            <>
              <Text className='queue__overdue'>逾期 {queue.overdueCount} 条</Text>，
            </>
          ) : null}
          按紧急程度排序
        </View>
      ) : null}
      <View className='queue__list'>{list()}</View>

      <LedgerExport />

      {managesCategories ? (
        <View className='queue__admin' onClick={() => openPage(HAZARD_ROUTES.categories)}>
          <Text>隐患类别管理</Text>
          <Text className='queue__caret'>›</Text>
        </View>
      ) : null}
    </PageShell>
  )
})

export default QueuePage
