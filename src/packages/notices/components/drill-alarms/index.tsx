// 演练报警 on a drill notice: during the drill (from 30 minutes before it starts to 30 minutes after
// it ends, domain/alarms) the police and the principals of its schools raise a drill alarm with the
// same long press as 一键报警; everyone who keeps the drill records sees the drill alarms with their
// response times and 1-3-5 marks.
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Notice } from '@/types/notices'
import { DRILL_ALARM_EARLY_MIN, DRILL_ALARM_LATE_MIN, drillAlarmBlockReason } from '@/domain/alarms'
import { AlarmButton } from '@/components/alarm-button'
import { AlarmSummaryCard } from '@/components/alarm-summary'
import { Chips } from '@/components/chips'
import { ErrorState } from '@/components/page-state'
import { useStores } from '@/stores'
import { schoolRef } from '@/stores/me-store'
import { drillAlarmsStore } from '@/stores/notices/drills-store'
import { ALARM_ROUTES, alarmPath } from '@/utils/alarm-routes'
import { openPage } from '@/utils/navigation'
import './index.scss'

/** The drill alarms of a drill and their response times (the notice page and the record form). */
export const DrillResponses = observer(function DrillResponses({ noticeId, empty }: { noticeId: string; empty: string }) {
  const root = useStores()
  const store = root.store(drillAlarmsStore)
  useEffect(() => void store.load(noticeId), [store, noticeId])
  useDidShow(() => {
    if (store.noticeId === noticeId) void store.load(noticeId)
  })
  const items = store.noticeId === noticeId ? store.items : []
  if (store.state === 'error' && !items.length) return <ErrorState message={store.error} onRetry={() => void store.load(noticeId)} />
  if (!items.length) return <Text className='drill-alarms__hint'>{store.state === 'ready' ? empty : '加载中…'}</Text>
  return (
    <View data-testid='drill-responses'>
      {items.map((a) => (
        <AlarmSummaryCard key={a.id} alarm={a} times onOpen={() => openPage(alarmPath(a.id))} />
      ))}
    </View>
  )
})

export const DrillAlarmBlock = observer(function DrillAlarmBlock({ notice, now }: { notice: Notice; now: Date }) {
  const { me, schools, alarms } = useStores()
  const raisable = notice.audience.schoolIds.map((id) => schools.byId(id)).filter((s) => !!s && me.can('alarm.drill', schoolRef(s)))
  const sees = notice.audience.schoolIds.some((id) => {
    const s = schools.byId(id)
    return !!s && me.can('drill.view', schoolRef(s))
  })
  const [picked, setPicked] = useState<string | null>(null)
  if (notice.type !== 'drill' || (!raisable.length && !sees)) return null
  const schoolId = picked && raisable.some((s) => s!.id === picked) ? picked : (raisable[0]?.id ?? null)
  const blocked = schoolId ? drillAlarmBlockReason({ ...notice, schoolIds: notice.audience.schoolIds }, schoolId, now) : null
  const fire = () => {
    if (!schoolId) return
    void alarms.raise({ schoolId, drill: true, drillNoticeId: notice.id })
    void Taro.navigateTo({ url: ALARM_ROUTES.detail })
  }
  return (
    <>
      <View className='section-title'>演练报警</View>
      <View className='card drill-alarms' data-testid='drill-alarm-block'>
        {raisable.length ? (
          blocked ? (
            <Text className='drill-alarms__hint' data-testid='drill-alarm-closed'>
              {blocked}。演练报警在演练开始前 {DRILL_ALARM_EARLY_MIN} 分钟至结束后 {DRILL_ALARM_LATE_MIN} 分钟之间发起。
            </Text>
          ) : (
            <View className='drill-alarms__raise'>
              {raisable.length > 1 ? (
                <Chips size='small' testId='drill-alarm-school' options={raisable.map((s) => ({ value: s!.id, label: s!.name }))} value={schoolId} onChange={setPicked} />
              ) : null}
              <AlarmButton compact label='演练报警' onFire={fire} />
              <Text className='drill-alarms__hint'>
                长按发起演练报警：和一键报警一样通知民警、校长、保安和值守人员，全程标记【演练】，只通知到学校和派出所。响应时间记入演练记录。
              </Text>
            </View>
          )
        ) : null}
        {sees ? <DrillResponses noticeId={notice.id} empty='这次演练还没有发起演练报警。' /> : null}
      </View>
    </>
  )
})
