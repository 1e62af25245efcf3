import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Dialog } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { DrillHistoryEntry } from '@/components/drill-entry'
import { DutyMeSection } from '@/components/duty-me-section'
import { MembershipList } from '@/components/membership-list'
import { PageShell } from '@/components/page-shell'
import { ErrorState, LoadingState } from '@/components/page-state'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useUnreadOnShow } from '@/hooks/use-unread-on-show'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { toastError } from '@/utils/feedback'
import { openPage } from '@/utils/navigation'
import { ROUTES } from '@/utils/routes'
import './index.scss'

const MePage = observer(function MePage() {
  const { auth, me, schools } = useStores()
  const { ready } = useRequireLogin()
  useUnreadOnShow()
  const [confirmingLogout, setConfirmingLogout] = useState(false)

  const refresh = () => Promise.allSettled([me.load(), schools.load()])

  useEffect(() => {
    if (ready) void schools.load()
  }, [ready, schools])
  useDidShow(() => {
    // Decisions are made elsewhere: every visit shows the current state of the applications.
    if (ready) void refresh()
  })
  useScreen({ refresh })

  if (!me.me) {
    return <PageShell>{me.state === 'error' ? <ErrorState message={me.error} onRetry={() => void me.load().catch(() => {})} /> : <LoadingState />}</PageShell>
  }

  const person = me.me.person
  const entries = [
    { title: '加入学校（邀请码）', url: ROUTES.join },
    ...(me.managesAnySchool
      ? [
          { title: '成员审核', url: ROUTES.members },
          { title: '邀请码管理', url: ROUTES.invites },
        ]
      : []),
  ]
  return (
    <PageShell className='me'>
      <View className='me__profile'>
        <View className='me__avatar'>{person.name.slice(0, 1)}</View>
        <View className='me__who'>
          <Text className='me__name'>{person.name}</Text>
          <Text className='me__phone'>{person.phone ?? '未填写手机号'}</Text>
        </View>
      </View>

      <DutyMeSection />

      <View className='section-title'>我的身份</View>
      {me.memberships.length ? (
        <View className='card me__memberships'>
          <MembershipList memberships={me.memberships} />
        </View>
      ) : (
        <View className='card me__none'>还没有加入任何学校。向学校要一个邀请码，申请加入后即可参加值守。</View>
      )}

      <CellGroup className='me__entries'>
        {entries.map((e) => (
          <Cell key={e.url} title={e.title} clickable onClick={() => openPage(e.url)} extra={<Text className='me__arrow'>›</Text>} />
        ))}
      </CellGroup>
      <DrillHistoryEntry />

      <View className='me__logout'>
        <Button block fill='outline' type='danger' loading={auth.loggingOut} onClick={() => setConfirmingLogout(true)}>
          退出登录
        </Button>
      </View>

      <Dialog
        visible={confirmingLogout}
        title='退出登录'
        content='退出后需要重新登录才能查看值守和通知。确定退出吗？'
        confirmText='退出'
        cancelText='取消'
        onConfirm={async () => {
          try {
            await auth.logout()
          } catch (e) {
            toastError(e)
          }
          setConfirmingLogout(false)
        }}
        onCancel={() => setConfirmingLogout(false)}
        onClose={() => setConfirmingLogout(false)}
      />
    </PageShell>
  )
})

export default MePage
