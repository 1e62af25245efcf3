import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Badge, Button } from '@nutui/nutui-react-taro'
import { ArrowRight, Location, Phone, ShieldCheck, UserAdd } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { School } from '@/types/api'
import type { Shift, ShiftRole } from '@/types/shifts'
import { ROLE_LABELS, SCHOOL_KIND_LABELS } from '@/types/org'
import { can } from '@/domain/authorization'
import { AlarmButton } from '@/components/alarm-button'
import { CoverageCard } from '@/components/coverage-card'
import { HazardShortcuts } from '@/components/hazard-shortcuts'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { ShiftCard } from '@/components/shift-card'
import { ErrorState, LoadingState } from '@/components/page-state'
import { onDutyShift, useDutyScreen } from '@/hooks/use-duty-screen'
import { useNow } from '@/hooks/use-now'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useUnreadOnShow } from '@/hooks/use-unread-on-show'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { schoolRef, scopeName } from '@/stores/me-store'
import { ALARM_ROUTES } from '@/utils/alarm-routes'
import { SHIFT_ROLE_SHORT, shiftWhen } from '@/utils/duty-format'
import { DUTY_ROUTES, shiftPath } from '@/utils/duty-routes'
import { formatToday, greeting } from '@/utils/format'
import { openPage } from '@/utils/navigation'
import { ROUTES } from '@/utils/routes'
import './index.scss'

