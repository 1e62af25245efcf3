// 排班模板: a school's templates (post, weekdays, time, headcount per role, term); edit one, or
// stop it (its future shifts are cancelled and the people on them told).
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { ShiftTemplate } from '@/types/shifts'
import { SHIFT_ROLES } from '@/types/shifts'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, ErrorState, LoadingState, screenGate } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { scheduleStore } from '@/stores/duty/schedule-store'
import { toastError, toastSuccess } from '@/utils/feedback'
import { SHIFT_ROLE_SHORT, weekdaysText } from '@/utils/duty-format'
import { DUTY_ROUTES, templatePath } from '@/utils/duty-routes'
import { openPage } from '@/utils/navigation'
import { useManagedSchool } from '../../hooks/use-managed-school'
import './index.scss'

const TemplatesPage = observer(function TemplatesPage() {
  const root = useStores()
  const { schools } = root
  const schedule = root.store(scheduleStore)
  const { ready, managed, school } = useManagedSchool(DUTY_ROUTES.templates, () => void schedule.loadTemplates())
  const [toggling, setToggling] = useState<ShiftTemplate | null>(null)

  useScreen({ refresh: () => Promise.allSettled([schools.load(), schedule.loadTemplates()]) })

  if (!ready) {
    if (schools.state === 'error')
      return (
        <PageShell>
          <ErrorState message={schools.error} onRetry={() => void schools.load()} />
        </PageShell>
      )
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  }
  if (!managed.length || !school)
    return (
      <PageShell>
        <EmptyState title='没有可管理的学校' description='排班模板由学校校长和责任民警设置。' />
      </PageShell>
    )

  const list = () => {
    const gated = screenGate(schedule.templates, () => void schedule.loadTemplates(), {
      empty: !schedule.templates.items.length && <EmptyState title='还没有排班模板' description='新建一个模板（如 早高峰 07:20–08:00，周一至周五），系统会生成未来四周的班次。' />,
    })
    if (gated) return gated
    return schedule.templates.items.map((t) => (
      <View key={t.id} className={`template card ${t.active ? '' : 'template--off'}`} data-testid='template'>
        <View className='template__head'>
          <Text className='template__name'>
            {t.name} {t.startTime}–{t.endTime}
          </Text>
          {t.active ? <Pill tone='success'>启用中</Pill> : <Pill tone='neutral'>已停用</Pill>}
        </View>
        <Text className='template__fact'>
          {t.postName} · {weekdaysText(t.weekdays)}
        </Text>
        <View className='template__counts'>
          {SHIFT_ROLES.filter((r) => t.headcount[r] > 0).map((r) => (
            <Text key={r} className='template__count'>
              {SHIFT_ROLE_SHORT[r]} {t.headcount[r]} 人
            </Text>
          ))}
        </View>
        <Text className='template__fact template__fact--muted'>
          学期 {t.termStart} 至 {t.termEnd}
        </Text>
        <View className='template__actions'>
          <Button size='small' fill='outline' type={t.active ? 'danger' : 'primary'} loading={schedule.busyId === t.id} onClick={() => setToggling(t)}>
            {t.active ? '停用' : '启用'}
          </Button>
          <Button size='small' type='primary' onClick={() => openPage(templatePath(t.id))}>
            修改
          </Button>
        </View>
      </View>
    ))
  }

  return (
    <PageShell className='templates'>
      <SchoolPicker schools={managed} value={schedule.schoolId} onChange={(id) => schedule.selectSchool(id)} />
      <View className='templates__add'>
        <Button type='primary' block onClick={() => openPage(templatePath())} disabled={!school.posts.length}>
          新建排班模板
        </Button>
        {!school.posts.length ? (
          <Text className='templates__hint' onClick={() => openPage(DUTY_ROUTES.posts)}>
            先添加岗点 ›
          </Text>
        ) : null}
      </View>
      {list()}

      <Dialog
        visible={toggling !== null}
        title={toggling?.active ? '停用模板' : '启用模板'}
        content={
          toggling?.active ? `停用「${toggling.name}」后，它未来的班次会取消，已报名的人会收到通知。确定停用吗？` : `启用「${toggling?.name ?? ''}」后，会重新生成未来四周的班次。`
        }
        confirmText={toggling?.active ? '确认停用' : '启用'}
        cancelText='取消'
        onConfirm={async () => {
          if (!toggling) return
          try {
            await schedule.setActive(toggling, !toggling.active)
            toastSuccess(toggling.active ? '已停用' : '已启用')
            setToggling(null)
          } catch (e) {
            toastError(e)
            setToggling(null)
          }
        }}
        onCancel={() => setToggling(null)}
        onClose={() => setToggling(null)}
      />
    </PageShell>
  )
})

export default TemplatesPage
