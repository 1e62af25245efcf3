// The alarm page: for the raiser it is the alarm being sent, the clock, 拨打110, 误触 and what
// they can add in one tap; for responders it is 收到, 到场 and 结束. For everyone involved: the
// place, the 1-3-5 marks, who has acknowledged and arrived, and the timeline — live.
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ActionSheet, Button, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { ALARM_ACTION_LABELS, ALARM_OUTCOME_LABELS, ALARM_STATUS_LABELS, ALARM_TYPE_LABELS, ALARM_TYPES, type Alarm, type AlarmOutcome, type AlarmType } from '@/types/alarms'
import { directionText, distanceM, formatDistance } from '@/domain/geo'
import { Chips } from '@/components/chips'
import { PageShell } from '@/components/page-shell'
import { PhotoGrid } from '@/components/photo-grid'
import { PhotoPicker } from '@/components/photo-picker'
import { ErrorState, LoadingState } from '@/components/page-state'
import { ReasonDialog } from '@/components/reason-dialog'
import { useNow } from '@/hooks/use-now'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { ApiError } from '@/services/http'
import { useStores } from '@/stores'
import { alarmDetailStore } from '@/stores/alarm-detail-store'
import { ALARM_PHOTOS_MAX, alarmPhotos } from '@/stores/alarm-photos'
import { toastError, toastSuccess } from '@/utils/feedback'
import { AlarmMap } from '../../components/alarm-map'
import './index.scss'

const clock = (sec: number) => `${String(Math.floor(sec / 60)).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`
const hhmmss = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000)
  return d.toISOString().slice(11, 19)
}

function call110() {
  void Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => {})
}

function Marks({ alarm }: { alarm: Alarm }) {
  return (
    <View className='alarm-marks' data-testid='alarm-marks'>
      {alarm.marks.map((m) => (
        <View key={m.minutes} className={`alarm-mark alarm-mark--${m.state}`} data-state={m.state}>
          <Text className='alarm-mark__min'>{m.minutes} 分钟</Text>
          <Text className='alarm-mark__label'>{m.label}</Text>
          <Text className='alarm-mark__at'>{m.atSec !== null ? clock(m.atSec) : m.state === 'pending' ? '计时中' : m.state === 'missed' ? '未到' : '—'}</Text>
        </View>
      ))}
    </View>
  )
}

function Place({ alarm }: { alarm: Alarm }) {
  if (!alarm.location) return <Text className='alarm-place__text'>{alarm.schoolName} · 正在获取报警位置…</Text>
  const d = Math.round(distanceM(alarm.school, alarm.location))
  return (
    <Text className='alarm-place__text' data-testid='alarm-place'>
      {alarm.schoolName} · 报警位置在学校{d < 30 ? '门口' : `${directionText(alarm.school, alarm.location)}侧约 ${formatDistance(d)}`}（精度 {Math.round(alarm.location.accuracy)}{' '}
      米）
    </Text>
  )
}

