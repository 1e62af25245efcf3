// 上报 tab: the report form (category, severity, description, photos, location, nearest school),
// nearby open reports offered as "我也遇到了" before filing, and 我的上报.
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Loading, Popup, TextArea } from '@nutui/nutui-react-taro'
import { CheckChecked, CheckNormal, Location, SuccessF, Warning } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '@/types/hazards'
import { HAZARD_LOCATION_KINDS, HAZARD_LOCATION_LABELS, type HazardLocationKind } from '@/types/bulletin'
import { formatDistance } from '@/domain/geo'
import { Chips, type ChipOption } from '@/components/chips'
import { HazardCard } from '@/components/hazard-card'
import { HazardStatusTag } from '@/components/hazard-tags'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState, screenGate } from '@/components/page-state'
import { PhotoPicker } from '@/components/photo-picker'
import { SegmentTabs } from '@/components/segment-tabs'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useUnreadOnShow } from '@/hooks/use-unread-on-show'
import { useScreen } from '@/hooks/use-screen'
import { taroLocation } from '@/services/location'
import { canPickOnMap, pickOnMap } from '@/services/map-point'
import { useStores } from '@/stores'
import { DESCRIPTION_MAX } from '@/stores/hazards/report-store'
import { toast, toastError } from '@/utils/feedback'
import { HAZARD_ROUTES, hazardPath } from '@/utils/hazard-routes'
import { openPage } from '@/utils/navigation'
import { ROUTES } from '@/utils/routes'
import './index.scss'

type Tab = 'form' | 'mine'
const TABS: { key: Tab; title: string }[] = [
  { key: 'form', title: '上报隐患' },
  { key: 'mine', title: '我的上报' },
]

const SEVERITY_TONE = { high: 'danger', medium: 'warning', low: undefined } as const
const LOCATION_OPTIONS: ChipOption<HazardLocationKind>[] = HAZARD_LOCATION_KINDS.map((k) => ({ value: k, label: HAZARD_LOCATION_LABELS[k] }))
const SEVERITY_OPTIONS: ChipOption<Severity>[] = SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s], tone: SEVERITY_TONE[s] }))

const isWeapp = process.env.TARO_ENV === 'weapp'
const locateHere = () => taroLocation.current()

/** The result card replaces the form: bring it into view. */
const showResult = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })

const LocationCard = observer(function LocationCard() {
  const { hazards } = useStores()
  const { report } = hazards
  const position = report.position
  return (
    <View className='card report__location' data-testid='report-location'>
      {report.locating ? (
        <View className='report__locating'>
          <Loading>正在定位…</Loading>
        </View>
      ) : position ? (
        <View className='report__place'>
          <View className='report__place-line'>
            <Location size={16} color='#1f6feb' />
            <Text className='report__place-name'>{position.name || (position.accuracy ? '我的当前位置' : '地图选点')}</Text>
          </View>
          {position.address ? <Text className='report__place-sub'>{position.address}</Text> : null}
          <Text className='report__place-sub'>
            {position.lat.toFixed(5)}, {position.lng.toFixed(5)}
            {position.accuracy ? ` · 精度约 ${Math.round(position.accuracy)} 米` : ''}
          </Text>
          {report.school ? (
            <Text className='report__school' data-testid='report-school'>
              所属学校：{report.school.name}
              {report.schoolDistanceM != null ? `（距学校 ${formatDistance(report.schoolDistanceM)}）` : ''}
            </Text>
          ) : null}
        </View>
      ) : (
        <Text className='report__place-sub'>{report.locationError ?? `上报要记录隐患的位置：点「获取当前位置」（只在这时定位一次）${canPickOnMap ? '，或在地图上选点' : ''}`}</Text>
      )}
      {report.locationError && position ? <Text className='report__error'>{report.locationError}</Text> : null}
      <View className='report__location-actions'>
        <Button size='small' fill='outline' type='primary' disabled={report.locating} onClick={() => void report.locate(locateHere)}>
          {position ? '重新定位' : '获取当前位置'}
        </Button>
        {canPickOnMap ? (
          <Button size='small' fill='outline' disabled={report.locating} onClick={() => void report.locate(() => pickOnMap(report.position ?? undefined))}>
            在地图上选点
          </Button>
        ) : null}
        {isWeapp && report.locationRefusal === 'denied' ? (
          <Button size='small' fill='outline' onClick={() => void Taro.openSetting({}).then(() => report.locate(locateHere))}>
            去设置
          </Button>
        ) : null}
      </View>
    </View>
  )
})

