// WeChat's <map> on the alarm page: a red pin where the alarm was raised and the school's pin,
// both in view (GCJ-02, as the map expects). Only in the WeChat build: the browser build shows
// the distance and direction instead (no external map tiles).
import { Map as TaroMap } from '@tarojs/components'
import type { Alarm } from '@/types/alarms'
import schoolIcon from '@/assets/map/post-marker.png'
import alarmIcon from '../../assets/alarm-marker.png'
import './index.scss'

const callout = (content: string) => ({
  content,
  display: 'ALWAYS' as const,
  padding: 6,
  borderRadius: 6,
  fontSize: 12,
  color: '#1f2329',
  bgColor: '#ffffff',
  textAlign: 'center' as const,
  anchorX: 0,
  anchorY: 0,
  borderWidth: 0,
  borderColor: '#ffffff',
})

export function AlarmMap({ alarm }: { alarm: Alarm }) {
  const school = {
    id: 1,
    latitude: alarm.school.lat,
    longitude: alarm.school.lng,
    iconPath: schoolIcon as string,
    width: 28,
    height: 28,
    title: alarm.schoolName,
    callout: callout(alarm.schoolName),
  }
  const markers = alarm.location
    ? [
        school,
        {
          id: 2,
          latitude: alarm.location.lat,
          longitude: alarm.location.lng,
          iconPath: alarmIcon as string,
          width: 36,
          height: 36,
          title: '报警位置',
          callout: callout('报警位置'),
        },
      ]
    : [school]
  const center = alarm.location ?? alarm.school
  return (
    <TaroMap
      className='alarm-map'
      data-testid='alarm-map'
      latitude={center.lat}
      longitude={center.lng}
      scale={17}
      markers={markers}
      includePoints={markers.length > 1 ? markers.map((m) => ({ latitude: m.latitude, longitude: m.longitude })) : undefined}
      circles={
        alarm.location
          ? [
              {
                latitude: alarm.location.lat,
                longitude: alarm.location.lng,
                radius: Math.max(10, alarm.location.accuracy),
                color: '#e5484d99',
                fillColor: '#e5484d1a',
                strokeWidth: 1,
              },
            ]
          : undefined
      }
      onError={() => {}}
    />
  )
}