const AlarmPage = observer(function AlarmPage() {
  const root = useStores()
  const alarms = root.alarms
  const detail = root.store(alarmDetailStore)
  const photos = root.store(alarmPhotos)
  const router = useRouter()
  const id = router.params.id
  const { ready } = useRequireLogin()
  const now = useNow(1000)
  const [note, setNote] = useState('')
  const [closing, setClosing] = useState(false)
  const [outsideMessage, setOutsideMessage] = useState<string | null>(null)

  useEffect(() => {
    if (ready && id) void detail.open(id)
  }, [ready, id, detail])
  useDidShow(() => detail.startPolling())
  useDidHide(() => detail.stopPolling())
  useEffect(() => () => detail.stopPolling(), [detail])
  useScreen({ refresh: () => detail.refresh() })

  const alarm = alarms.current
  useEffect(() => {
    if (alarm) photos.follow(alarm)
  }, [alarm, photos])
  // a photo joins the alarm as soon as it has uploaded: nothing to press, nothing that delays
  const uploaded = photos.uploads.fileIds.length
  useEffect(() => {
    if (uploaded) void photos.attach().catch(toastError)
  }, [uploaded, photos])
  const sending = alarms.raiseState === 'sending' || alarms.raiseState === 'failing'
  const failing = alarms.raiseState === 'failing'

  const run = async (what: () => Promise<boolean>, done?: string) => {
    try {
      if ((await what()) && done) toastSuccess(done)
    } catch (e) {
      toastError(e)
    }
  }
  const arrive = async (reason?: string) => {
    try {
      await detail.arrive(reason)
      setOutsideMessage(null)
      toastSuccess('已到场')
    } catch (e) {
      if (e instanceof ApiError && e.code === 'OUTSIDE_FENCE') setOutsideMessage(e.message)
      else toastError(e)
      if (reason) throw e
    }
  }

  if (!alarm) {
    return (
      <PageShell className='alarm-page'>
        {sending || (!id && alarms.raiseState === 'idle') ? (
          <View className={`alarm-hero ${failing ? 'alarm-hero--failing' : ''}`} data-testid='alarm-sending'>
            <Text className='alarm-hero__status'>{failing ? '未送达 · 请立即拨打110' : '正在发送报警…'}</Text>
            <Text className='alarm-hero__sub'>{failing ? `网络不通，正在第 ${alarms.attempts} 次重试（同一条报警，不会重复）` : '同时正在获取你的位置'}</Text>
          </View>
        ) : alarms.raiseState === 'refused' ? (
          <ErrorState message={alarms.raiseError ?? '报警未能发出'} />
        ) : detail.loadError ? (
          <ErrorState message={detail.loadError} onRetry={() => void detail.refresh()} />
        ) : (
          <LoadingState />
        )}
        <View className='alarm-110'>
          <Button type='danger' size='xlarge' block onClick={call110}>
            拨打 110
          </Button>
          <Text className='alarm-110__text'>本应用不能代替 110。情况危急时，请直接拨打 110。</Text>
        </View>
      </PageShell>
    )
  }

  const over = alarm.status === 'closed' || alarm.status === 'cancelled'
  const elapsed = Math.max(0, Math.floor(((over && alarm.closedAt ? Date.parse(alarm.closedAt) : now.getTime()) - Date.parse(alarm.raisedAt)) / 1000))
  const cancelLeft = alarm.cancellableUntil ? Math.max(0, Math.ceil((Date.parse(alarm.cancellableUntil) - now.getTime()) / 1000)) : 0

  return (
    <PageShell className='alarm-page'>
      <View className={`alarm-hero alarm-hero--${alarm.status} ${alarm.drill ? 'alarm-hero--drill' : ''}`} data-testid='alarm-hero' data-status={alarm.status}>
        <Text className='alarm-hero__status'>
          {alarm.drill ? '【演练】' : ''}
          {alarm.mine && alarm.status === 'raised' ? '报警已发出' : ALARM_STATUS_LABELS[alarm.status]}
          {alarm.outcome ? ` · ${ALARM_OUTCOME_LABELS[alarm.outcome]}` : ''}
        </Text>
        <Text className='alarm-hero__clock' data-testid='alarm-clock'>
          {clock(elapsed)}
        </Text>
        <Text className='alarm-hero__sub'>
          {alarm.mine ? '民警、校长、保安和正在值守的人已收到通知' : `${alarm.raiser.name} 报警${alarm.type ? ` · ${ALARM_TYPE_LABELS[alarm.type]}` : ''}`}
        </Text>
      </View>

      <View className='alarm-110'>
        <Button type='danger' size='large' block onClick={call110}>
          拨打 110
        </Button>
        <Text className='alarm-110__text'>本应用不能代替 110。情况危急时，请直接拨打 110。</Text>
      </View>

      {alarm.can.cancel && cancelLeft > 0 ? (
        <View className='alarm-cancel'>
          <Button
            fill='outline'
            block
            data-testid='alarm-cancel'
            onClick={() =>
              void Taro.showModal({ title: '误触取消', content: '确定是误触吗？取消后仍会记录这次报警。', confirmText: '是误触' }).then((r) => {
                if (r.confirm) void run(() => detail.cancel(), '已取消')
              })
            }
          >
            误触取消（{cancelLeft} 秒）
          </Button>
        </View>
      ) : null}

      <View className='card alarm-section'>
        <Text className='alarm-section__title'>地点</Text>
        <Place alarm={alarm} />
        {/* written out (not a const) so that the browser build drops the map: no map tiles there */}
        {process.env.TARO_ENV === 'weapp' ? <AlarmMap alarm={alarm} /> : null}
        {alarm.photos.length ? (
          <View className='alarm-photos' data-testid='alarm-photos'>
            <PhotoGrid photos={alarm.photos} size='small' />
          </View>
        ) : null}
      </View>

      <View className='card alarm-section'>
        <Text className='alarm-section__title'>1-3-5 响应</Text>
        <Marks alarm={alarm} />
      </View>

      {alarm.can.acknowledge || alarm.can.arrive || alarm.can.close ? (
        <View className='card alarm-section alarm-actions'>
          {alarm.can.acknowledge ? (
            <Button type='primary' size='large' loading={detail.busy === 'acknowledge'} data-testid='alarm-ack' onClick={() => void run(() => detail.acknowledge(), '已收到')}>
              收到
            </Button>
          ) : null}
          {alarm.can.arrive ? (
            <Button type='success' size='large' loading={detail.busy === 'arrive'} data-testid='alarm-arrive' onClick={() => void arrive()}>
              到场
            </Button>
          ) : null}
          {alarm.can.close ? (
            <Button type='default' size='large' data-testid='alarm-close' onClick={() => setClosing(true)}>
              结束
            </Button>
          ) : null}
        </View>
      ) : null}

      <View className='card alarm-section'>
        <Text className='alarm-section__title'>响应人员</Text>
        {alarm.responders.length ? (
          alarm.responders.map((r) => (
            <View key={r.personId} className='alarm-responder' data-testid='alarm-responder'>
              <Text className='alarm-responder__name'>
                {r.name}
                <Text className='alarm-responder__kind'>{r.kind === 'officer' ? '民警' : '学校'}</Text>
              </Text>
              <Text className={`alarm-responder__state ${r.arrivedAt ? 'is-arrived' : r.acknowledgedAt ? 'is-ack' : ''}`}>
                {r.arrivedAt ? `已到场 ${hhmmss(r.arrivedAt)}` : r.acknowledgedAt ? `已收到 ${hhmmss(r.acknowledgedAt)}` : '未响应'}
              </Text>
              {r.phone ? (
                <Text className='alarm-responder__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: r.phone! }).catch(() => {})}>
                  电话
                </Text>
              ) : null}
            </View>
          ))
        ) : (
          <Text className='alarm-empty'>还没有人响应</Text>
        )}
      </View>

      {alarm.can.describe ? (
        <View className='card alarm-section'>
          <Text className='alarm-section__title'>补充情况（不影响报警）</Text>
          <Chips<AlarmType>
            options={ALARM_TYPES.map((t) => ({ value: t, label: ALARM_TYPE_LABELS[t], tone: 'danger' as const }))}
            value={alarm.type}
            testId='alarm-type'
            onChange={(type) => void run(() => detail.describe({ type }))}
          />
          {photos.uploads.max > 0 || photos.uploads.items.length ? (
            <PhotoPicker uploads={photos.uploads} hint={photos.attaching ? '正在添加照片…' : `可拍照或选照片（共 ${ALARM_PHOTOS_MAX} 张），选好即发送`} />
          ) : null}
          <TextArea className='alarm-note' placeholder='简短说明：人数、衣着、去向…' value={note} maxLength={200} onChange={setNote} />
          <Button
            size='small'
            type='primary'
            disabled={!note.trim()}
            onClick={() =>
              void run(async () => {
                const ok = await detail.describe({ note: note.trim() })
                if (ok) setNote('')
                return ok
              }, '已补充')
            }
          >
            发送说明
          </Button>
        </View>
      ) : null}

      <View className='card alarm-section'>
        <Text className='alarm-section__title'>时间线</Text>
        {alarm.events.map((e) => (
          <View key={e.id} className='alarm-event' data-testid='alarm-event' data-action={e.action}>
            <Text className='alarm-event__time'>{hhmmss(e.createdAt)}</Text>
            <Text className='alarm-event__text'>
              {e.actor} {ALARM_ACTION_LABELS[e.action]}
              {e.action === 'arrive' && e.distanceM !== null ? `（距校门 ${formatDistance(e.distanceM)}${e.outsideFence ? '，范围外' : ''}）` : ''}
              {e.note ? `：${e.note}` : ''}
            </Text>
          </View>
        ))}
      </View>

      <ActionSheet
        visible={closing}
        title='处置结果'
        options={(alarm.drill ? (['drill_over'] as AlarmOutcome[]) : (['handled', 'false_alarm', 'transferred'] as AlarmOutcome[])).map((o) => ({
          name: ALARM_OUTCOME_LABELS[o],
          value: o,
        }))}
        onSelect={(item) => {
          setClosing(false)
          void run(() => detail.close(item.value as AlarmOutcome), '已结束')
        }}
        onCancel={() => setClosing(false)}
      />
      <ReasonDialog
        visible={outsideMessage !== null}
        title='不在学校范围内'
        message={`${outsideMessage ?? ''}。如确已到场处置，请说明原因。`}
        placeholder='例如：在后门控制嫌疑人'
        confirmText='仍然到场'
        onConfirm={(reason) => arrive(reason)}
        onCancel={() => setOutsideMessage(null)}
      />
    </PageShell>
  )
})

export default AlarmPage
