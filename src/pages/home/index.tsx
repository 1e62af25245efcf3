import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Badge, Button } from '@nutui/nutui-react-taro'
import { ArrowRight, Location, Phone, ShieldCheck, UserAdd } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { School } from '@/types/api'
import { ROLE_LABELS, SCHOOL_KIND_LABELS } from '@/types/org'
import { HazardShortcuts } from '@/components/hazard-shortcuts'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { ErrorState, LoadingState } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useStores } from '@/stores'
import { scopeName } from '@/stores/me-store'
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
          <Button
            size='small'
            fill='outline'
            type='primary'
            icon={<Phone size={14} />}
            onClick={() => void Taro.makePhoneCall({ phoneNumber: school.phone! })}
          >
            联系学校 {school.phone}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

const HomePage = observer(function HomePage() {
  const { me, schools, members } = useStores()
  const { ready } = useRequireLogin()

  const refresh = async () => {
    await schools.load()
    if (me.managesAnySchool) await members.loadPendingCount()
  }

  useEffect(() => {
    if (ready) void refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready])
  useDidShow(() => {
    // Back on 首页: a decision on an application may have come in meanwhile.
    if (ready) void Promise.allSettled([me.load(), refresh()])
  })
  usePullDownRefresh(async () => {
    try {
      await Promise.allSettled([me.load(), refresh()])
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  if (!me.me) {
    return (
      <PageShell>
        {me.state === 'error' ? <ErrorState message={me.error} onRetry={() => void me.load().catch(() => {})} /> : <LoadingState />}
      </PageShell>
    )
  }

  const approved = me.memberships.filter((m) => m.status === 'approved')
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

      {me.managesAnySchool ? (
        <>
          <View className='section-title'>管理</View>
          <View className='card home__shortcuts'>
            <View className='home__shortcut' onClick={() => openPage(ROUTES.members)}>
              <Text className='home__shortcut-title'>成员审核</Text>
              {members.pendingCount ? (
                <Badge value={members.pendingCount} max={99}>
                  <Text className='home__shortcut-text'>待审核申请</Text>
                </Badge>
              ) : (
                <Text className='home__shortcut-text'>{members.pendingCount === 0 ? '暂无待审核申请' : '审核入校申请'}</Text>
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
