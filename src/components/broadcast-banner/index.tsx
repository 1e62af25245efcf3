// 远程广播 / 人员预警 on whatever page is open: the police officer's message (and photo) sent to
// everyone on duty, until this person taps 确认. Live through the socket, polled while it is down.
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '@/stores'
import { timeOf } from '@/utils/duty-format'
import { toastError } from '@/utils/feedback'
import './index.scss'

export const BroadcastBanner = observer(function BroadcastBanner() {
  const { broadcasts } = useStores()
  const b = broadcasts.first
  if (!b) return null
  const more = broadcasts.pending.length - 1
  return (
    <View className='broadcast-banner' data-testid='broadcast-banner' data-id={b.id}>
      <View className='broadcast-banner__head'>
        <Text className='broadcast-banner__title'>人员预警</Text>
        <Text className='broadcast-banner__from'>
          {b.stationName} {b.sender.name} · {timeOf(b.createdAt)}
        </Text>
      </View>
      <View className='broadcast-banner__body'>
        <Text className='broadcast-banner__text' data-testid='broadcast-banner-text'>
          {b.text}
        </Text>
        {b.photo ? (
          <Image
            className='broadcast-banner__photo'
            src={b.photo.thumbUrl}
            mode='aspectFill'
            onClick={() => void Taro.previewImage({ urls: [b.photo!.url], current: b.photo!.url }).catch(() => {})}
          />
        ) : null}
      </View>
      <Button
        className='broadcast-banner__confirm'
        type='warning'
        size='large'
        block
        loading={broadcasts.confirming === b.id}
        data-testid='broadcast-confirm'
        onClick={() => void broadcasts.confirm(b.id).catch(toastError)}
      >
        确认收到
      </Button>
      {more > 0 ? <Text className='broadcast-banner__more'>还有 {more} 条预警待确认</Text> : null}
    </View>
  )
})
