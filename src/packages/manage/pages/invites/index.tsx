import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, InputNumber } from '@nutui/nutui-react-taro'
import { Copy } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { INVITE_LIMITS, inviteUnusableReason } from '@/domain/invite'
import type { Invite } from '@/types/api'
import { ROLE_LABELS, SCHOOL_ROLES } from '@/types/org'
import { managedSchoolsState } from '@/components/managed-schools'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, LoadingState, screenGate } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { invitesStore } from '@/stores/invites-store'
import { toast, toastError, toastSuccess } from '@/utils/feedback'
import { formatInstant } from '@/utils/format'
import { ROUTES, joinPath } from '@/utils/routes'
import { InviteQr } from './invite-qr'
import { InviteWxacode } from './invite-wxacode'
import { serverNow } from '@/services/server-clock'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

const InviteCard = observer(function InviteCard({ invite, onRevoke }: { invite: Invite; onRevoke: () => void }) {
  const invites = useStores().store(invitesStore)
  const [showQr, setShowQr] = useState(false)
  const fresh = invites.createdId === invite.id
  const reason = invite.usable ? null : (inviteUnusableReason(invite, serverNow()) ?? '邀请码不可用')

  const copy = () =>
    void Taro.setClipboardData({ data: invite.code }).then(
      () => toast('邀请码已复制'),
      () => toast('复制失败，请长按邀请码手动复制'),
    )

  return (
    <View className={`invite card ${fresh ? 'invite--fresh' : ''} ${invite.usable ? '' : 'invite--dead'}`}>
      <View className='invite__head'>
        <Pill tone='primary'>{ROLE_LABELS[invite.role]}</Pill>
        <Pill tone={invite.usable ? 'success' : 'neutral'}>{invite.usable ? '可使用' : reason!.replace(/^邀请码/, '')}</Pill>
      </View>
      <View className='invite__code-row'>
        <Text className='invite__code' userSelect selectable>
          {invite.code}
        </Text>
        <Button size='small' fill='none' icon={<Copy size={14} />} onClick={copy}>
          复制
        </Button>
      </View>
      <View className='invite__facts'>
        <Text className='invite__fact'>
          已用 {invite.usedCount}/{invite.maxUses}
        </Text>
        <Text className='invite__fact'>有效期至 {formatInstant(invite.expiresAt)}</Text>
      </View>
      {invite.usable ? (
        <View className='invite__actions'>
          <Button size='small' fill='outline' type='danger' loading={invites.busyId === invite.id} onClick={onRevoke}>
            作废
          </Button>
          <Button size='small' type='primary' fill='outline' onClick={() => setShowQr(!showQr)}>
            {`${showQr ? '收起' : ''}${isWeapp ? '小程序码' : '二维码'}`}
          </Button>
          {isWeapp ? (
            <Button size='small' type='primary' openType='share' data-code={invite.code}>
              分享给家长
            </Button>
          ) : null}
        </View>
      ) : null}
      {invite.usable && (showQr || fresh) ? isWeapp ? <InviteWxacode inviteId={invite.id} /> : <InviteQr code={invite.code} /> : null}
    </View>
  )
})

const InvitesPage = observer(function InvitesPage() {
  const root = useStores()
  const { me, schools } = root
  const invites = root.store(invitesStore)
  const { ready } = useRequireLogin(ROUTES.invites)
  const [revoking, setRevoking] = useState<Invite | null>(null)

  useScreen({ load: () => Promise.allSettled([schools.load(), invites.schoolId ? invites.load() : null]), ready, refresh: () => invites.load() })

  const managed = me.managedSchools.filter((s) => me.canManageInvites(s))
  const school = managed.find((s) => s.id === invites.schoolId) ?? null
  useEffect(() => {
    if (managed.length && !managed.some((s) => s.id === invites.schoolId)) void invites.selectSchool(managed[0].id)
  }, [managed, invites])

  useShareAppMessage((res) => {
    const code = (res.target as { dataset?: { code?: string } } | undefined)?.dataset?.code
    const schoolName = school?.name ?? '学校'
    return {
      title: `邀请你加入${schoolName}护学岗`,
      path: code ? joinPath(code) : ROUTES.home,
    }
  })

  const gate = managedSchoolsState(ready, schools, managed.length, { title: '没有可管理的学校', description: '只有校长、责任民警和管理员可以创建邀请码。' })
  if (gate) return gate
  if (!school)
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )

  const roles = SCHOOL_ROLES.filter((r) => me.canGrantRole(r, school))

  const create = async () => {
    try {
      await invites.create()
      toastSuccess('已创建')
    } catch (e) {
      toastError(e)
    }
  }

  const list = () => {
    const gated = screenGate(invites, () => void invites.load())
    if (gated) return gated
    if (!invites.items.length) {
      return <EmptyState title='还没有邀请码' description='创建一个邀请码发到家长群或班级群，家长用它申请加入学校，再由你审核。' />
    }
    return invites.items.map((i) => <InviteCard key={i.id} invite={i} onRevoke={() => setRevoking(i)} />)
  }

  return (
    <PageShell className='invites'>
      <SchoolPicker schools={managed} value={invites.schoolId} onChange={(id) => void invites.selectSchool(id)} />

      <View className='section-title'>新建邀请码</View>
      <View className='card invites__form'>
        <View className='invites__row invites__row--stacked'>
          <Text className='invites__label'>加入身份</Text>
          <View className='invites__roles'>
            {roles.map((r) => (
              <View key={r} className={`invites__role ${invites.role === r ? 'invites__role--active' : ''}`} onClick={() => invites.setRole(r)}>
                {ROLE_LABELS[r]}
              </View>
            ))}
          </View>
        </View>
        <View className='invites__row'>
          <Text className='invites__label'>有效天数</Text>
          <InputNumber value={invites.validDays} min={INVITE_LIMITS.minDays} max={INVITE_LIMITS.maxDays} onChange={(v) => invites.setValidDays(Number(v))} />
        </View>
        <View className='invites__row'>
          <Text className='invites__label'>可用次数</Text>
          <InputNumber value={invites.maxUses} min={INVITE_LIMITS.minUses} max={INVITE_LIMITS.maxUses} step={10} onChange={(v) => invites.setMaxUses(Number(v))} />
        </View>
        <Button type='primary' block loading={invites.creating} onClick={create} className='invites__create'>
          创建邀请码
        </Button>
      </View>

      <View className='section-title'>
        {school.name}的邀请码{invites.items.length ? `（可用 ${invites.usableCount} 个）` : ''}
      </View>
      {list()}

      <Dialog
        visible={revoking !== null}
        title='作废邀请码'
        content={revoking ? `作废后，还没用过 ${revoking.code} 的人将无法再用它加入学校；已经加入的成员不受影响。` : ''}
        confirmText='确认作废'
        cancelText='取消'
        onConfirm={async () => {
          if (!revoking) return
          try {
            await invites.revoke(revoking.id)
            toastSuccess('已作废')
            setRevoking(null)
          } catch (e) {
            toastError(e)
            throw e
          }
        }}
        onCancel={() => setRevoking(null)}
        onClose={() => setRevoking(null)}
      />
    </PageShell>
  )
})

export default InvitesPage
