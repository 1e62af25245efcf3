// An alarm in a list or on a drill record: what it was (真实报警, 演练, 误触), its state, school and
// time, the 1-3-5 marks and, when asked, the response times. Tapping opens the alarm page.
import { Text, View } from '@tarojs/components'
import { ALARM_KIND_LABELS, ALARM_OUTCOME_LABELS, ALARM_STATUS_LABELS, ALARM_TYPE_LABELS, type AlarmKind, type AlarmSummary } from '@/types/alarms'
import { durationText } from '@/domain/alarms'
import { local } from '@/domain/time'
import { Pill, type PillTone } from '@/components/pill'
import './index.scss'

const KIND_TONE: Record<AlarmKind, PillTone> = { real: 'danger', drill: 'primary', mistaken: 'neutral' }
const mmss = (sec: number) => `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`

export function AlarmSummaryCard({ alarm, times = false, onOpen }: { alarm: AlarmSummary; times?: boolean; onOpen?: () => void }) {
  const state = alarm.outcome ? ALARM_OUTCOME_LABELS[alarm.outcome] : ALARM_STATUS_LABELS[alarm.status]
  return (
    <View className='alarm-summary' data-testid='alarm-summary' data-kind={alarm.kind} data-status={alarm.status} onClick={onOpen}>
      <View className='alarm-summary__head'>
        <Pill tone={KIND_TONE[alarm.kind]}>{ALARM_KIND_LABELS[alarm.kind]}</Pill>
        <Text className='alarm-summary__school'>{alarm.schoolName}</Text>
        <Text className={`alarm-summary__state alarm-summary__state--${alarm.status}`}>{state}</Text>
      </View>
      <Text className='alarm-summary__meta'>
        {local(alarm.raisedAt).format('M月D日 HH:mm')} · {alarm.raiserName} 报警{alarm.type ? ` · ${ALARM_TYPE_LABELS[alarm.type]}` : ''}
      </Text>
      <View className='alarm-summary__marks'>
        {alarm.marks.map((m) => (
          <View key={m.minutes} className={`alarm-summary__mark alarm-summary__mark--${m.state}`} data-state={m.state}>
            <Text className='alarm-summary__mark-min'>{m.minutes}′</Text>
            <Text className='alarm-summary__mark-label'>{m.label}</Text>
            <Text className='alarm-summary__mark-at'>{m.atSec !== null ? mmss(m.atSec) : m.state === 'pending' ? '计时中' : m.state === 'missed' ? '未到' : '—'}</Text>
          </View>
        ))}
      </View>
      {times ? (
        <View className='alarm-summary__times' data-testid='alarm-times'>
          <Text className='alarm-summary__time'>首次响应 {durationText(alarm.firstAckSec)}</Text>
          <Text className='alarm-summary__time'>学校力量到场 {durationText(alarm.schoolOnSiteSec)}</Text>
          <Text className='alarm-summary__time'>民警到场 {durationText(alarm.policeOnSiteSec)}</Text>
          <Text className='alarm-summary__time'>增援民警到场 {durationText(alarm.secondPoliceOnSiteSec)}</Text>
        </View>
      ) : null}
    </View>
  )
}
