// 演练记录: each school's drills, newest first. Principals see their school's; police and admins
// see their schools' and record new ones. ?schoolId= chooses the school.
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { Drill } from '@/types/notices'
import { managedSchoolsState } from '@/components/managed-schools'
import { PageShell } from '@/components/page-shell'
import { EmptyState, screenGate } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { drillHistoryStore } from '@/stores/notices/drills-store'
import { openPage } from '@/utils/navigation'
import { drillRecordPath, drillsPath } from '@/utils/notice-routes'
import { AlarmSummaryCard } from '@/components/alarm-summary'
import { alarmPath } from '@/utils/alarm-routes'
import { AttachmentGrid } from '../../components/attachment-grid'
import './index.scss'

function DrillCard({ drill }: { drill: Drill }) {
  return (
    <View className='card drill-card' data-testid='drill-card'>
      <View className='drill-card__head'>
        <Text className='drill-card__date'>{drill.date}</Text>
        <Text className='drill-card__meta'>
          {drill.participants} 人 · {drill.durationMin} 分钟
        </Text>
      </View>
      <Text className='drill-card__scenario'>{drill.scenario}</Text>
      {drill.schools.length > 1 ? <Text className='drill-card__line'>学校：{drill.schools.map((s) => s.name).join('、')}</Text> : null}
      {drill.wentWell ? (
        <View className='drill-card__review drill-card__review--good'>
          <Text className='drill-card__review-label'>做得好的</Text>
          <Text className='drill-card__review-text'>{drill.wentWell}</Text>
        </View>
      ) : null}
      {drill.toFix ? (
        <View className='drill-card__review drill-card__review--fix'>
          <Text className='drill-card__review-label'>需要改进</Text>
          <Text className='drill-card__review-text'>{drill.toFix}</Text>
        </View>
      ) : null}
      {drill.responses.length ? (
        <View className='drill-card__responses' data-testid='drill-card-responses'>
          <Text className='drill-card__review-label'>演练报警的响应</Text>
          {drill.responses.map((a) => (
            <AlarmSummaryCard key={a.id} alarm={a} times onOpen={() => openPage(alarmPath(a.id))} />
          ))}
        </View>
      ) : null}
      <AttachmentGrid images={drill.photos} />
      <Text className='drill-card__by'>记录人：{drill.recordedBy}</Text>
    </View>
  )
}

const DrillsPage = observer(function DrillsPage() {
  const { params } = useRouter()
  const wanted = params.schoolId ? decodeURIComponent(params.schoolId) : null
  const { ready } = useRequireLogin(drillsPath(wanted ?? undefined))
  const root = useStores()
  const { schools } = root
  const drills = root.store(drillHistoryStore)
  const options = drills.schoolOptions

  useEffect(() => {
    if (ready) void schools.load()
  }, [ready, schools])
  useEffect(() => {
    if (!options.length) return
    const target = options.find((s) => s.id === (wanted ?? drills.schoolId)) ?? options[0]
    void drills.selectSchool(target.id)
  }, [options, wanted, drills])
  useDidShow(() => {
    if (ready && drills.schoolId) void drills.load()
  })
  useScreen({ refresh: () => Promise.allSettled([drills.load(), schools.load()]) })

  const gate = managedSchoolsState(ready, schools, options.length, { title: '没有可查看的演练记录', description: '校长、责任民警和管理员可以查看学校的演练记录。' })
  if (gate) return gate

  const list = () => {
    const gated = screenGate(drills, () => void drills.load(), {
      empty: !drills.items.length && <EmptyState title='还没有演练记录' description='派出所组织演练后会在这里记录情景、参加人数和改进事项。' />,
    })
    if (gated) return gated
    return drills.items.map((d) => <DrillCard key={d.id} drill={d} />)
  }

  return (
    <PageShell className='drill-history'>
      <SchoolPicker schools={options} value={drills.schoolId} onChange={(id) => void drills.selectSchool(id)} />
      {drills.mayRecord ? (
        <View className='drill-history__actions'>
          <Button type='primary' size='small' onClick={() => openPage(drillRecordPath())}>
            记录演练
          </Button>
        </View>
      ) : null}
      <View className='drill-history__list'>{list()}</View>
    </PageShell>
  )
})

export default DrillsPage
