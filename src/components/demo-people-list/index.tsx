// The demo accounts, by role: tap one to sign in as that person.
import { Text, View } from '@tarojs/components'
import { Loading } from '@nutui/nutui-react-taro'
import type { DemoPerson } from '@/types/api'
import { StatusTag } from '../status-tag'
import { groupDemoPeople } from './group'
import './index.scss'

export interface DemoPeopleListProps {
  people: DemoPerson[]
  /** The person being signed in, shown with a spinner. */
  busyId?: string | null
  onPick: (personId: string) => void
}

export function DemoPeopleList({ people, busyId, onPick }: DemoPeopleListProps) {
  const groups = groupDemoPeople(people)
  return (
    <View className='demo-people'>
      {groups.map((group) => (
        <View key={group.key} className='demo-people__group' data-testid={`demo-group-${group.key}`}>
          <View className='demo-people__title'>{group.title}</View>
          <View className='demo-people__rows'>
            {group.rows.map((row) => (
              <View key={`${group.key}-${row.personId}`} className='demo-people__row' hoverClass='demo-people__row--active' onClick={() => onPick(row.personId)}>
                <View className='demo-people__top'>
                  <Text className='demo-people__name'>{row.name}</Text>
                  {busyId === row.personId ? <Loading className='demo-people__busy' /> : null}
                  {row.status ? <StatusTag status={row.status} /> : null}
                </View>
                <Text className='demo-people__place'>{row.places.length ? row.places.join('、') : '尚未加入学校'}</Text>
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
