// 远程广播 / 人员预警 for the police officer: write a short urgent message (and a photo, e.g. the
// person to watch for), choose schools one is responsible for or the whole station — it reaches
// everyone on duty there now, each of whom must confirm — and the broadcasts of the last week.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { BROADCAST_TEXT_MAX } from '@/domain/broadcasts'
import type { Broadcast } from '@/types/broadcasts'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { PhotoPicker } from '@/components/photo-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { broadcastDesk } from '@/stores/broadcast-desk'
import { broadcastPath } from '@/utils/alarm-routes'
import { toastError } from '@/utils/feedback'
import { openPage } from '@/utils/navigation'
import { BroadcastCounts, sentAt } from '../../components/broadcast-counts'
import './index.scss'

function RecentRow({ b }: { b: Broadcast }) {
  return (
    <View className='bc-row' data-testid='broadcast-row' onClick={() => openPage(broadcastPath(b.id))}>
      <View className='bc-row__head'>
        <Text className='bc-row__to'>{b.wholeStation ? `全所 · ${b.stationName}` : b.schools.map((s) => s.name).join('、')}</Text>
        <Text className='bc-row__at'>{sentAt(b.createdAt)}</Text>
      </View>
      <Text className='bc-row__text'>{b.text}</Text>
      <BroadcastCounts b={b} />
    </View>
  )
}

const BroadcastsPage = observer(function BroadcastsPage() {
  const root = useStores()
  const desk = root.store(broadcastDesk)
  const { ready } = useRequireLogin()
  const load = () => Promise.allSettled([desk.loadTargets(), desk.loadRecent()])
  useScreen({ load, ready })

  const send = async () => {
    const blocker = desk.blocker
    if (blocker) return toastError(new Error(blocker))
    const who = desk.wholeStation ? '全所' : ` ${desk.schoolIds.length} 所学校`
    const { confirm } = await Taro.showModal({
      title: '发送人员预警',
      content: `发给${who}此刻在岗的 ${desk.reach} 人，每人须确认；未确认的每分钟再提醒一次，3 次后列入电话联系。`,
      confirmText: '发送',
    })
    if (!confirm) return
    try {
      const sent = await desk.send()
      openPage(broadcastPath(sent.id))
    } catch (e) {
      toastError(e)
    }
  }

  const targets = desk.targets
  return (
    <PageShell className='bc-page'>
      <View className='card bc-compose'>
        <Text className='bc-compose__title'>发给谁（此刻在岗的人）</Text>
        {targets.state === 'error' ? (
          <ErrorState message={targets.error} onRetry={() => void desk.loadTargets()} />
        ) : targets.state !== 'ready' ? (
          <LoadingState />
        ) : (
          <View className='bc-targets' data-testid='broadcast-targets'>
            {desk.pickable.map((t) => {
              const on = desk.schoolIds.includes(t.schoolId)
              return (
                <View key={t.schoolId} className={`bc-target ${on ? 'bc-target--on' : ''}`} data-testid='broadcast-target' onClick={() => desk.toggleSchool(t.schoolId)}>
                  <Text className='bc-target__check'>{on ? '✓' : ''}</Text>
                  <Text className='bc-target__name'>{t.schoolName}</Text>
                  <Text className='bc-target__count'>在岗 {t.onDuty} 人</Text>
                </View>
              )
            })}
            <View
              className={`bc-target ${desk.wholeStation ? 'bc-target--on' : ''}`}
              data-testid='broadcast-whole-station'
              onClick={() => desk.setWholeStation(!desk.wholeStation)}
            >
              <Text className='bc-target__check'>{desk.wholeStation ? '✓' : ''}</Text>
              <Text className='bc-target__name'>全所（{targets.items.length} 所学校）</Text>
              <Text className='bc-target__count'>在岗 {targets.items.reduce((n, t) => n + t.onDuty, 0)} 人</Text>
            </View>
          </View>
        )}
        <Text className='bc-compose__title'>内容</Text>
        <TextArea
          className='bc-compose__text'
          placeholder='例如：留意一名穿灰色夹克、背黑色双肩包的中年男子，在校门附近徘徊，发现后立即报告。'
          value={desk.text}
          maxLength={BROADCAST_TEXT_MAX}
          showCount
          autoSize
          onChange={(v) => desk.setText(v)}
        />
        <PhotoPicker uploads={desk.photo} hint='可附一张照片（如需留意人员的照片）' />
        <Button type='danger' size='large' block loading={desk.sending} disabled={desk.sending} data-testid='broadcast-send' onClick={() => void send()}>
          发送人员预警{desk.reach ? `（${desk.reach} 人）` : ''}
        </Button>
      </View>

      <View className='section-title'>最近 7 天</View>
      {desk.recent.state === 'error' && !desk.recent.items.length ? (
        <ErrorState message={desk.recent.error} onRetry={() => void desk.loadRecent()} />
      ) : desk.recent.state !== 'ready' && !desk.recent.items.length ? (
        <LoadingState />
      ) : desk.recent.items.length ? (
        <View className='card'>
          {desk.recent.items.map((b) => (
            <RecentRow key={b.id} b={b} />
          ))}
        </View>
      ) : (
        <EmptyState title='还没有发过广播' description='发出后可在这里看到每个人是否已确认。' />
      )}
    </PageShell>
  )
})

export default BroadcastsPage
