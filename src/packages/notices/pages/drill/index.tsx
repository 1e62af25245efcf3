// 记录演练 (police, admins): after a drill, what happened: date, schools, participants, duration,
// scenario, safety theme, what went well and what to fix, photos. ?noticeId= prefills it from the
// drill notice (its theme too).
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, InputNumber, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Notice } from '@/types/notices'
import { Chips } from '@/components/chips'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { PhotoPicker } from '@/components/photo-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useStores } from '@/stores'
import { noticeDetailStore } from '@/stores/notices/detail-store'
import { drillRecordStore } from '@/stores/notices/drills-store'
import { REVIEW_MAX, SCENARIO_MAX } from '@/stores/notices/drills-store'
import { toast, toastSuccess } from '@/utils/feedback'
import { drillRecordPath, drillsPath } from '@/utils/notice-routes'
import { actionMessage, localDateFromPicker, pickerDay } from '@/utils/notices'
import { DrillResponses } from '../../components/drill-alarms'
import { PickerField } from '../../components/picker-field'
import './index.scss'

const DrillRecordPage = observer(function DrillRecordPage() {
  const { params } = useRouter()
  const noticeId = params.noticeId ? decodeURIComponent(params.noticeId) : null
  const { ready } = useRequireLogin(drillRecordPath(noticeId ?? undefined))
  const root = useStores()
  const { schools } = root
  const form = root.store(drillRecordStore)
  const detail = root.store(noticeDetailStore)
  const [starting, setStarting] = useState(true)
  const [startError, setStartError] = useState<string | null>(null)

  const start = async () => {
    setStarting(true)
    setStartError(null)
    try {
      // the theme list comes with the form; without it the record keeps the notice's theme
      await Promise.all([schools.load(), form.loadThemes()])
      // the drill notice it follows, when opened from one
      let notice: Notice | null = null
      if (noticeId) {
        if (detail.noticeId !== noticeId || !detail.notice) await detail.load(noticeId)
        notice = detail.notice
        if (!notice) throw new Error(detail.error ?? '通知加载失败')
      }
      form.start(notice)
    } catch (e) {
      setStartError(actionMessage(e, '加载失败，请稍后重试'))
    } finally {
      setStarting(false)
    }
  }
  useEffect(() => {
    if (ready) void start()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start the form when the login is known or another notice is opened, not on each render (`start` is a new function each render)
  }, [ready, noticeId])

  if (!ready || starting)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (startError)
    return (
      <PageShell>
        <ErrorState message={startError} onRetry={() => void start()} />
      </PageShell>
    )
  if (!form.schoolOptions.length) {
    return (
      <PageShell>
        <EmptyState title='没有可以记录演练的学校' description='只有责任民警和管理员可以记录演练。' />
      </PageShell>
    )
  }

  const submit = async () => {
    if (form.problem) return toast(form.problem)
    try {
      const drill = await form.submit()
      toastSuccess('演练已记录')
      void Taro.redirectTo({ url: drillsPath(drill.schools[0]?.id) })
    } catch (e) {
      toast(actionMessage(e, '提交失败，请稍后重试'))
    }
  }

  return (
    <PageShell className='drill-form'>
      <View className='section-title'>演练概况</View>
      <View className='card drill-form__card'>
        <PickerField
          label='演练日期'
          type='date'
          required
          value={pickerDay(form.date)}
          initial={pickerDay(form.date)}
          display={form.date}
          placeholder='请选择'
          onConfirm={(d) => form.setDate(localDateFromPicker(d))}
          testId='drill-date'
        />
        <View className='drill-form__row'>
          <Text className='drill-form__label'>参加人数</Text>
          <InputNumber value={form.participants} min={0} max={100000} onChange={(v) => form.setParticipants(Number(v))} />
        </View>
        <View className='drill-form__row'>
          <Text className='drill-form__label'>时长（分钟）</Text>
          <InputNumber value={form.durationMin} min={1} max={1440} step={10} onChange={(v) => form.setDuration(Number(v))} />
        </View>
      </View>

      {form.themes.length ? (
        <>
          <View className='section-title'>安全主题</View>
          <View className='card'>
            <Chips size='small' options={form.themes.map((t) => ({ value: t.id, label: t.name }))} value={form.themeId} onChange={(id) => form.setTheme(id)} testId='drill-theme' />
          </View>
        </>
      ) : null}

      {noticeId ? (
        <>
          <View className='section-title'>演练报警的响应</View>
          <View className='card' data-testid='drill-record-responses'>
            <DrillResponses noticeId={noticeId} empty='这次演练没有发起演练报警：演练时在演练通知里长按「演练报警」，响应时间会记在这里。' />
          </View>
        </>
      ) : null}

      <View className='section-title'>参加的学校</View>
      <View className='card' data-testid='drill-schools'>
        {form.schoolOptions.map((s) => (
          <Checkbox key={s.id} className='drill-form__check' checked={form.schoolIds.includes(s.id)} onChange={() => form.toggleSchool(s.id)}>
            {s.name}
          </Checkbox>
        ))}
      </View>

      <View className='section-title'>演练情景</View>
      <View className='card'>
        <TextArea
          value={form.scenario}
          onChange={(v) => form.setScenario(v)}
          placeholder='如：放学高峰校门口持刀人员闯入，护学岗人员处置并报警'
          maxLength={SCENARIO_MAX}
          showCount
          autoSize
        />
      </View>

      <View className='section-title'>做得好的</View>
      <View className='card'>
        <TextArea value={form.wentWell} onChange={(v) => form.setWentWell(v)} placeholder='选填：响应快、分工清楚……' maxLength={REVIEW_MAX} showCount autoSize />
      </View>

      <View className='section-title'>需要改进的</View>
      <View className='card'>
        <TextArea value={form.toFix} onChange={(v) => form.setToFix(v)} placeholder='选填：哪些环节要加强，谁负责' maxLength={REVIEW_MAX} showCount autoSize />
      </View>

      <View className='section-title'>现场照片</View>
      <View className='card'>
        <PhotoPicker uploads={form.photos} hint='最多 9 张' />
      </View>

      <View className='drill-form__actions'>
        <Button type='primary' block loading={form.submitting} onClick={submit}>
          保存演练记录
        </Button>
      </View>
    </PageShell>
  )
})

export default DrillRecordPage
