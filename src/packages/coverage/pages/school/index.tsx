// A school's coverage (覆盖率): the principal's main view, and where police and admins drill in.
// Today / this week / this term; totals, posts, peaks, the term's daily attendance chart, the gaps
// of the coming days (ask the police to assign), the most hours, open hazards, notice receipts.
import { holdsAnywhere } from '@/domain/authorization'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ArrowRight } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { SchoolCoverage } from '@/types/coverage'
import { PERIOD_LABELS } from '@/types/coverage'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState, screenGate } from '@/components/page-state'
import { Pill } from '@/components/pill'
import { RateCell } from '@/components/coverage-rate'
import { SchoolPicker } from '@/components/school-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { termInProgress } from '@/domain/term'
import { COVERAGE_ROUTES } from '@/utils/coverage-routes'
import { dayLabel, hoursText } from '@/utils/duty-format'
import { shiftPath } from '@/utils/duty-routes'
import { toast, toastError } from '@/utils/feedback'
import { HAZARD_ROUTES } from '@/utils/hazard-routes'
import { openPage } from '@/utils/navigation'
import { AlarmNumbers } from '../../components/alarm-numbers'
import { BarChart } from '../../components/bar-chart'
import { CoverageRow } from '../../components/coverage-row'
import { NumbersCard } from '../../components/numbers-card'
import { RangeTabs, RANGE_TABS } from '../../components/range-tabs'
import { saveExport } from '@/utils/save-export'
import './index.scss'

const shortDate = (date: string) => date.slice(5)
const GAPS_SHOWN = 5

function periodText(c: SchoolCoverage): string {
  const title = RANGE_TABS.find((t) => t.key === c.range)?.title ?? ''
  const soFar = c.range === 'term' && termInProgress(c.from, c.to) ? '（截至今天）' : ''
  return c.from === c.to ? `${title} ${c.from}${soFar}` : `${title} ${c.from} 至 ${c.to}${soFar}`
}