function SchoolCard({ school }: { school: School }) {
  return (
    <View className='school-card card'>
      <View className='school-card__head'>
        <Text className='school-card__name'>{school.name}</Text>
        <Pill tone='primary'>{SCHOOL_KIND_LABELS[school.kind]}</Pill>
      </View>
      <View className='school-card__line'>
        <Location size={14} color='#8f959e' />
        <Text className='school-card__text'>{school.address}</Text>
      </View>
      <View className='school-card__line'>
        <ShieldCheck size={14} color='#8f959e' />
        <Text className='school-card__text'>
          {school.districtName} · {school.stationName}
        </Text>
      </View>
      {school.posts.length ? (
        <View className='school-card__posts'>
          <Text className='school-card__label'>岗点</Text>
          {school.posts.map((p) => (
            <Text key={p.id} className='school-card__post'>
              {p.name}
            </Text>
          ))}
        </View>
      ) : null}
      {school.phone ? (
        <View className='school-card__actions'>
          <Button size='small' fill='outline' type='primary' icon={<Phone size={14} />} onClick={() => void Taro.makePhoneCall({ phoneNumber: school.phone! })}>
            联系学校 {school.phone}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

const HomePage = observer(function HomePage() {
  const { me, schools, pending, duty, alarms, broadcasts } = useStores()
  const { ready } = useRequireLogin()
  useUnreadOnShow()
  const now = useNow(30_000)
  const onDuty = onDutyShift([duty.home?.nextShift], now)
  useDutyScreen('home', onDuty)
  // 一键报警: for every approved member of a school and its police; while on duty, for that school.
  const mayRaise = schools.items.some((s) => can(me.grants, 'alarm.raise', schoolRef(s)))
  const fireAlarm = () => {
    void alarms.raise(onDuty ? { schoolId: onDuty.schoolId } : {})
    void Taro.navigateTo({ url: ALARM_ROUTES.detail })
  }

  const refresh = async () => {
    await Promise.allSettled([schools.load(), duty.loadHome()])
    if (me.managesAnySchool) await pending.loadMembers()
    if (duty.managedSchools.length) await pending.loadExceptions()
  }

  useEffect(() => {
    if (ready) void refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the login is known; `refresh` is a new function each render, and coming back reloads through useDidShow
  }, [ready])
  useDidShow(() => {
    // Back on 首页: a decision on an application (or a swap, a promotion) may have come in meanwhile.
    if (ready) void Promise.allSettled([me.load(), refresh()])
  })
  useScreen({ refresh: () => Promise.allSettled([me.load(), refresh()]) })

  if (!me.me) {
    return <PageShell>{me.state === 'error' ? <ErrorState message={me.error} onRetry={() => void me.load().catch(() => {})} /> : <LoadingState />}</PageShell>
  }

  const approved = me.memberships.filter((m) => m.status === 'approved')
  const onDutyAnywhere = duty.dutySchools.length > 0
  const home = duty.home
  const pendingExceptions = duty.managedSchools.reduce((n, s) => n + pending.exceptionsAt(s.id), 0)
  // the places still open in the next 48 h, one row per shift
  const gapShifts: { shift: Shift; missing: { role: ShiftRole; missing: number }[] }[] = []
  for (const u of home?.unfilled ?? []) {
    const row = gapShifts.find((g) => g.shift.id === u.shift.id)
    if (row) row.missing.push({ role: u.role, missing: u.missing })
    else gapShifts.push({ shift: u.shift, missing: [{ role: u.role, missing: u.missing }] })
  }
  const dutyShortcuts = [
    { title: '值守看板', text: '今日到岗与离岗', url: DUTY_ROUTES.board },
    { title: '异常审核', text: pendingExceptions ? `${pendingExceptions} 条待审核` : '范围外、离线、未签退', url: DUTY_ROUTES.exceptions, badge: pendingExceptions },
    { title: '补位', text: '两周内的空缺', url: DUTY_ROUTES.gaps },
    { title: '排班模板', text: '岗位、时间与人数', url: DUTY_ROUTES.templates },
    { title: '岗点', text: '位置与签到范围', url: DUTY_ROUTES.posts },
    { title: '校历', text: '放假、考试、调休', url: DUTY_ROUTES.calendar },
  ]
  return (
    <PageShell className='home'>
      <View className='home__hero'>
        <Text className='home__greeting'>
          {greeting()}，{me.person?.name}
        </Text>
        <Text className='home__date'>{formatToday()}</Text>
        {approved.length ? (
          <View className='home__roles'>
            {approved.map((m) => (
              <Text key={m.id} className='home__role'>
                {scopeName(m)} · {ROLE_LABELS[m.role]}
              </Text>
            ))}
          </View>
        ) : null}
      </View>

      {mayRaise ? (
        <View className='card home__alarm' data-testid='home-alarm'>
          <AlarmButton onFire={fireAlarm} onTap={() => broadcasts.askToSubscribe()} />
          <Text className='home__alarm-text'>遇到紧急情况长按报警，民警和学校会立即收到。本应用不能代替 110。</Text>
        </View>
      ) : null}

      {me.holds('alarm.view') || me.holds('broadcast.send') ? (
        <View className='card home__shortcuts'>
          {me.holds('broadcast.send') ? (
            <View className='home__shortcut' data-testid='home-broadcast' onClick={() => openPage(ALARM_ROUTES.broadcasts)}>
              <Text className='home__shortcut-title'>远程广播 · 人员预警</Text>
              <Text className='home__shortcut-text'>向在岗人员发送紧急提醒，逐人确认</Text>
              <ArrowRight size={12} color='#c9cdd4' className='home__shortcut-arrow' />
            </View>
          ) : null}
          {me.holds('alarm.view') ? (
            <View className='home__shortcut' data-testid='home-alarm-list' onClick={() => openPage(ALARM_ROUTES.list)}>
              <Text className='home__shortcut-title'>最近报警</Text>
              <Text className='home__shortcut-text'>报警与演练的 1-3-5 响应</Text>
              <ArrowRight size={12} color='#c9cdd4' className='home__shortcut-arrow' />
            </View>
          ) : null}
        </View>
      ) : null}

      {me.pendingMemberships.length ? (
        <View className='card home__notice' onClick={() => void Taro.switchTab({ url: ROUTES.me })}>
          <Text className='home__notice-title'>你的入校申请正在审核中</Text>
          <Text className='home__notice-text'>
            {me.pendingMemberships.map((m) => `${scopeName(m)}（${ROLE_LABELS[m.role]}）`).join('、')}
            。学校审核通过后，你就可以报名值守了。
          </Text>
        </View>
      ) : null}

      {me.hasNoMemberships ? (
        <View className='card home__join'>
          <UserAdd size={28} color='#1f6feb' />
          <Text className='home__join-title'>还没有加入学校</Text>
          <Text className='home__join-text'>向学校（班主任或家委会）要一个邀请码，或扫描学校分享的二维码，申请加入后就能参加护学岗值守。</Text>
          <Button type='primary' block onClick={() => openPage(ROUTES.join)}>
            用邀请码加入学校
          </Button>
        </View>
      ) : null}

      {onDutyAnywhere && (home?.nextShift || !duty.managesDuty) ? (
        <>
          <View className='section-title'>下一个班次</View>
          {home?.nextShift ? (
            <>
              <ShiftCard shift={home.nextShift} />
              {onDuty && mayRaise ? (
                <View className='card home__duty-alarm'>
                  <Text className='home__duty-alarm-text'>值守中遇到紧急情况，长按报警</Text>
                  <AlarmButton compact label='报警' onFire={fireAlarm} onTap={() => broadcasts.askToSubscribe()} />
                </View>
              ) : null}
            </>
          ) : duty.homeState === 'error' ? (
            <ErrorState message={duty.homeError} onRetry={() => void duty.loadHome()} />
          ) : duty.homeState !== 'ready' ? (
            <LoadingState />
          ) : (
            <View className='card home__no-shift'>
              <Text className='home__no-shift-text'>还没有报名的班次。到「值守」选一个日期和班次报名；满员时可以候补。</Text>
              <Button type='primary' size='small' onClick={() => void Taro.switchTab({ url: ROUTES.duty })}>
                去报名
              </Button>
            </View>
          )}
          {home?.openSwapsForMe ? (
            <View className='card home__swaps' onClick={() => openPage(DUTY_ROUTES.swaps)}>
              <Text className='home__swaps-text'>有 {home.openSwapsForMe} 个换班请求等你回应</Text>
              <ArrowRight size={12} color='#ad6800' />
            </View>
          ) : null}
        </>
      ) : null}

      <CoverageCard />
      {duty.managesDuty ? (
        <>
          <View className='section-title'>值守管理</View>
          <View className='card home__grid'>
            {dutyShortcuts.map((t) => (
              <View key={t.url} className='home__tile' onClick={() => openPage(t.url)}>
                <Text className='home__tile-title'>
                  {t.title}
                  {t.badge ? <Text className='home__tile-badge'>{t.badge}</Text> : null}
                </Text>
                <Text className='home__tile-text'>{t.text}</Text>
              </View>
            ))}
          </View>
          {duty.seesUnfilled ? <View className='section-title'>48 小时内的空缺</View> : null}
          {!duty.seesUnfilled ? null : gapShifts.length ? (
            <View className='card home__unfilled' data-testid='unfilled'>
              {gapShifts.slice(0, 5).map(({ shift, missing }) => (
                <View key={shift.id} className='home__gap' onClick={() => openPage(shiftPath(shift.id))}>
                  <View className='home__gap-main'>
                    <Text className='home__gap-when'>{shiftWhen(shift, now)}</Text>
                    <Text className='home__gap-where'>
                      {shift.schoolName} · {shift.postName}
                    </Text>
                  </View>
                  <View className='home__gap-pills'>
                    {missing.map((m) => (
                      <Pill key={m.role} tone='danger'>
                        {SHIFT_ROLE_SHORT[m.role]}缺{m.missing}
                      </Pill>
                    ))}
                  </View>
                </View>
              ))}
              <View className='home__gap-more' onClick={() => openPage(DUTY_ROUTES.gaps)}>
                {gapShifts.length > 5 ? `共 ${gapShifts.length} 个班次有空缺，` : ''}去补位 ›
              </View>
            </View>
          ) : (
            <View className='card home__covered'>{home ? '未来 48 小时的班次都已排满。' : '加载中…'}</View>
          )}
        </>
      ) : null}

      {me.managesAnySchool ? (
        <>
          <View className='section-title'>管理</View>
          <View className='card home__shortcuts'>
            <View className='home__shortcut' onClick={() => openPage(ROUTES.members)}>
              <Text className='home__shortcut-title'>成员审核</Text>
              {pending.membersTotal ? (
                <Badge value={pending.membersTotal} max={99}>
                  <Text className='home__shortcut-text'>待审核申请</Text>
                </Badge>
              ) : (
                <Text className='home__shortcut-text'>{pending.membersTotal === 0 ? '暂无待审核申请' : '审核入校申请'}</Text>
              )}
              <ArrowRight size={12} color='#c9cdd4' className='home__shortcut-arrow' />
            </View>
            <View className='home__shortcut' onClick={() => openPage(ROUTES.invites)}>
              <Text className='home__shortcut-title'>邀请码</Text>
              <Text className='home__shortcut-text'>创建并分享给家长</Text>
              <ArrowRight size={12} color='#c9cdd4' className='home__shortcut-arrow' />
            </View>
          </View>
        </>
      ) : null}

      {approved.length ? (
        <>
          <View className='section-title'>我的学校</View>
          {schools.state === 'error' && !schools.items.length ? (
            <ErrorState message={schools.error} onRetry={() => void schools.load()} />
          ) : schools.state === 'loading' && !schools.items.length ? (
            <LoadingState />
          ) : (
            schools.items.map((s) => <SchoolCard key={s.id} school={s} />)
          )}
        </>
      ) : null}
      <HazardShortcuts />
    </PageShell>
  )
})

export default HomePage