const NearbyPopup = observer(function NearbyPopup({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const { hazards } = useStores()
  const { report } = hazards

  const confirm = async (hazardId: string) => {
    try {
      await report.confirmNearby(hazardId)
      onClose()
      showResult()
    } catch (e) {
      toastError(e, '提交失败，请稍后重试')
    }
  }
  const reportAnyway = async () => {
    try {
      const outcome = await report.reportAnyway()
      if (outcome.kind === 'invalid') return toast(outcome.message)
      onClose()
      showResult()
    } catch (e) {
      toastError(e, '上报失败，请稍后重试')
    }
  }

  return (
    <Popup visible={visible} position='bottom' round closeable title='附近已有同类隐患' onClose={onClose}>
      <View className='nearby' data-testid='nearby-offer'>
        <Text className='nearby__lead'>
          {report.nearby.every((h) => h.mine || h.confirmedByMe)
            ? `50 米内的「${report.category?.name ?? ''}」你已经上报或反映过，民警会跟进处理。如果是另一处，请继续上报。`
            : `50 米内已有人上报了「${report.category?.name ?? ''}」。如果是同一处，点「我也遇到了」，民警会看到更多人反映，不必重复上报。`}
        </Text>
        {report.nearby.map((h) => (
          <View key={h.id} className='nearby__item'>
            <View className='nearby__head'>
              <Text className='nearby__title'>{h.category.name}</Text>
              <HazardStatusTag status={h.status} />
            </View>
            <Text className='nearby__text'>{h.description}</Text>
            <Text className='nearby__meta'>
              相距 {formatDistance(h.distanceM)} · {h.schoolName}
              {h.confirmations ? ` · ${h.confirmations} 人也遇到了` : ''}
            </Text>
            {h.mine || h.confirmedByMe ? (
              <Text className='nearby__done'>{h.mine ? '这是你上报的' : '你已反映过'}</Text>
            ) : (
              <Button
                type='primary'
                size='small'
                loading={report.confirmingId === h.id}
                disabled={report.confirmingId !== null || report.submitting}
                onClick={() => void confirm(h.id)}
              >
                我也遇到了
              </Button>
            )}
          </View>
        ))}
        {report.photos.fileIds.length ? (
          // a tick of our own: NutUI's Checkbox (6 KB with its styles) would be in the main package for this one line
          <View className='nearby__attach' role='checkbox' aria-checked={report.attachPhotoToConfirm} onClick={() => report.setAttachPhotoToConfirm(!report.attachPhotoToConfirm)}>
            {report.attachPhotoToConfirm ? <CheckChecked size={18} color='#1f6feb' /> : <CheckNormal size={18} color='#c9cdd4' />}
            <Text className='nearby__attach-text'>附上我拍的第 1 张照片</Text>
          </View>
        ) : null}
        <Button block fill='outline' loading={report.submitting} disabled={report.confirmingId !== null} onClick={() => void reportAnyway()}>
          不是同一处，继续上报
        </Button>
      </View>
    </Popup>
  )
})

const ReportForm = observer(function ReportForm() {
  const { hazards } = useStores()
  const { report, categories } = hazards
  const [nearbyOpen, setNearbyOpen] = useState(false)

  if (report.done) {
    const { hazard, kind } = report.done
    return (
      <View className='card report__done' data-testid='report-done'>
        <SuccessF size={48} color='#00b42a' />
        <Text className='report__done-title'>{kind === 'reported' ? '已上报，等待民警受理' : '已记录「我也遇到了」'}</Text>
        <Text className='report__done-text'>
          {hazard.category.name} · {hazard.schoolName}。处理进展会通知你，也可以在「我的上报」查看。
        </Text>
        <View className='report__done-actions'>
          <Button type='primary' block onClick={() => openPage(hazardPath(hazard.id))}>
            查看详情
          </Button>
          <View className='report__gap' />
          <Button block fill='outline' onClick={() => report.start()}>
            继续上报
          </Button>
        </View>
      </View>
    )
  }

  const submit = async () => {
    // 提交上报 without a place yet: this tap is the one that asks for the position
    if (!report.position && !report.locating) {
      await report.locate(locateHere)
      if (!report.position) return
    }
    try {
      const outcome = await report.submit()
      if (outcome.kind === 'invalid') toast(outcome.message)
      else if (outcome.kind === 'nearby') setNearbyOpen(true)
      else showResult()
    } catch (e) {
      toastError(e, '上报失败，请稍后重试')
    }
  }

  const proposed = report.category?.defaultSeverity
  return (
    <View className='report__form'>
      <View className='report__anonymous'>上报人信息仅民警和管理员可见，学校和其他成员只会看到「上报人」。</View>

      <View className='section-title'>隐患类别</View>
      <View className='card'>
        {categories.state === 'error' ? (
          <ErrorState message={categories.error} onRetry={() => void categories.load()} />
        ) : categories.state !== 'ready' ? (
          <LoadingState />
        ) : (
          <Chips
            testId='category-chips'
            options={categories.items.map((c) => ({ value: c.id, label: c.name }))}
            value={report.categoryId}
            onChange={(id) => report.setCategory(id)}
          />
        )}
        {report.categoryId ? (
          <View className='report__severity'>
            <Text className='report__label'>严重程度</Text>
            <Chips size='small' options={SEVERITY_OPTIONS} value={report.severity} onChange={(v) => report.setSeverity(v)} />
            {proposed ? <Text className='report__hint'>按类别建议「{SEVERITY_LABELS[proposed]}」，可按现场情况调整</Text> : null}
            <Text className='report__label'>位置</Text>
            <Chips size='small' testId='location-kind' options={LOCATION_OPTIONS} value={report.locationKind} onChange={(v) => report.setLocationKind(v)} />
          </View>
        ) : null}
      </View>

      <View className='section-title'>情况描述</View>
      <View className='card report__description'>
        <TextArea
          value={report.description}
          onChange={(v) => report.setDescription(v)}
          placeholder='写下你看到的情况：在哪、什么问题、什么时间段最明显'
          maxLength={DESCRIPTION_MAX}
          showCount
          rows={4}
        />
      </View>

      <View className='section-title'>现场照片（最多 9 张）</View>
      <View className='card'>
        <PhotoPicker uploads={report.photos} hint='照片有助于民警核实；照片中的位置信息会被去除。' />
      </View>

      <View className='section-title'>位置</View>
      <LocationCard />

      <View className='report__actions'>
        <Button type='primary' block size='large' loading={report.checkingNearby || report.submitting} onClick={() => void submit()}>
          提交上报
        </Button>
      </View>

      <NearbyPopup visible={nearbyOpen} onClose={() => setNearbyOpen(false)} />
    </View>
  )
})

const MyReports = observer(function MyReports() {
  const { hazards } = useStores()
  const { mine } = hazards
  const gated = screenGate(mine, () => void mine.load())
  if (gated) return gated
  if (!mine.items.length) {
    return <EmptyState icon={<Warning size={36} color='#c9cdd4' />} title='还没有上报记录' description='你上报的隐患（以及你点过「我也遇到了」的）和处理进度会显示在这里。' />
  }
  return (
    <View className='report__list'>
      {mine.items.map((h) => (
        <HazardCard key={h.id} hazard={h} onOpen={(x) => openPage(hazardPath(x.id))} />
      ))}
    </View>
  )
})

const ReportPage = observer(function ReportPage() {
  const { me, schools, hazards } = useStores()
  const { ready } = useRequireLogin(ROUTES.report)
  useUnreadOnShow()
  const [tab, setTab] = useState<Tab>('form')
  const { report, categories, mine } = hazards
  const member = me.holds('hazard.report')

  useEffect(() => {
    if (!ready || !member) return
    void categories.load()
    void schools.load()
    // no location when the tab opens: only from a tap (获取当前位置, 在地图上选点, 提交上报)
  }, [ready, member, categories, schools, report])
  useEffect(() => {
    if (ready && member && tab === 'mine') void mine.load({ quiet: true })
  }, [ready, member, tab, mine])
  useDidShow(() => {
    // a report's status may have moved while the person was elsewhere
    if (ready && member && tab === 'mine') void mine.load({ quiet: true })
  })
  useScreen({ refresh: () => Promise.allSettled(tab === 'mine' ? [mine.load({ quiet: true })] : [categories.load(), schools.load(), me.load()]) })

  if (!ready || !me.me) {
    return <PageShell>{me.state === 'error' ? <ErrorState message={me.error} onRetry={() => void me.load().catch(() => {})} /> : <LoadingState />}</PageShell>
  }
  if (!member) {
    return (
      <PageShell>
        <EmptyState
          icon={<Warning size={36} color='#c9cdd4' />}
          title='通过学校审核后才能上报隐患'
          description='加入学校并通过审核后，你可以上报校门口的安全隐患（如占道停车、设施损坏），并跟踪处理进度。'
          action={
            me.hasNoMemberships ? (
              <Button type='primary' size='small' onClick={() => openPage(ROUTES.join)}>
                用邀请码加入学校
              </Button>
            ) : null
          }
        />
      </PageShell>
    )
  }

  return (
    <PageShell className='report'>
      <SegmentTabs tabs={TABS} value={tab} onChange={setTab} />
      <View className='report__school-link' onClick={() => openPage(HAZARD_ROUTES.school)}>
        <Text>学校周边未办结的隐患</Text>
        <Text className='report__arrow'>›</Text>
      </View>
      {tab === 'form' ? <ReportForm /> : <MyReports />}
    </PageShell>
  )
})

export default ReportPage
