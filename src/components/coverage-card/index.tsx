// 首页's coverage summary: a principal's school today (fill and attendance with their colour),
// or a police officer's / admin's area today. Tap for the full view.
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { CoverageNumbers } from '@/types/coverage'
import { useStores } from '@/stores'
import { COVERAGE_ROUTES, coverageSchoolPath } from '@/utils/coverage-routes'
import { openPage } from '@/utils/navigation'
import { CoverageTag, RateCell } from '../coverage-rate'
import './index.scss'

function Summary({
  title,
  sub,
  numbers,
  loading,
  error,
  onOpen,
  testId,
}: {
  title: string
  sub: string
  numbers: CoverageNumbers | null
  loading: boolean
  error: string | null
  onOpen: () => void
  testId: string
}) {
  return (
    <View className={`card coverage-card coverage-card--${numbers?.color ?? 'none'}`} onClick={onOpen} data-testid={testId}>
      <View className='coverage-card__head'>
        <Text className='coverage-card__title'>{title}</Text>
        {numbers ? <CoverageTag color={numbers.color} /> : null}
        <ArrowRight size={12} color='#c9cdd4' className='coverage-card__arrow' />
      </View>
      {numbers ? (
        <View className='coverage-card__body'>
          <RateCell title='今日报名率' rate={numbers.fillRate} />
          <RateCell title='今日到岗率' rate={numbers.attendanceRate} />
          {numbers.required ? (
            <View className='coverage-card__counts'>
              <Text className='coverage-card__count'>应到 {numbers.required}</Text>
              <Text className='coverage-card__count'>到岗 {numbers.attended}</Text>
              <Text className='coverage-card__count'>{sub}</Text>
            </View>
          ) : (
            <View className='coverage-card__counts'>
              <Text className='coverage-card__count'>今日没有排班</Text>
              <Text className='coverage-card__count'>点击查看本周、本学期</Text>
            </View>
          )}
        </View>
      ) : (
        <Text className='coverage-card__text'>{error ?? (loading ? '加载中…' : '查看详情')}</Text>
      )}
    </View>
  )
}

export const CoverageCard = observer(function CoverageCard() {
  const { coverage } = useStores()
  const school = coverage.principalSchool
  const seesArea = coverage.seesArea
  const schoolId = school?.id
  const { homeSchool, homeArea } = coverage
  useEffect(() => {
    if (schoolId) void homeSchool.setSchool(schoolId)
    if (seesArea) void homeArea.load()
  }, [homeSchool, homeArea, schoolId, seesArea])
  useDidShow(() => {
    if (school && coverage.homeSchool.current) void coverage.homeSchool.load({ quiet: true })
    if (seesArea && coverage.homeArea.current) void coverage.homeArea.load({ quiet: true })
  })
  if (!school && !seesArea) return null

  const s = coverage.homeSchool.current
  const a = coverage.homeArea.current
  return (
    <>
      <View className='section-title'>今日覆盖率</View>
      {school ? (
        <Summary
          title={school.name}
          sub={s?.totals.noShow ? `缺岗 ${s.totals.noShow}` : `迟到 ${s?.totals.late ?? 0}`}
          numbers={s?.totals ?? null}
          loading={coverage.homeSchool.state === 'loading'}
          error={coverage.homeSchool.state === 'error' ? coverage.homeSchool.error : null}
          onOpen={() => openPage(coverageSchoolPath(school.id))}
          testId='coverage-card-school'
        />
      ) : null}
      {seesArea ? (
        <Summary
          title={`${coverage.areaName} · ${a?.schools.length ?? 0} 所学校`}
          sub={coverage.homeArea.redCount ? `${coverage.homeArea.redCount} 所不足` : '无不足'}
          numbers={a?.totals ?? null}
          loading={coverage.homeArea.state === 'loading'}
          error={coverage.homeArea.state === 'error' ? coverage.homeArea.error : null}
          onOpen={() => openPage(COVERAGE_ROUTES.area)}
          testId='coverage-card-area'
        />
      ) : null}
    </>
  )
})
