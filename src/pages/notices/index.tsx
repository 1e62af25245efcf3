// 通知 tab: what was sent to me (newest first, unread dot, drills and trainings marked, withdrawn
// ones as 已撤回) and, for police and admins, 我发布的 with 写通知; for principals, 发给本校的
// with how their people answered. Kept light: everything else is in packages/notices.
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Edit, Notice as NoticeIcon } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Notice } from '@/types/notices'
import { InboxNoticeCard, ManagedNoticeCard } from '@/components/notice-card'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState, screenGate } from '@/components/page-state'
import { SegmentTabs } from '@/components/segment-tabs'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { openPage } from '@/utils/navigation'
import { composePath, drillRecordPath, drillsPath, noticePath } from '@/utils/notice-routes'
import { audienceText } from '@/utils/notices'
import { ROUTES } from '@/utils/routes'
import './index.scss'

type Tab = 'inbox' | 'managed'

const NoticesPage = observer(function NoticesPage() {
  const { me, schools, notices } = useStores()
  const { ready } = useRequireLogin(ROUTES.notices)
  const { inbox, managed } = notices
  const publisher = me.holds('notice.publish')
  const hasManaged = me.holds('notice.track')
  // Notices go to members of a school: a newcomer (nothing approved yet) is told so, and asks nothing that must fail.
  const member = me.grants.length > 0
  const [chosen, setChosen] = useState<Tab | null>(null)
  // Police and admins are sent nothing themselves: they start on what they published.
  const tab: Tab = hasManaged ? (chosen ?? (publisher ? 'managed' : 'inbox')) : 'inbox'

  const refresh = () => Promise.allSettled([member ? inbox.load() : null, hasManaged ? managed.load() : null, hasManaged ? schools.load() : null])

  useEffect(() => {
    if (ready) void refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the login or what the person may see changes; `refresh` is a new function each render, and coming back reloads through useDidShow
  }, [ready, hasManaged, member])
  useDidShow(() => {
    // Back from a notice (read, acknowledged) or a draft: the lists and the badge show it.
    inbox.syncBadge()
    if (ready) void refresh()
  })
  useScreen({ refresh })

  if (!ready || !me.me) {
    return <PageShell>{me.state === 'error' ? <ErrorState message={me.error} onRetry={() => void me.load().catch(() => {})} /> : <LoadingState />}</PageShell>
  }

  const openManaged = (n: Notice) => openPage(n.canManage && (n.status === 'draft' || n.status === 'scheduled') ? composePath(n.id) : noticePath(n.id))
  const schoolName = (id: string) => schools.byId(id)?.name

  const inboxList = () => {
    if (!member) {
      const waiting = me.pendingMemberships.length > 0
      return (
        <EmptyState
          icon={<NoticeIcon size={36} color='#c9cdd4' />}
          title={waiting ? '加入申请审核中' : '加入学校后接收通知'}
          description={
            waiting
              ? '学校通过你的申请后，派出所和学校发布的演练、培训和安全通知会显示在这里，需要确认的请及时回执。'
              : '派出所和学校会在这里发布演练、培训和安全通知，需要确认的要回执。通知发给学校的成员：先用学校给的邀请码加入。'
          }
          action={
            waiting ? (
              <Button size='small' fill='outline' onClick={() => void Taro.switchTab({ url: ROUTES.me })}>
                查看我的申请
              </Button>
            ) : (
              <Button type='primary' size='small' onClick={() => openPage(ROUTES.join)}>
                用邀请码加入学校
              </Button>
            )
          }
        />
      )
    }
    const gated = screenGate(inbox, () => void inbox.load(), { keep: inbox.items.length > 0 })
    if (gated) return gated
    if (!inbox.items.length) {
      return (
        <EmptyState
          icon={<NoticeIcon size={36} color='#c9cdd4' />}
          title='暂无通知'
          description={me.hasNoMemberships ? '加入学校后，派出所发布的演练、培训和通知会显示在这里。' : '派出所发布的演练、培训和通知会显示在这里，需要确认的通知请及时回执。'}
          action={
            me.hasNoMemberships ? (
              <Button type='primary' size='small' onClick={() => openPage(ROUTES.join)}>
                用邀请码加入学校
              </Button>
            ) : null
          }
        />
      )
    }
    return inbox.items.map((n) => <InboxNoticeCard key={n.id} notice={n} onOpen={() => openPage(noticePath(n.id))} />)
  }

  const managedList = () => {
    const gated = screenGate(managed, () => void managed.load(), { keep: managed.items.length > 0 })
    if (gated) return gated
    if (!managed.items.length) {
      return publisher ? (
        <EmptyState title='还没有发布过通知' description='给辖区学校的家长志愿者、老师和保安发演练、培训通知，可以要求确认收到，培训可以报名和现场签到。' />
      ) : (
        <EmptyState title='还没有发给本校的通知' description='派出所发给本校的演练、培训和通知会显示在这里，并能看到本校人员的回执。' />
      )
    }
    return managed.items.map((n) => (
      <ManagedNoticeCard key={n.id} notice={n} audience={audienceText(n, schoolName)} totals={managed.summaries[n.id]} onOpen={() => openManaged(n)} />
    ))
  }

  return (
    <PageShell className='notices'>
      {hasManaged ? (
        <SegmentTabs<Tab>
          tabs={[
            { key: 'inbox', title: '收到的', badge: inbox.unreadCount },
            { key: 'managed', title: publisher ? '我发布的' : '发给本校的' },
          ]}
          value={tab}
          onChange={setChosen}
        />
      ) : null}

      {tab === 'managed' ? (
        <>
          {publisher ? (
            <View className='notices__actions'>
              <Button type='primary' size='small' icon={<Edit size={14} />} onClick={() => openPage(composePath())}>
                写通知
              </Button>
              <Button type='primary' fill='outline' size='small' onClick={() => openPage(drillRecordPath())}>
                记录演练
              </Button>
              <Button fill='outline' size='small' onClick={() => openPage(drillsPath())}>
                演练记录
              </Button>
            </View>
          ) : (
            <View className='notices__hint' onClick={() => openPage(drillsPath())}>
              <Text>点通知可查看本校人员的已读、确认和报名情况</Text>
              <Text className='notices__link'>本校演练记录 ›</Text>
            </View>
          )}
          <View className='notices__list'>{managedList()}</View>
        </>
      ) : (
        <View className='notices__list'>{inboxList()}</View>
      )}
    </PageShell>
  )
})

export default NoticesPage
