// A new alarm, on whatever page is open: pushed through the live socket to everyone who must
// respond. One tap opens it.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { ALARM_TYPE_LABELS } from '@/types/alarms'
import { useStores } from '@/stores'
import { alarmPath } from '@/utils/alarm-routes'
import './index.scss'

export const AlarmBanner = observer(function AlarmBanner() {
  const { alarms } = useStores()
  const m = alarms.incoming
  if (!m) return null
  // the alarm page opens it by its id (and the banner goes once it is shown)
  const open = () => void Taro.navigateTo({ url: alarmPath(m.alarmId) })
  return (
    <View className={`alarm-banner ${m.drill ? 'alarm-banner--drill' : ''}`} data-testid='alarm-banner' onClick={open}>
      <View className='alarm-banner__main'>
        <Text className='alarm-banner__title'>
          {m.drill ? '【演练】' : ''}一键报警 · {m.schoolName}
        </Text>
        <Text className='alarm-banner__text'>{m.alarmType ? ALARM_TYPE_LABELS[m.alarmType] : '紧急情况'} · 点此查看并响应</Text>
      </View>
      <Text
        className='alarm-banner__close'
        onClick={(e) => {
          e.stopPropagation()
          alarms.dismissIncoming()
        }}
      >
        ×
      </Text>
    </View>
  )
})
