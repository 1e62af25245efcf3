// A school's open hazards for its members (reporters stay anonymous): on WeChat a map with a
// marker each above the list; in the browser the list with the distance from the person.
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { LocationFix } from '@/types/attendance'
import { distanceM } from '@/domain/geo'
import { HazardCard } from '@/components/hazard-card'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState, screenGate } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { taroLocation } from '@/services/location'
import { useStores } from '@/stores'
import { HAZARD_ROUTES, hazardPath } from '@/utils/hazard-routes'
import { openPage } from '@/utils/navigation'
import { HazardMap } from '../../components/hazard-map'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

const SchoolHazardsPage = observer(function SchoolHazardsPage() {
  const { me, schools, hazards } = useStores()
  const { ready } = useRequireLogin(HAZARD_ROUTES.school)
  const list = hazards.school
  const [here, setHere] = useState<LocationFix | null>(null)

  useEffect(() => {
    if (!ready) return
    // distances in the browser list; WeChat's map shows the person's own dot
    if (!isWeapp) taroLocation.current().then(setHere, () => setHere(null))
  }, [ready])
  useScreen({ load: () => Promise.allSettled([schools.load(), list.filters.schoolId ? list.load({ quiet: true }) : null]), ready, refresh: () => list.load({ quiet: true }) })
  const schoolId = list.filters.schoolId
  useEffect(() => {
    if (schools.items.length && !schools.items.some((s) => s.id === schoolId)) void list.setFilters({ schoolId: schools.items[0].id })
  }, [schools.items, schoolId, list])

  if (!ready || !me.me || (schools.state !== 'ready' && !schools.items.length)) {
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
  if (!schools.items.length) {
    return (
      <PageShell>
        <EmptyState title='还没有加入学校' description='通过学校审核后，可以在这里看到学校周边未办结的隐患。' />
      </PageShell>
    )
  }
  const school = schools.byId(schoolId)

  const body = () => {
    const gated = screenGate(list, () => void list.load(), {
      empty: !list.items.length && <EmptyState title='暂无未办结的隐患' description='学校周边的隐患被上报后，处理完之前都会显示在这里。' />,
    })
    if (gated) return gated
    return list.items.map((h) => <HazardCard key={h.id} hazard={h} distanceM={here ? Math.round(distanceM(here, h)) : null} onOpen={(x) => openPage(hazardPath(x.id))} />)
  }

  return (
    <PageShell className='school-hazards'>
      <SchoolPicker schools={schools.items} value={schoolId ?? null} onChange={(id) => void list.setFilters({ schoolId: id })} />
      {isWeapp && school ? (
        <HazardMap
          height='tall'
          center={school}
          points={list.items.map((h) => ({ id: h.id, lat: h.lat, lng: h.lng, title: `${h.category.name}：${h.description.slice(0, 12)}` }))}
          onTap={(id) => openPage(hazardPath(id))}
        />
      ) : null}
      {list.state === 'ready' && list.items.length ? (
        <Text className='school-hazards__summary'>
          未办结 {list.items.length} 条{list.overdueCount ? `，其中逾期 ${list.overdueCount} 条` : ''}。上报人信息不公开。
        </Text>
      ) : null}
      <View className='school-hazards__list'>{body()}</View>
    </PageShell>
  )
})

export default SchoolHazardsPage
