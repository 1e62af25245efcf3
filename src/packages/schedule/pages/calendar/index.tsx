// 校历: days without school (holidays, exams) and make-up school days (with the weekday whose
// timetable they follow). Shifts on those days are regenerated at once.
import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Dialog, Input, Popup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { dayjs } from '@/domain/time'
import type { CalendarDay, CalendarKind, Weekday } from '@/types/shifts'
import { CALENDAR_KINDS, CALENDAR_KIND_LABELS, WEEKDAY_LABELS } from '@/types/shifts'
import { PageShell } from '@/components/page-shell'
import { Pill, type PillTone } from '@/components/pill'
import { EmptyState, screenGate } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { scheduleStore } from '@/stores/duty/schedule-store'
import { toast, toastError, toastSuccess } from '@/utils/feedback'
import { localToday, weekdayLabel } from '@/utils/duty-format'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { useManagedSchool } from '../../hooks/use-managed-school'
import './index.scss'

const TONE: Record<CalendarKind, PillTone> = { holiday: 'success', exam: 'warning', makeup: 'primary' }
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5]
const pad = (v: string | number) => String(v).padStart(2, '0')

interface DayForm {
  date: string
  kind: CalendarKind
  note: string
  asWeekday: Weekday | null
}

const CalendarPage = observer(function CalendarPage() {
  const root = useStores()
  const { schools } = root
  const schedule = root.store(scheduleStore)
  const { ready, managed, school } = useManagedSchool(DUTY_ROUTES.calendar, () => void schedule.loadCalendar())
  const [form, setForm] = useState<DayForm | null>(null)
  const [picking, setPicking] = useState(false)
  const [deleting, setDeleting] = useState<CalendarDay | null>(null)

  useScreen({ refresh: () => schedule.loadCalendar() })

  // the schools this person manages: loading, error with 重试, or none to manage
  const schoolGate = screenGate(schools, () => void schools.load(), {
    has: ready,
    empty: !managed.length || !school ? <EmptyState title='没有可管理的学校' description='校历由学校校长和责任民警维护。' /> : undefined,
  })
  if (schoolGate || !school) return <PageShell>{schoolGate}</PageShell>

  const today = localToday()
  const upcoming = schedule.calendar.items.filter((d) => d.date >= today)
  const past = schedule.calendar.items.filter((d) => d.date < today)

  const save = async () => {
    if (!form) return
    if (form.kind === 'makeup' && !form.asWeekday) {
      toast('调休上课请选择按星期几的课表')
      return
    }
    try {
      await schedule.setCalendarDay(form.date, { kind: form.kind, note: form.note, asWeekday: form.kind === 'makeup' ? form.asWeekday : null })
      toastSuccess('已保存，班次已更新')
      setForm(null)
    } catch (e) {
      toastError(e)
    }
  }

  const dayRow = (d: CalendarDay) => (
    <View key={d.date} className='calendar-day' data-testid='calendar-day'>
      <View className='calendar-day__main'>
        <Text className='calendar-day__date'>
          {dayjs(d.date).format('M月D日')} {weekdayLabel(d.date)}
        </Text>
        <Text className='calendar-day__note'>
          {d.note || CALENDAR_KIND_LABELS[d.kind]}
          {d.kind === 'makeup' && d.asWeekday ? ` · 按${WEEKDAY_LABELS[d.asWeekday]}课表` : ''}
        </Text>
      </View>
      <Pill tone={TONE[d.kind]}>{CALENDAR_KIND_LABELS[d.kind]}</Pill>
      <Text className='calendar-day__delete' onClick={() => setDeleting(d)}>
        删除
      </Text>
    </View>
  )

  const list = () => {
    const gated = screenGate(schedule.calendar, () => void schedule.loadCalendar(), {
      empty: !schedule.calendar.items.length && <EmptyState title='校历里还没有特殊日子' description='法定节假日、考试周（不设护学岗）和调休上课日都在这里设置。' />,
    })
    if (gated) return gated
    return (
      <>
        {upcoming.length ? <View className='card calendar__list'>{upcoming.map(dayRow)}</View> : null}
        {past.length ? (
          <>
            <View className='section-title'>已过去</View>
            <View className='card calendar__list calendar__list--past'>{past.map(dayRow)}</View>
          </>
        ) : null}
      </>
    )
  }

  return (
    <PageShell className='calendar'>
      <SchoolPicker schools={managed} value={schedule.schoolId} onChange={(id) => schedule.selectSchool(id)} />
      <View className='calendar__add'>
        <Button type='primary' block onClick={() => setForm({ date: today, kind: 'holiday', note: '', asWeekday: null })}>
          添加日子
        </Button>
      </View>
      {list()}

      <Popup visible={form !== null} position='bottom' round onClose={() => setForm(null)}>
        {form ? (
          <View className='calendar__form'>
            <Text className='calendar__title'>校历中的一天</Text>
            <View className='calendar__row' onClick={() => setPicking(true)}>
              <Text className='calendar__label'>日期</Text>
              <Text className='calendar__value'>
                {form.date} {weekdayLabel(form.date)} ›
              </Text>
            </View>
            <View className='calendar__chips'>
              {CALENDAR_KINDS.map((k) => (
                <View key={k} className={`calendar__chip ${form.kind === k ? 'calendar__chip--on' : ''}`} onClick={() => setForm({ ...form, kind: k })}>
                  {CALENDAR_KIND_LABELS[k]}
                </View>
              ))}
            </View>
            {form.kind === 'makeup' ? (
              <>
                <Text className='calendar__label'>按星期几的课表上课</Text>
                <View className='calendar__chips'>
                  {WEEKDAYS.map((w) => (
                    <View key={w} className={`calendar__chip ${form.asWeekday === w ? 'calendar__chip--on' : ''}`} onClick={() => setForm({ ...form, asWeekday: w })}>
                      {WEEKDAY_LABELS[w]}
                    </View>
                  ))}
                </View>
              </>
            ) : null}
            <Input className='calendar__input' value={form.note} onChange={(v) => setForm({ ...form, note: v })} placeholder='说明（选填），如 国庆节、期中考试' maxLength={50} />
            <Button type='primary' block loading={schedule.busyId === form.date} onClick={save}>
              保存
            </Button>
          </View>
        ) : null}
      </Popup>
      {form ? (
        <DatePicker
          title='选择日期'
          type='date'
          visible={picking}
          value={dayjs(form.date).toDate()}
          defaultValue={dayjs(form.date).toDate()}
          showChinese
          startDate={dayjs().subtract(1, 'year').toDate()}
          endDate={dayjs().add(2, 'year').toDate()}
          onClose={() => setPicking(false)}
          onConfirm={(_o, values) => {
            const v = values.map(String)
            setForm({ ...form, date: `${v[0]}-${pad(v[1])}-${pad(v[2])}` })
          }}
        />
      ) : null}

      <Dialog
        visible={deleting !== null}
        title='删除这一天'
        content={deleting ? `删除 ${deleting.date}（${CALENDAR_KIND_LABELS[deleting.kind]}）后，这一天按正常课表生成班次。` : ''}
        confirmText='删除'
        cancelText='取消'
        onConfirm={async () => {
          if (!deleting) return
          try {
            await schedule.deleteCalendarDay(deleting.date)
            toastSuccess('已删除')
          } catch (e) {
            toastError(e)
          }
          setDeleting(null)
        }}
        onCancel={() => setDeleting(null)}
        onClose={() => setDeleting(null)}
      />
    </PageShell>
  )
})

export default CalendarPage
