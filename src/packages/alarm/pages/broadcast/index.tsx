// One 远程广播: the message and photo; for the officer who sent it (and those overseeing the
// station), who has confirmed, who not yet (alerted again every minute), and — after three
// re-alerts — whom to phone, with a tap to call. Live through the socket, polled as well. A
// recipient opening it from a message sees the text and 确认.
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { BROADCAST_RECIPIENT_STATE_LABELS, type BroadcastRecipient } from '@/types/broadcasts'
import { PageShell } from '@/components/page-shell'
import { ErrorState, LoadingState } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { broadcastDesk } from '@/stores/broadcast-desk'
import { timeOf } from '@/utils/duty-format'
import { toastError } from '@/utils/feedback'
import { BroadcastCounts, sentAt } from '../../components/broadcast-counts'
import './index.scss'

function call(phone: string) {
  void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => {})
}

function Person({ r }: { r: BroadcastRecipient }) {
  return (
    <View className={`bc-person bc-person--${r.state}`} data-testid='broadcast-recipient' data-state={r.state}>
      <View className='bc-person__main'>
        <Text className='bc-person__name'>{r.name}</Text>
        <Text className='bc-person__school'>{r.schoolName}</Text>
      </View>
      <Text className='bc-person__state'>
        {r.state === 'confirmed' && r.confirmedAt
          ? `已确认 ${timeOf(r.confirmedAt)}`
          : `${BROADCAST_RECIPIENT_STATE_LABELS[r.state]}${r.realerts ? ` · 已提醒 ${r.realerts} 次` : ''}`}
      </Text>
    </View>
  )
}

const BroadcastPage = observer(function BroadcastPage() {
  const root = useStores()
  const desk = root.store(broadcastDesk)
  const id = useRouter().params.id
  const { ready } = useRequireLogin()
  useEffect(() => {
    if (ready && id) void desk.open(id)
  }, [ready, id, desk])
  useDidShow(() => desk.startPolling())
  useDidHide(() => desk.stopPolling())
  useEffect(() => () => desk.stopPolling(), [desk])
  useScreen({ refresh: () => desk.refresh() })

  const b = desk.current?.id === id ? desk.current : null
  if (!b) return <PageShell>{desk.currentError ? <ErrorState message={desk.currentError} onRetry={() => void desk.refresh(id)} /> : <LoadingState />}</PageShell>

  const toCall = b.recipients.filter((r) => r.state === 'call')
  const waiting = b.recipients.filter((r) => r.state === 'waiting')
  const confirmed = b.recipients.filter((r) => r.state === 'confirmed')
  const mineToConfirm = b.myConfirmation && !b.myConfirmation.confirmedAt
  return (
    <PageShell className='bc-page'>
      <View className='card bc-message' data-testid='broadcast-message'>
        <Text className='bc-message__label'>人员预警</Text>
        <Text className='bc-message__text'>{b.text}</Text>
        {b.photo ? (
          <Image className='bc-message__photo' src={b.photo.thumbUrl} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: [b.photo!.url] }).catch(() => {})} />
        ) : null}
        <Text className='bc-message__meta'>
          {b.stationName} {b.sender.name} · {sentAt(b.createdAt)} · {b.wholeStation ? '全所' : b.schools.map((s) => s.name).join('、')}
        </Text>
        {b.recipients.length ? <BroadcastCounts b={b} /> : null}
        {mineToConfirm ? (
          <Button
            type='warning'
            size='large'
            block
            loading={root.broadcasts.confirming === b.id}
            onClick={() =>
              void root.broadcasts
                .confirm(b.id)
                .then(() => desk.refresh())
                .catch(toastError)
            }
          >
            确认收到
          </Button>
        ) : b.myConfirmation?.confirmedAt ? (
          <Text className='bc-message__done'>你已于 {timeOf(b.myConfirmation.confirmedAt)} 确认</Text>
        ) : null}
      </View>

      {toCall.length ? (
        <View className='card bc-call' data-testid='broadcast-call-list'>
          <Text className='bc-section__title bc-section__title--call'>请电话联系（提醒 3 次仍未确认）</Text>
          {toCall.map((r) => (
            <View key={r.personId} className='bc-call__row' data-testid='broadcast-call'>
              <View className='bc-person__main'>
                <Text className='bc-person__name'>{r.name}</Text>
                <Text className='bc-person__school'>
                  {r.schoolName} · {r.phone ?? '未留手机号'}
                </Text>
              </View>
              {r.phone ? (
                <Button type='danger' size='small' onClick={() => call(r.phone!)}>
                  拨打
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {b.recipients.length ? (
        <View className='card'>
          <Text className='bc-section__title'>未确认（{waiting.length}）</Text>
          {waiting.length ? waiting.map((r) => <Person key={r.personId} r={r} />) : <Text className='bc-section__empty'>没有</Text>}
          <Text className='bc-section__title'>已确认（{confirmed.length}）</Text>
          {confirmed.length ? confirmed.map((r) => <Person key={r.personId} r={r} />) : <Text className='bc-section__empty'>还没有人确认</Text>}
          <Text className='bc-section__hint'>未确认的人每分钟再提醒一次，最多 3 次，之后列入上方电话联系。</Text>
        </View>
      ) : null}
    </PageShell>
  )
})

export default BroadcastPage
