// 补位: the unfilled places of the next two weeks, each with the members proposed to fill it
// (fewest shifts this term first, free at that time); one tap assigns.
import { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { Gap } from '@/types/shifts'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, screenGate } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { useNow } from '@/hooks/use-now'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { scheduleStore } from '@/stores/duty/schedule-store'
import { schoolRef } from '@/stores/me-store'
import { can, STAFFED_THROUGH } from '@/domain/authorization'
import { toastError, toastSuccess } from '@/utils/feedback'
import { SHIFT_ROLE_SHORT, shiftShareTitle, shiftWhen } from '@/utils/duty-format'
import { DUTY_ROUTES, shiftPath } from '@/utils/duty-routes'
import { openPage } from '@/utils/navigation'
import { useManagedSchool } from '../../hooks/use-managed-school'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

const GapsPage = observer(function GapsPage() {
  const root = useStores()
  const { schools } = root
  const schedule = root.store(scheduleStore)
  const { ready, managed, school } = useManagedSchool(DUTY_ROUTES.gaps, () => void schedule.loadGaps())
  const now = useNow(60_000)

  // 转发到家长群 on a shift: the card opens that shift, where members sign up themselves
  useShareAppMessage((res) => {
    const shiftId = (res.target as { dataset?: { shiftId?: string } } | undefined)?.dataset?.shiftId
    const shift = schedule.gaps.items.find((g) => g.shift.id === shiftId)?.shift
    return shift ? { title: shiftShareTitle(shift), path: shiftPath(shift.id) } : { title: '护学岗补位', path: DUTY_ROUTES.gaps }
  })
  useScreen({ refresh: () => schedule.loadGaps() })

  // the schools this person manages: loading, error with 重试, or none to manage
  const schoolGate = screenGate(schools, () => void schools.load(), {
    has: ready,
    empty: !managed.length || !school ? <EmptyState title='没有可管理的学校' description='补位由学校校长和责任民警安排。' /> : undefined,
  })
  if (schoolGate || !school) return <PageShell>{schoolGate}</PageShell>

  const list = () => {
    const gated = screenGate(schedule.gaps, () => void schedule.loadGaps(), {
      empty: !schedule.gaps.items.length && <EmptyState title='两周内的班次都已排满' description='有人释放或新班次生成后，空缺会出现在这里。' />,
    })
    if (gated) return gated
    // one card per shift, a block per role still short
    const shifts: { shift: Gap['shift']; gaps: Gap[] }[] = []
    for (const g of schedule.gaps.items) {
      const row = shifts.find((r) => r.shift.id === g.shift.id)
      if (row) row.gaps.push(g)
      else shifts.push({ shift: g.shift, gaps: [g] })
    }
    return shifts.map(({ shift, gaps }) => (
      <View key={shift.id} className='gap card' data-testid='gap'>
        <View className='gap__head' onClick={() => openPage(shiftPath(shift.id))}>
          <View className='gap__where'>
            <Text className='gap__when'>{shiftWhen(shift, now)}</Text>
            <Text className='gap__post'>
              {shift.postName} · {shift.templateName}
            </Text>
          </View>
          <Text className='gap__open'>详情 ›</Text>
        </View>
        {gaps.map((g) => (
          <View key={g.role} className='gap__role'>
            <View className='gap__role-head'>
              <Pill tone='danger'>
                {SHIFT_ROLE_SHORT[g.role]}缺 {g.missing}
              </Pill>
              {g.candidates.length ? <Text className='gap__label'>推荐：本学期值守最少、当时有空</Text> : null}
            </View>
            {g.candidates.length ? (
              g.candidates.map((c) => {
                const busyKey = `${g.shift.id}:${c.person.id}`
                return (
                  <View key={c.person.id} className='gap__candidate' data-testid='candidate'>
                    <View className='gap__who'>
                      <Text className='gap__name'>{c.person.name}</Text>
                      <Text className='gap__meta'>
                        本学期 {c.shiftsThisTerm} 次{c.person.phone ? ` · ${c.person.phone}` : ''}
                      </Text>
                    </View>
                    <Button
                      size='small'
                      type='primary'
                      loading={schedule.busyId === busyKey}
                      disabled={schedule.busyId !== null}
                      onClick={async () => {
                        try {
                          await schedule.assign(g, c)
                          toastSuccess(`已指派 ${c.person.name}`)
                        } catch (e) {
                          toastError(e)
                        }
                      }}
                    >
                      指派
                    </Button>
                  </View>
                )
              })
            ) : (
              <Text className='gap__none'>
                {can(root.me.grants, STAFFED_THROUGH[g.role], schoolRef(school))
                  ? `没有当时有空的${SHIFT_ROLE_SHORT[g.role]}，可以在班次详情里指派其他成员。`
                  : `${SHIFT_ROLE_SHORT[g.role]}岗位由派出所安排，本所民警会在值守页认领；也可以在覆盖率页请求民警指派。`}
              </Text>
            )}
          </View>
        ))}
        {isWeapp ? (
          <View className='gap__share'>
            <Button size='small' fill='outline' openType='share' data-shift-id={shift.id}>
              转发到家长群
            </Button>
          </View>
        ) : null}
      </View>
    ))
  }

  return (
    <PageShell className='gaps'>
      <SchoolPicker schools={managed} value={schedule.schoolId} onChange={(id) => schedule.selectSchool(id)} />
      <View className='section-title'>未来 14 天的空缺</View>
      {list()}
    </PageShell>
  )
})

export default GapsPage
