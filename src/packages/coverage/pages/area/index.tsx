// An area's coverage: a police officer's schools side by side, a district admin's schools ranked
// with the district's totals and week-by-week trend, or the city's districts (市局); drill down
// city → district → station → school (its coverage page). Worst first, as the server orders them.
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { AreaCoverage } from '@/types/coverage'
import { Chips } from '@/components/chips'
import { PageShell } from '@/components/page-shell'
import { EmptyState, LoadingState, screenGate } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { termInProgress } from '@/domain/term'
import { COVERAGE_ROUTES, coverageSchoolPath } from '@/utils/coverage-routes'
import { openPage } from '@/utils/navigation'
import { AlarmNumbers } from '../../components/alarm-numbers'
import { BarChart } from '../../components/bar-chart'
import { CoverageRow } from '../../components/coverage-row'
import { NumbersCard } from '../../components/numbers-card'
import { RangeTabs, RANGE_TABS } from '../../components/range-tabs'
import { saveExport } from '@/utils/save-export'
import './index.scss'

const ALL = 'all'

function periodText(a: AreaCoverage): string {
  const title = RANGE_TABS.find((t) => t.key === a.range)?.title ?? ''
  const soFar = a.range === 'term' && termInProgress(a.from, a.to) ? '（截至今天）' : ''
  return a.from === a.to ? `${title} ${a.from}${soFar}` : `${title} ${a.from} 至 ${a.to}${soFar}`
}

