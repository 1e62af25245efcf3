// 我的 → 值守: hours of service this term (with the way to the history and the certificate),
// my shifts and swaps; the duty board for police and principals; the outbox for admins and the
// city; the city-wide hazard categories for the city.
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { useStores } from '@/stores'
import { hoursText } from '@/utils/duty-format'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { HAZARD_ROUTES } from '@/utils/hazard-routes'
import { openPage } from '@/utils/navigation'
import './index.scss'

export const DutyMeSection = observer(function DutyMeSection() {
  const { auth, me, duty, hours } = useStores()
  const onDuty = duty.dutySchools.length > 0
  const seesOutbox = me.holds('outbox.view')

  useEffect(() => {
    if (auth.signedIn && onDuty) void hours.load()
  }, [auth.signedIn, onDuty, hours])
  useDidShow(() => {
    if (auth.signedIn && onDuty) void hours.load()
  })

  const entries = [
    ...(onDuty
      ? [
          { title: '我的班次', url: DUTY_ROUTES.myShifts },
          { title: '换班', url: DUTY_ROUTES.swaps },
          { title: '志愿服务证明', url: DUTY_ROUTES.certificate },
        ]
      : []),
    ...(duty.managesDuty
      ? [
          { title: '值守看板', url: DUTY_ROUTES.board },
          { title: '异常审核', url: DUTY_ROUTES.exceptions },
        ]
      : []),
    ...(seesOutbox ? [{ title: '消息发件箱', url: DUTY_ROUTES.outbox }] : []),
    // the city-wide categories: their owner (市局) has no hazard queue to reach them from
    ...(me.holds('category.manage') ? [{ title: '隐患类别', url: HAZARD_ROUTES.categories }] : []),
  ]
  if (!entries.length) return null

  const s = hours.summary
  return (
    <>
      <View className='section-title'>值守</View>
      {onDuty ? (
        <View className='card duty-me__hours' onClick={() => openPage(DUTY_ROUTES.hours)} data-testid='me-hours'>
          <View className='duty-me__hours-main'>
            <Text className='duty-me__label'>本学期志愿时长</Text>
            <Text className='duty-me__value'>{s ? hoursText(s.totalHours) : hours.state === 'error' ? '—' : '…'}</Text>
          </View>
          <View className='duty-me__hours-side'>
            <Text className='duty-me__meta'>{s ? `有效值守 ${s.shiftsAttended} 次` : ''}</Text>
            {s && s.pendingHours > 0 ? <Text className='duty-me__meta'>待审核 {hoursText(s.pendingHours)}</Text> : null}
            <Text className='duty-me__link'>明细 ›</Text>
          </View>
        </View>
      ) : null}
      <CellGroup className='duty-me__entries'>
        {entries.map((e) => (
          <Cell key={e.url} title={e.title} clickable onClick={() => openPage(e.url)} extra={<Text className='duty-me__arrow'>›</Text>} />
        ))}
      </CellGroup>
    </>
  )
})
