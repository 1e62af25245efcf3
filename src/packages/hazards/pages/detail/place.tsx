// Where the hazard is: a map with its marker on WeChat (and navigation there); in the browser
// its coordinates and, on request, the distance and direction from the person.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Hazard } from '@/types/hazards'
import { directionText, distanceM, formatDistance } from '@/domain/geo'
import { taroLocation } from '@/services/location'
import { toastError } from '@/utils/feedback'
import { HazardMap } from '../../components/hazard-map'

const isWeapp = process.env.TARO_ENV === 'weapp'

export function HazardPlace({ hazard }: { hazard: Hazard }) {
  const [fromMe, setFromMe] = useState<string | null>(null)
  const [locating, setLocating] = useState(false)

  const measure = async () => {
    setLocating(true)
    try {
      const here = await taroLocation.current()
      const metres = distanceM(here, hazard)
      // within a few metres a direction means nothing
      setFromMe(metres < 10 ? '就在你附近（10 米内）' : `距你约 ${formatDistance(metres)}，在你的${directionText(here, hazard)}方向`)
    } catch (e) {
      toastError(e, (e as Error).message || '定位失败')
    } finally {
      setLocating(false)
    }
  }

  return (
    <View className='card detail__place'>
      {isWeapp ? <HazardMap points={[{ id: hazard.id, lat: hazard.lat, lng: hazard.lng, title: hazard.category.name }]} center={hazard} /> : null}
      <View className='detail__place-info'>
        <Text className='detail__place-school'>{hazard.schoolName}附近</Text>
        <Text className='detail__place-coords'>
          {hazard.lat.toFixed(5)}, {hazard.lng.toFixed(5)}（GCJ-02）
        </Text>
        {fromMe ? <Text className='detail__place-distance'>{fromMe}</Text> : null}
        <View className='detail__place-actions'>
          {isWeapp ? (
            <Button
              size='small'
              fill='outline'
              type='primary'
              onClick={() => void Taro.openLocation({ latitude: hazard.lat, longitude: hazard.lng, name: hazard.category.name, address: `${hazard.schoolName}附近`, scale: 17 })}
            >
              导航到这里
            </Button>
          ) : (
            <Button size='small' fill='outline' type='primary' loading={locating} onClick={() => void measure()}>
              计算与我的距离
            </Button>
          )}
        </View>
      </View>
    </View>
  )
}