const AreaCoveragePage = observer(function AreaCoveragePage() {
  const { me, schools, coverage } = useStores()
  const { ready } = useRequireLogin(COVERAGE_ROUTES.area)
  const store = coverage.area

  useScreen({ load: () => Promise.allSettled([schools.load(), store.load({ quiet: true })]), ready, refresh: () => store.load({ quiet: true }) })

  if (!ready || !me.me)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (!coverage.seesArea) {
    return (
      <PageShell>
        <EmptyState title='只有民警和区县管理员可以查看片区覆盖率' description='校长可以在首页查看本校的覆盖率。' />
      </PageShell>
    )
  }

  const a = store.current
  // the city drills down through the server's groups (districts, then stations); an admin filters by station
  const drills = a?.groups[0]?.level === 'district' || Boolean(store.districtId)
  const stations = drills ? [] : coverage.stations
  const station = stations.find((s) => s.id === store.stationId)
  const title = a && drills ? a.name : (station?.name ?? coverage.areaName)
  // an admin's whole district: schools grouped by station (each group worst first)
  const grouped = !drills && coverage.isAdmin && !store.stationId && store.byStation.length > 1

  const body = () => {
    if (!a) return screenGate(store, () => void store.load(), { has: false })
    let rank = 0
    const weekly = a.weekly.map((w) => ({ key: w.week, label: w.week.slice(5), rate: w.attendanceRate, detail: `${w.week} 起一周 · 应到 ${w.required} · 到岗 ${w.attended}` }))
    return (
      <>
        <NumbersCard title={`${title}合计`} period={`${periodText(a)} · ${a.schools.length} 所学校`} numbers={a.totals} />

        {a.groups.length ? (
          <>
            <View className='section-title'>{a.groups[0].level === 'district' ? '各区县（最差在前）' : '各派出所（最差在前）'}</View>
            <View className='card area-coverage__rows' data-testid='group-list'>
              {a.groups.map((g, i) => (
                <CoverageRow
                  key={g.id}
                  rank={i + 1}
                  name={g.name}
                  sub={`${g.schools} 所学校`}
                  numbers={g}
                  onOpen={() => void (g.level === 'district' ? store.setDistrict(g.id) : store.setStation(g.id))}
                  testId='group-row'
                />
              ))}
            </View>
          </>
        ) : null}

        <View className='section-title'>{grouped ? '各派出所的学校（最差在前）' : '学校排名（最差在前）'}</View>
        {!a.schools.length ? (
          <EmptyState title='没有学校' description='这个范围里还没有学校。' />
        ) : grouped ? (
          store.byStation.map((g) => {
            const stationId = stations.find((s) => s.name === g.stationName)?.id
            return (
              <View key={g.stationName} className='card area-coverage__rows' data-testid='station-group'>
                <View className='area-coverage__group' onClick={() => stationId && void store.setStation(stationId)}>
                  <Text className='area-coverage__group-name'>{g.stationName}</Text>
                  <Text className='area-coverage__group-more'>{g.schools.length} 所 · 只看这个所 ›</Text>
                </View>
                {g.schools.map((s) => (
                  <CoverageRow key={s.schoolId} name={s.schoolName} numbers={s} onOpen={() => openPage(coverageSchoolPath(s.schoolId))} testId='school-row' />
                ))}
              </View>
            )
          })
        ) : (
          <View className='card area-coverage__rows' data-testid='school-list'>
            {a.schools.map((s) => (
              <CoverageRow
                key={s.schoolId}
                rank={++rank}
                name={s.schoolName}
                sub={coverage.isAdmin ? s.stationName : undefined}
                numbers={s}
                onOpen={() => openPage(coverageSchoolPath(s.schoolId))}
                testId='school-row'
              />
            ))}
          </View>
        )}

        <View className='section-title'>一键报警</View>
        <View className='card' data-testid='area-alarms'>
          <AlarmNumbers numbers={a.alarms} name={`${title}合计`} testId='area-alarms-total' />
          {a.alarmsByStation.length > 1 ? a.alarmsByStation.map((s) => <AlarmNumbers key={s.stationId} name={s.stationName} numbers={s.alarms} testId='station-alarms' />) : null}
          {a.schools
            .filter((s) => s.alarms.real + s.alarms.drill + s.alarms.mistaken > 0)
            .map((s) => (
              <AlarmNumbers key={s.schoolId} name={s.schoolName} numbers={s.alarms} testId='school-alarms' />
            ))}
          <Text className='area-coverage__hint'>{periodText(a)}。各校只列有报警的学校；演练与真实报警一起计算响应，误触只计数。</Text>
        </View>

        <View className='section-title'>本学期每周到岗率</View>
        <View className='card' data-testid='weekly-chart'>
          {weekly.some((w) => w.rate !== null) ? (
            <BarChart data={weekly} testId='weekly-bars' />
          ) : (
            <Text className='area-coverage__hint'>本学期还没有结束的班次，结束后这里按周显示到岗率。</Text>
          )}
        </View>

        <View className='area-coverage__export'>
          <Button type='primary' block loading={store.exporting} onClick={() => void saveExport(() => store.export(title))}>
            导出 Excel
          </Button>
          <Text className='area-coverage__hint'>与页面数字相同：学校排名与合计、每周趋势、报警（按学校、按派出所）。</Text>
        </View>
      </>
    )
  }

  return (
    <PageShell className='area-coverage'>
      <RangeTabs value={store.range} onChange={(r) => void store.setRange(r)} />
      <View className='area-coverage__top'>
        {drills && (store.districtId || store.stationId) ? (
          <Text className='area-coverage__up' data-testid='area-up' onClick={() => void (store.stationId && store.districtId ? store.setStation(null) : store.setDistrict(null))}>
            ‹ 返回上一级
          </Text>
        ) : (
          <Text />
        )}
        {me.holds('bulletin.view') ? (
          <Text className='area-coverage__link' data-testid='open-bulletin' onClick={() => openPage(COVERAGE_ROUTES.bulletin)}>
            校园安全简报 ›
          </Text>
        ) : null}
      </View>
      {stations.length > 1 ? (
        <View className='area-coverage__stations'>
          <Chips
            size='small'
            testId='station-filter'
            options={[{ value: ALL, label: `全${coverage.areaName.endsWith('区') ? '区' : '部'}` }, ...stations.map((s) => ({ value: s.id, label: s.name }))]}
            value={store.stationId ?? ALL}
            onChange={(v) => void store.setStation(v === ALL ? null : v)}
          />
        </View>
      ) : null}
      {body()}
    </PageShell>
  )
})

export default AreaCoveragePage