const SchoolCoveragePage = observer(function SchoolCoveragePage() {
  const { params } = useRouter()
  const { me, schools, coverage, hazards } = useStores()
  const { ready } = useRequireLogin(COVERAGE_ROUTES.school)
  const store = coverage.school
  const [allGaps, setAllGaps] = useState(false)
  const asked = params.schoolId ? decodeURIComponent(params.schoolId) : null
  const schoolId = asked ?? store.schoolId ?? coverage.principalSchool?.id ?? me.managedSchools[0]?.id ?? null

  useEffect(() => {
    if (ready) void schools.load()
  }, [ready, schools])
  useEffect(() => {
    if (ready && schoolId) void store.setSchool(schoolId)
  }, [ready, schoolId, store])
  useDidShow(() => {
    // back from assigning or a hazard: the numbers may have moved
    if (ready && store.current) void store.load({ quiet: true })
  })
  useScreen({ refresh: () => store.load({ quiet: true }) })

  const grants = me.grants
  const canAsk = holdsAnywhere(grants, 'coverage.ask')

  const askAssign = async (gap: SchoolCoverage['upcomingUnfilled'][number]) => {
    const { confirm } = await Taro.showModal({
      title: '请民警指派',
      content: `${dayLabel(gap.date)} ${gap.startTime} ${gap.postName} 还缺 ${gap.missing} 人。通知本校责任民警协助指派？`,
      confirmText: '通知民警',
      cancelText: '取消',
    })
    if (!confirm) return
    try {
      const notified = await store.askAssign(gap.shiftId)
      toast(notified > 0 ? `已通知 ${notified} 位民警` : '本校还没有责任民警账号，请联系派出所')
    } catch (e) {
      toastError(e, '请求失败，请稍后重试')
    }
  }

  const openHazards = (id: string) => {
    void hazards.school.setFilters({ schoolId: id })
    openPage(HAZARD_ROUTES.school)
  }

  if (!ready || (!schoolId && schools.state !== 'ready' && schools.state !== 'error'))
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (!schoolId) {
    if (schools.state === 'error')
      return (
        <PageShell>
          <ErrorState message={schools.error} onRetry={() => void schools.load()} />
        </PageShell>
      )
    return (
      <PageShell>
        <EmptyState title='没有可查看的学校' description='校长、责任民警和区县管理员可以查看所负责学校的覆盖率。' />
      </PageShell>
    )
  }

  const c = store.current
  const body = () => {
    if (!c) return screenGate(store, () => void store.load(), { has: false })
    const daily = c.daily.map((d) => ({
      key: d.date,
      label: shortDate(d.date),
      rate: d.attendanceRate,
      detail: `应到 ${d.required} · 到岗 ${d.attended}${d.noShow ? ` · 缺岗 ${d.noShow}` : ''}`,
    }))
    return (
      <>
        <NumbersCard title={c.schoolName} period={periodText(c)} numbers={c.totals} />
        {c.totals.required === 0 ? <View className='card school-coverage__none'>这段时间没有排班（周末、假期或还没有排班模板）。</View> : null}

        {c.byPost.length ? (
          <>
            <View className='section-title'>按岗点</View>
            <View className='card school-coverage__rows' data-testid='by-post'>
              {c.byPost.map((p) => (
                <CoverageRow key={p.postId} name={p.postName} numbers={p} testId='post-row' />
              ))}
            </View>
          </>
        ) : null}
        {c.byPeriod.length ? (
          <>
            <View className='section-title'>按时段</View>
            <View className='card school-coverage__rows' data-testid='by-period'>
              {[...c.byPeriod]
                .sort((a, b) => (a.period === b.period ? 0 : a.period === 'morning' ? -1 : 1))
                .map((p) => (
                  <CoverageRow key={p.period} name={PERIOD_LABELS[p.period]} numbers={p} testId='period-row' />
                ))}
            </View>
          </>
        ) : null}

        <View className='section-title'>本学期每日到岗率</View>
        <View className='card' data-testid='daily-chart'>
          {daily.some((d) => d.rate !== null) ? (
            <BarChart data={daily} testId='daily-bars' />
          ) : (
            <Text className='school-coverage__hint'>本学期还没有结束的班次，结束后这里按天显示到岗率。</Text>
          )}
        </View>

        <View className='section-title'>未来 7 天的空缺</View>
        <View className='card school-coverage__gaps' data-testid='gaps'>
          {c.upcomingUnfilled.length ? (
            (allGaps ? c.upcomingUnfilled : c.upcomingUnfilled.slice(0, GAPS_SHOWN)).map((g) => (
              <View key={g.shiftId} className='school-coverage__gap' data-testid='gap'>
                <View className='school-coverage__gap-main'>
                  <Text className='school-coverage__gap-when'>
                    {dayLabel(g.date)} {g.startTime}
                  </Text>
                  <Text className='school-coverage__gap-where'>{g.postName}</Text>
                </View>
                <Pill tone='danger'>缺 {g.missing} 人</Pill>
                <View className='school-coverage__gap-action'>
                  {canAsk ? (
                    <Button
                      size='small'
                      type='primary'
                      fill={store.asked[g.shiftId] ? 'outline' : 'solid'}
                      disabled={!!store.asked[g.shiftId]}
                      loading={store.asking === g.shiftId}
                      onClick={() => void askAssign(g)}
                    >
                      {store.asked[g.shiftId] ? '已通知' : '请民警指派'}
                    </Button>
                  ) : (
                    <Button size='small' type='primary' fill='outline' onClick={() => openPage(shiftPath(g.shiftId))}>
                      去指派
                    </Button>
                  )}
                </View>
              </View>
            ))
          ) : (
            <Text className='school-coverage__hint'>未来 7 天的班次都已报满。</Text>
          )}
          {!allGaps && c.upcomingUnfilled.length > GAPS_SHOWN ? (
            <View className='school-coverage__gaps-more' onClick={() => setAllGaps(true)}>
              还有 {c.upcomingUnfilled.length - GAPS_SHOWN} 个班次缺人，展开 ›
            </View>
          ) : null}
        </View>

        <View className='section-title'>本学期志愿时长</View>
        <View className='card school-coverage__people' data-testid='top-volunteers'>
          {c.topVolunteers.length ? (
            c.topVolunteers.map((v, i) => (
              <View key={v.personId} className='school-coverage__person'>
                <Text className={`school-coverage__place ${i < 3 ? 'school-coverage__place--top' : ''}`}>{i + 1}</Text>
                <Text className='school-coverage__person-name'>{v.name}</Text>
                <Text className='school-coverage__person-shifts'>{v.shifts} 班</Text>
                <Text className='school-coverage__person-hours'>{hoursText(v.hours)}</Text>
              </View>
            ))
          ) : (
            <Text className='school-coverage__hint'>本学期还没有人签到值守。</Text>
          )}
        </View>

        <View className='section-title'>隐患与通知</View>
        <View className='card school-coverage__more'>
          <View className='school-coverage__hazards' onClick={() => openHazards(c.schoolId)} data-testid='open-hazards'>
            <Text className='school-coverage__more-title'>未办结隐患</Text>
            <Text className={`school-coverage__more-value ${c.openHazards ? 'school-coverage__more-value--bad' : ''}`}>{c.openHazards} 条</Text>
            <ArrowRight size={12} color='#c9cdd4' />
          </View>
          <View className='school-coverage__acks'>
            <View className='school-coverage__acks-text'>
              <Text className='school-coverage__more-title'>近 30 天通知确认率</Text>
              <Text className='school-coverage__hint'>需要确认的通知，已确认的回执占比</Text>
            </View>
            <RateCell rate={c.noticeAckRate} testId='notice-ack-rate' />
          </View>
        </View>

        <View className='section-title'>一键报警</View>
        <View className='card' data-testid='school-alarms'>
          <AlarmNumbers numbers={c.alarms} />
          <Text className='school-coverage__hint'>{periodText(c)}。演练与真实报警一起计算响应；误触只计数。</Text>
        </View>

        <View className='school-coverage__export'>
          <Button type='primary' block loading={store.exporting} onClick={() => void saveExport(() => store.export())}>
            导出 Excel
          </Button>
          <Text className='school-coverage__hint'>与页面数字相同：汇总、按岗点、按时段、每日、报警。</Text>
        </View>
      </>
    )
  }

  return (
    <PageShell className='school-coverage'>
      {!asked && me.managedSchools.length > 1 ? <SchoolPicker schools={me.managedSchools} value={schoolId} onChange={(id) => void store.setSchool(id)} /> : null}
      <RangeTabs value={store.range} onChange={(r) => void store.setRange(r)} />
      {body()}
    </PageShell>
  )
})

export default SchoolCoveragePage
