import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { MemberRow, School } from '@/types/api'
import { ROLE_LABELS } from '@/types/org'
import { managedSchoolsState } from '@/components/managed-schools'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, screenGate } from '@/components/page-state'
import { ReasonDialog } from '@/components/reason-dialog'
import { SchoolPicker } from '@/components/school-picker'
import { SegmentTabs } from '@/components/segment-tabs'
import { StatusTag } from '@/components/status-tag'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { MEMBER_TABS, membersStore, type MemberTab } from '@/stores/members-store'
import { toastError, toastSuccess } from '@/utils/feedback'
import { formatInstant } from '@/utils/format'
import { ROUTES } from '@/utils/routes'
import './index.scss'

type Pending = { kind: 'reject' | 'revoke'; row: MemberRow } | null

const EMPTY_TEXT: Record<MemberTab, { title: string; description: string }> = {
  pending: { title: '没有待审核的申请', description: '家长或老师用邀请码申请加入后，会出现在这里等你审核。' },
  approved: { title: '还没有已通过的成员', description: '审核通过的成员会显示在这里。' },
  other: { title: '没有未通过或已移出的成员', description: '被拒绝的申请和移出的成员会显示在这里，附带原因。' },
}

const MemberCard = observer(function MemberCard({ row, school, onReject, onRevoke }: { row: MemberRow; school: School; onReject: () => void; onRevoke: () => void }) {
  const root = useStores()
  const { me } = root
  const members = root.store(membersStore)
  const mayDecide = me.canGrantRole(row.role, school)
  const busy = members.busyId === row.membershipId

  const approve = async () => {
    try {
      await members.approve(row.membershipId)
      toastSuccess('已通过')
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <View className='member card'>
      <View className='member__head'>
        <View className='member__who'>
          <Text className='member__name'>{row.person.name}</Text>
          <Pill tone='primary'>{ROLE_LABELS[row.role]}</Pill>
        </View>
        <StatusTag status={row.status} />
      </View>
      <View className='member__facts'>
        <Text className='member__fact'>手机号：{row.person.phone ?? '未填写'}</Text>
        <Text className='member__fact'>邀请码：{row.inviteCode ?? '无（由管理员添加）'}</Text>
        <Text className='member__fact'>申请时间：{formatInstant(row.createdAt)}</Text>
        {row.decidedAt && row.status !== 'pending' ? <Text className='member__fact'>处理时间：{formatInstant(row.decidedAt)}</Text> : null}
        {row.reason ? <Text className='member__fact member__fact--reason'>原因：{row.reason}</Text> : null}
      </View>
      {row.status === 'pending' || row.status === 'approved' ? (
        mayDecide ? (
          <View className='member__actions'>
            {row.status === 'pending' ? (
              <>
                <Button size='small' fill='outline' type='danger' disabled={busy} onClick={onReject}>
                  拒绝
                </Button>
                <Button size='small' type='primary' loading={busy} onClick={approve}>
                  通过
                </Button>
              </>
            ) : (
              <Button size='small' fill='outline' type='danger' disabled={busy} onClick={onRevoke}>
                移出
              </Button>
            )}
          </View>
        ) : (
          <Text className='member__hint'>
            {ROLE_LABELS[row.role]}身份由责任民警或管理员{row.status === 'pending' ? '审核' : '管理'}
          </Text>
        )
      ) : null}
    </View>
  )
})

const MembersPage = observer(function MembersPage() {
  const root = useStores()
  const { me, schools, pending: waiting } = root
  const members = root.store(membersStore)
  const { ready } = useRequireLogin(ROUTES.members)
  const [pending, setPending] = useState<Pending>(null)

  // Opened again or back on top: a request that arrived meanwhile shows (the store keeps the last rows).
  useScreen({
    load: () => Promise.allSettled([schools.load(), waiting.loadMembers(), members.load()]),
    ready,
    refresh: () => Promise.allSettled([members.load(), waiting.loadMembers(), me.load()]),
  })

  const managed = me.managedSchools
  const school = managed.find((s) => s.id === members.schoolId) ?? null
  const pendingChecked = waiting.membersChecked
  useEffect(() => {
    // The first managed school with requests waiting (else the first), until the person picks another.
    if (!pendingChecked || !managed.length || managed.some((s) => s.id === members.schoolId)) return
    const first = managed.find((s) => waiting.membersAt(s.id) > 0)
    void members.selectSchool((first ?? managed[0]).id)
  }, [managed, members, waiting, pendingChecked])

  const gate = managedSchoolsState(ready, schools, managed.length, { title: '没有可管理的学校', description: '只有校长、责任民警和管理员可以审核成员。' })
  if (gate) return gate

  const confirmPending = async (reason: string) => {
    if (!pending) return
    try {
      if (pending.kind === 'reject') await members.reject(pending.row.membershipId, reason)
      else await members.revoke(pending.row.membershipId, reason)
      toastSuccess(pending.kind === 'reject' ? '已拒绝' : '已移出')
      setPending(null)
    } catch (e) {
      toastError(e)
      throw e
    }
  }

  const list = () => {
    const gated = screenGate(members, () => void members.load(), { empty: !members.visibleRows.length && <EmptyState {...EMPTY_TEXT[members.tab]} /> })
    if (gated) return gated
    return members.visibleRows.map((row) => (
      <MemberCard key={row.membershipId} row={row} school={school!} onReject={() => setPending({ kind: 'reject', row })} onRevoke={() => setPending({ kind: 'revoke', row })} />
    ))
  }

  return (
    <PageShell className='members'>
      <SchoolPicker schools={managed} value={members.schoolId} onChange={(id) => void members.selectSchool(id)} countOf={(id) => waiting.membersAt(id)} />
      <SegmentTabs tabs={MEMBER_TABS} value={members.tab} onChange={(tab) => void members.selectTab(tab)} />
      <View className='members__list'>{list()}</View>

      <ReasonDialog
        visible={pending !== null}
        title={pending?.kind === 'revoke' ? '移出成员' : '拒绝申请'}
        message={
          pending
            ? pending.kind === 'revoke'
              ? `移出后，${pending.row.person.name} 将不能再参加本校值守。对方会看到原因。`
              : `拒绝 ${pending.row.person.name} 的入校申请，对方会看到原因。`
            : undefined
        }
        placeholder={pending?.kind === 'revoke' ? '请填写移出原因（必填）' : '请填写拒绝原因（必填）'}
        confirmText={pending?.kind === 'revoke' ? '确认移出' : '确认拒绝'}
        onConfirm={confirmPending}
        onCancel={() => setPending(null)}
      />
    </PageShell>
  )
})

export default MembersPage
