// 编辑排班模板: post, a preset peak or custom times, weekdays, headcount per role (steppers) and
// the term. The same rule as the server's (domain/shifts templateProblem) says what is missing.
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Input, InputNumber, Switch } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { dayjs } from '@/domain/time'
import type { Weekday } from '@/types/shifts'
import { SHIFT_ROLES, WEEKDAY_LABELS } from '@/types/shifts'
import { ROLE_LABELS } from '@/types/org'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState, screenGate } from '@/components/page-state'
import { useStores } from '@/stores'
import { scheduleStore } from '@/stores/duty/schedule-store'
import { MAX_HEADCOUNT, TIME_PRESETS } from '@/stores/duty/schedule-store'
import { toastError, toastSuccess } from '@/utils/feedback'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { useManagedSchool } from '../../hooks/use-managed-school'
import { serverNow } from '@/services/server-clock'
import './index.scss'

type Picking = 'startTime' | 'endTime' | 'termStart' | 'termEnd' | null

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7]
const pad = (v: string | number) => String(v).padStart(2, '0')

function timeAsDate(hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number)
  const d = serverNow()
  d.setHours(h || 0, m || 0, 0, 0)
  return d
}

const TemplatePage = observer(function TemplatePage() {
  const router = useRouter()
  const templateId = router.params.id ?? null
  const root = useStores()
  const { schools } = root
  const schedule = root.store(scheduleStore)
  const [picking, setPicking] = useState<Picking>(null)
  const { ready, managed, school } = useManagedSchool(DUTY_ROUTES.templates, () => {
    if (templateId && !schedule.templates.items.some((t) => t.id === templateId)) void schedule.loadTemplates()
  })

  // the form: a copy of the template being edited, or a new one
  const existing = templateId ? (schedule.templates.items.find((t) => t.id === templateId) ?? null) : null
  useEffect(() => {
    if (!school) return
    if (templateId && !existing) return
    if (schedule.draft && schedule.draft.id === (existing?.id ?? null)) return
    schedule.startDraft(existing)
  }, [school, templateId, existing, schedule])
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: templateId ? '修改排班模板' : '新建排班模板' })
  }, [templateId])

  // the schools this person manages: loading, error with 重试, or none to manage
  const schoolGate = screenGate(schools, () => void schools.load(), {
    has: ready,
    empty: !managed.length || !school ? <EmptyState title='没有可管理的学校' description='排班模板由学校校长和责任民警设置。' /> : undefined,
  })
  if (schoolGate || !school) return <PageShell>{schoolGate}</PageShell>
  if (templateId && schedule.templates.state === 'error')
    return (
      <PageShell>
        <ErrorState message={schedule.templates.error} onRetry={() => void schedule.loadTemplates()} />
      </PageShell>
    )
  const d = schedule.draft
  if (!d)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )

  const problem = schedule.draftProblem
  const save = async () => {
    try {
      await schedule.saveDraft()
      toastSuccess(d.id ? '已保存，班次已更新' : '已创建，班次已生成')
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: DUTY_ROUTES.templates })), 600)
    } catch (e) {
      toastError(e)
    }
  }

  const picker = (field: Exclude<Picking, null>) => {
    const isTime = field === 'startTime' || field === 'endTime'
    const value = isTime ? timeAsDate(d[field]) : dayjs(d[field]).toDate()
    return (
      <DatePicker
        key={field}
        title={{ startTime: '开始时间', endTime: '结束时间', termStart: '学期开始', termEnd: '学期结束' }[field]}
        type={isTime ? 'hour-minutes' : 'date'}
        visible={picking === field}
        defaultValue={value}
        value={value}
        minuteStep={5}
        showChinese
        startDate={dayjs().subtract(1, 'year').startOf('year').toDate()}
        endDate={dayjs().add(2, 'year').endOf('year').toDate()}
        onClose={() => setPicking(null)}
        onConfirm={(_options, values) => {
          const v = values.map(String)
          schedule.updateDraft({ [field]: isTime ? `${pad(v[0])}:${pad(v[1])}` : `${v[0]}-${pad(v[1])}-${pad(v[2])}` })
        }}
      />
    )
  }

  return (
    <PageShell className='template-form'>
      <View className='section-title'>岗点</View>
      <View className='card template-form__chips'>
        {school.posts.map((p) => (
          <View key={p.id} className={`template-form__chip ${d.postId === p.id ? 'template-form__chip--on' : ''}`} onClick={() => schedule.updateDraft({ postId: p.id })}>
            {p.name}
          </View>
        ))}
      </View>

      <View className='section-title'>时段</View>
      <View className='card'>
        <View className='template-form__chips template-form__chips--flat'>
          {TIME_PRESETS.map((p) => {
            const on = d.startTime === p.startTime && d.endTime === p.endTime
            return (
              <View
                key={p.name}
                className={`template-form__chip ${on ? 'template-form__chip--on' : ''}`}
                onClick={() => schedule.updateDraft({ name: p.name, startTime: p.startTime, endTime: p.endTime })}
              >
                {p.name} {p.startTime}–{p.endTime}
              </View>
            )
          })}
        </View>
        <View className='template-form__row'>
          <Text className='template-form__label'>名称</Text>
          <Input className='template-form__input' value={d.name} onChange={(v) => schedule.updateDraft({ name: v })} placeholder='如 早高峰' maxLength={20} />
        </View>
        <View className='template-form__row' onClick={() => setPicking('startTime')}>
          <Text className='template-form__label'>开始</Text>
          <Text className='template-form__value'>{d.startTime} ›</Text>
        </View>
        <View className='template-form__row' onClick={() => setPicking('endTime')}>
          <Text className='template-form__label'>结束</Text>
          <Text className='template-form__value'>{d.endTime} ›</Text>
        </View>
      </View>

      <View className='section-title'>星期</View>
      <View className='card template-form__weekdays'>
        {WEEKDAYS.map((w) => (
          <View
            key={w}
            className={`template-form__weekday ${d.weekdays.includes(w) ? 'template-form__weekday--on' : ''}`}
            onClick={() => schedule.toggleWeekday(w)}
            data-testid={`weekday-${w}`}
          >
            {WEEKDAY_LABELS[w].slice(1)}
          </View>
        ))}
      </View>

      <View className='section-title'>每班人数</View>
      <View className='card'>
        {SHIFT_ROLES.map((r) => (
          <View key={r} className='template-form__row' data-testid={`headcount-${r}`}>
            <Text className='template-form__label'>{ROLE_LABELS[r]}</Text>
            <InputNumber value={d.headcount[r]} min={0} max={MAX_HEADCOUNT} onChange={(v) => schedule.setHeadcount(r, Number(v))} />
          </View>
        ))}
      </View>

      <View className='section-title'>学期</View>
      <View className='card'>
        <View className='template-form__row' onClick={() => setPicking('termStart')}>
          <Text className='template-form__label'>开始日期</Text>
          <Text className='template-form__value'>{d.termStart} ›</Text>
        </View>
        <View className='template-form__row' onClick={() => setPicking('termEnd')}>
          <Text className='template-form__label'>结束日期</Text>
          <Text className='template-form__value'>{d.termEnd} ›</Text>
        </View>
        {d.id ? (
          <View className='template-form__row'>
            <Text className='template-form__label'>启用</Text>
            <Switch checked={d.active} onChange={(v) => schedule.updateDraft({ active: v })} />
          </View>
        ) : null}
        <Text className='template-form__note'>放假、考试和调休在「校历」里设置，这些日子不会生成班次。</Text>
      </View>

      <View className='template-form__save'>
        {problem ? <Text className='template-form__problem'>{problem.message}</Text> : null}
        <Button type='primary' block loading={schedule.saving} disabled={!!problem || schedule.saving} onClick={save}>
          {d.id ? '保存修改' : '创建模板'}
        </Button>
        <Text className='template-form__note'>
          {d.id ? '保存后未来的班次随之更新，已报名的人保留报名；时间变动或取消的人会收到通知。' : '创建后会生成未来四周的班次，成员即可报名。'}
        </Text>
      </View>

      {picker('startTime')}
      {picker('endTime')}
      {picker('termStart')}
      {picker('termEnd')}
    </PageShell>
  )
})

export default TemplatePage
