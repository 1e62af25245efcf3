// The timeline of a report: every step with who (as the server words it for this viewer: the
// reporter stays 上报人 to all but police and admins), when, the note and the photos.
import { Text, View } from '@tarojs/components'
import { HAZARD_ACTION_LABELS, HAZARD_STATUS_LABELS, type HazardEvent } from '@/types/hazards'
import { formatInstant } from '@/utils/format'
import { PhotoGrid } from '../photo-grid'
import './index.scss'

export function HazardTimeline({ events }: { events: HazardEvent[] }) {
  // newest first: what happened last is what people look for
  const ordered = [...events].reverse()
  return (
    <View className='hazard-timeline'>
      {ordered.map((e, i) => (
        <View key={e.id} className={`hazard-timeline__item ${i === 0 ? 'hazard-timeline__item--latest' : ''}`} data-testid='hazard-event' data-action={e.action}>
          <View className='hazard-timeline__dot' />
          <View className='hazard-timeline__content'>
            <View className='hazard-timeline__head'>
              <Text className='hazard-timeline__action'>{HAZARD_ACTION_LABELS[e.action]}</Text>
              {e.fromStatus && e.fromStatus !== e.toStatus ? (
                <Text className='hazard-timeline__change'>
                  {HAZARD_STATUS_LABELS[e.fromStatus]} → {HAZARD_STATUS_LABELS[e.toStatus]}
                </Text>
              ) : null}
            </View>
            <View className='hazard-timeline__who'>
              <Text className='hazard-timeline__actor'>{e.actor}</Text>
              <Text className='hazard-timeline__time'>{formatInstant(e.createdAt)}</Text>
            </View>
            {e.note ? <Text className='hazard-timeline__note'>{e.note}</Text> : null}
            <PhotoGrid photos={e.photos} size='small' />
          </View>
        </View>
      ))}
    </View>
  )
}
