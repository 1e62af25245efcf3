// One hazard report: how it stands, where, its photos, the timeline of every step, and the
// actions the person looking may take (notifications open this page with ?hazardId=).
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, type ReactNode } from 'react'
import { DEPARTMENT_LABELS } from '@/types/hazards'
import { HAZARD_LOCATION_KINDS, HAZARD_LOCATION_LABELS, type HazardLocationKind } from '@/types/bulletin'
import { Chips } from '@/components/chips'
import { toastError } from '@/utils/feedback'
import { HazardStatusTag, OverdueTag, SeverityTag } from '@/components/hazard-tags'
import { HazardTimeline } from '@/components/hazard-timeline'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { PhotoGrid } from '@/components/photo-grid'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { hazardDetailStore } from '@/stores/hazards/detail-store'
import { formatInstant } from '@/utils/format'
import { HAZARD_ROUTES, hazardPath } from '@/utils/hazard-routes'
import { openPage } from '@/utils/navigation'
import { HazardActions } from './actions'
import { HazardPlace } from './place'
import './index.scss'

function Fact({ label, children, tone }: { label: string; children: ReactNode; tone?: 'danger' }) {
  return (
    <View className='detail__fact'>
      <Text className='detail__fact-label'>{label}</Text>
      <View className={`detail__fact-value ${tone ? `detail__fact-value--${tone}` : ''}`}>{children}</View>
    </View>
  )
}

const HazardDetailPage = observer(function HazardDetailPage() {
  const { params } = useRouter()
  const hazardId = params.hazardId ? decodeURIComponent(params.hazardId) : null
  const { ready } = useRequireLogin(hazardId ? hazardPath(hazardId) : HAZARD_ROUTES.queue)
  const root = useStores()
  const { schools } = root
  const detail = root.store(hazardDetailStore)

  useEffect(() => {
    if (!ready || !hazardId) return
    void schools.load()
    void detail.open(hazardId)
  }, [ready, hazardId, schools, detail])
  useDidShow(() => {
    // back from another report's page: this page's report again
    if (ready && hazardId && detail.hazardId !== hazardId) void detail.open(hazardId)
  })
  useScreen({ refresh: () => Promise.allSettled([detail.load({ quiet: true }), schools.load()]) })

  if (!hazardId)
    return (
      <PageShell>
        <EmptyState title='没有指定隐患' description='请从列表或通知中打开隐患。' />
      </PageShell>
    )
  const hazard = detail.hazardId === hazardId ? detail.hazard : null
  if (!ready || !hazard) {
    return <PageShell>{detail.state === 'error' ? <ErrorState message={detail.error} onRetry={() => void detail.load()} /> : <LoadingState />}</PageShell>
  }

  return (
    <PageShell className='detail'>
      <View className={`card detail__head ${hazard.overdue ? 'detail__head--overdue' : ''}`}>
        <View className='detail__title-row'>
          <Text className='detail__title'>{hazard.category.name}</Text>
          <View className='detail__tags'>
            {hazard.overdue ? <OverdueTag /> : null}
            <SeverityTag severity={hazard.severity} />
            <HazardStatusTag status={hazard.status} />
          </View>
        </View>
        <Text className='detail__description'>{hazard.description}</Text>
        <PhotoGrid photos={hazard.photos} />
      </View>

      <View className='card detail__facts'>
        <Fact label='学校'>{hazard.schoolName}</Fact>
        <Fact label='位置'>
          {detail.setsLocation ? (
            <Chips<HazardLocationKind>
              size='small'
              testId='hazard-location'
              options={HAZARD_LOCATION_KINDS.map((k) => ({ value: k, label: HAZARD_LOCATION_LABELS[k] }))}
              value={hazard.locationKind}
              onChange={(k) => void detail.setLocationKind(k).catch((e) => toastError(e, '位置没有改成，请稍后重试'))}
            />
          ) : (
            HAZARD_LOCATION_LABELS[hazard.locationKind]
          )}
        </Fact>
        <Fact label='上报时间'>{formatInstant(hazard.createdAt)}</Fact>
        <Fact label='上报人'>{hazard.reporter ? (hazard.mine ? '我' : hazard.reporter.name) : '匿名（仅民警和管理员可见）'}</Fact>
        {hazard.confirmations ? <Fact label='也遇到了'>{hazard.confirmations} 人</Fact> : null}
        {hazard.assignee ? (
          <Fact label='交办'>
            {DEPARTMENT_LABELS[hazard.assignee.department]}
            {hazard.assignee.personName ? `（${hazard.assignee.personName}）` : ''}
          </Fact>
        ) : null}
        {hazard.deadline ? (
          <Fact label='整改期限' tone={hazard.overdue ? 'danger' : undefined}>
            {formatInstant(hazard.deadline)}
            {hazard.overdue ? '（已逾期）' : ''}
          </Fact>
        ) : null}
        {hazard.duplicateOf ? (
          <Fact label='重复于'>
            <Text className='detail__link' onClick={() => openPage(hazardPath(hazard.duplicateOf!))}>
              查看原隐患 ›
            </Text>
          </Fact>
        ) : null}
      </View>

      <View className='section-title'>位置</View>
      <HazardPlace hazard={hazard} />

      <HazardActions />

      <View className='section-title'>处置记录</View>
      <View className='card' data-testid='hazard-timeline'>
        <HazardTimeline events={hazard.events} />
      </View>
    </PageShell>
  )
})

export default HazardDetailPage
