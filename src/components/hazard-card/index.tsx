// One report in a list: what, where, how it stands; overdue ones stand out in red.
import { Image, Text, View } from '@tarojs/components'
import type { Hazard } from '@/types/hazards'
import { DEPARTMENT_LABELS } from '@/types/hazards'
import { formatDistance } from '@/domain/geo'
import { formatInstant } from '@/utils/format'
import { HazardStatusTag, OverdueTag, SeverityTag } from '../hazard-tags'
import './index.scss'

export interface HazardCardProps {
  hazard: Hazard
  onOpen: (hazard: Hazard) => void
  /** Metres from the person, when known (browser list instead of a map). */
  distanceM?: number | null
  /** Police and admins see who reported. */
  showReporter?: boolean
}

export function HazardCard({ hazard, onOpen, distanceM, showReporter }: HazardCardProps) {
  const thumbs = hazard.photos.slice(0, 3)
  return (
    <View className={`hazard-card card ${hazard.overdue ? 'hazard-card--overdue' : ''}`} data-testid='hazard-card' data-status={hazard.status} onClick={() => onOpen(hazard)}>
      <View className='hazard-card__head'>
        <Text className='hazard-card__category'>{hazard.category.name}</Text>
        <View className='hazard-card__tags'>
          {hazard.overdue ? <OverdueTag /> : null}
          <SeverityTag severity={hazard.severity} />
          <HazardStatusTag status={hazard.status} />
        </View>
      </View>
      <View className='hazard-card__body'>
        <Text className='hazard-card__description'>{hazard.description}</Text>
        {thumbs.length ? (
          <View className='hazard-card__thumbs'>
            {thumbs.map((p) => (
              <Image key={p.fileId} className='hazard-card__thumb' src={p.thumbUrl} mode='aspectFill' lazyLoad />
            ))}
          </View>
        ) : null}
      </View>
      <View className='hazard-card__meta'>
        <Text>{hazard.schoolName}</Text>
        <Text>{formatInstant(hazard.createdAt)}</Text>
        {distanceM != null ? <Text>距你 {formatDistance(distanceM)}</Text> : null}
        {showReporter && hazard.reporter ? <Text>上报人 {hazard.reporter.name}</Text> : null}
        {hazard.confirmations > 0 ? <Text>{hazard.confirmations} 人也遇到了</Text> : null}
      </View>
      {hazard.assignee && hazard.deadline && hazard.statusType === 'open' ? (
        <View className={`hazard-card__deadline ${hazard.overdue ? 'hazard-card__deadline--overdue' : ''}`}>
          交办{DEPARTMENT_LABELS[hazard.assignee.department]}
          {hazard.assignee.personName ? `（${hazard.assignee.personName}）` : ''}，期限 {formatInstant(hazard.deadline)}
        </View>
      ) : null}
    </View>
  )
}
