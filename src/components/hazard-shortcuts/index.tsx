// 首页 shortcuts to hazard work: the police / admin queue (to accept, overdue) and, for a
// principal, what was handed to them (交办给我的). Nothing for people without either role.
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { useStores } from '@/stores'
import { openPage } from '@/utils/navigation'
import { HAZARD_ROUTES } from '@/utils/hazard-routes'
import './index.scss'

function Count({ value, label, danger }: { value: number | null; label: string; danger?: boolean }) {
  return (
    <Text className={`hazard-shortcuts__count ${danger && value ? 'hazard-shortcuts__count--danger' : ''}`}>
      {label} {value ?? '–'}
    </Text>
  )
}

export const HazardShortcuts = observer(function HazardShortcuts() {
  const { me, hazards } = useStores()
  const handles = me.holds('hazard.handle')
  const principal = me.holds('hazard.fix')
  const { inbox } = hazards

  const load = () => {
    if (handles || principal) void inbox.load()
  }
  useEffect(load, [handles, principal, inbox])
  useDidShow(load)

  if (!handles && !principal) return null
  return (
    <View className='hazard-shortcuts'>
      <View className='section-title'>隐患</View>
      <View className='card hazard-shortcuts__card'>
        {handles ? (
          <View className='hazard-shortcuts__item' data-testid='hazard-shortcut-queue' onClick={() => openPage(HAZARD_ROUTES.queue)}>
            <Text className='hazard-shortcuts__title'>隐患处置</Text>
            <View className='hazard-shortcuts__counts'>
              <Count label='待受理' value={inbox.submittedCount} danger />
              <Count label='逾期' value={inbox.overdueCount} danger />
            </View>
            <ArrowRight size={12} color='#c9cdd4' className='hazard-shortcuts__arrow' />
          </View>
        ) : null}
        {principal ? (
          <View className='hazard-shortcuts__item' data-testid='hazard-shortcut-assigned' onClick={() => openPage(HAZARD_ROUTES.assigned)}>
            <Text className='hazard-shortcuts__title'>交办给我的</Text>
            <View className='hazard-shortcuts__counts'>
              <Count label='待整改' value={inbox.assignedOpenCount} danger />
              {inbox.assignedOverdueCount ? <Count label='逾期' value={inbox.assignedOverdueCount} danger /> : null}
            </View>
            <ArrowRight size={12} color='#c9cdd4' className='hazard-shortcuts__arrow' />
          </View>
        ) : null}
      </View>
    </View>
  )
})
