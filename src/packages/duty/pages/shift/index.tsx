// 班次详情: the shift, places per role with 报名 / 候补 (or why not), the person's own place
// (释放 with a confirmation, 换班 to a named colleague or to everyone), the list of people, and
// for police and principals 指派 and 移出 (with a reason the person reads).
import { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, Popup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { isLiveSignup } from '@/domain/signups'
import type { MemberRow } from '@/types/api'
import type { ShiftRole, ShiftSignup } from '@/types/shifts'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { ReasonDialog } from '@/components/reason-dialog'
import { RoleFill } from '@/components/role-fill'
import { ShiftCard } from '@/components/shift-card'
import { signUpWithToast } from '@/components/shift-item'
import { shiftStateOf } from '@/components/shift-card/state'
import { onDutyShift, useDutyScreen } from '@/hooks/use-duty-screen'
import { useNow } from '@/hooks/use-now'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { isLive } from '@/stores/duty/duty-store'
import { schoolRef } from '@/stores/me-store'
import { can, STAFFED_THROUGH } from '@/domain/authorization'
import { toastError, toastSuccess } from '@/utils/feedback'
import { SHIFT_ROLE_SHORT, shiftShareTitle, shiftWhen } from '@/utils/duty-format'
import { DUTY_ROUTES, shiftPath } from '@/utils/duty-routes'
import { ROLE_LABELS } from '@/types/org'
import { SIGNUP_STATUS_LABELS } from '@/types/shifts'
import './index.scss'

const SOURCE_LABELS: Record<ShiftSignup['source'], string> = { self: '', assigned: '指派', promoted: '候补递补', swap: '换班接替' }

const ShiftPage = observer(function ShiftPage() {
  const router = useRouter()
  const shiftId = router.params.id ?? ''
  const { duty, swaps, schools, me } = useStores()
  const { ready } = useRequireLogin(`${DUTY_ROUTES.shift}?id=${shiftId}`)
  const now = useNow(15_000)
  const [confirmRelease, setConfirmRelease] = useState(false)
  const [swapOpen, setSwapOpen] = useState(false)
  const [swapTo, setSwapTo] = useState<string | null>(null)
  const [removing, setRemoving] = useState<ShiftSignup | null>(null)
  const [assignRole, setAssignRole] = useState<ShiftRole | null>(null)

  const detail = duty.detail?.id === shiftId ? duty.detail : null
  useDutyScreen('shift-detail', onDutyShift([detail], now))

  const load = () => Promise.allSettled([schools.load().then(() => swaps.load()), duty.loadDetail(shiftId), duty.loadUpcoming()])
  useEffect(() => {
    if (ready && shiftId) void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the login is known or another shift is opened; `load` is a new function each render, and coming back reloads through useDidShow
  }, [ready, shiftId])
  useDidShow(() => {
    if (ready && detail) void duty.loadDetail(shiftId)
  })
  // WeChat's 转发: a card into the parents' group that opens this shift (replacing the 接龙 list)
  useShareAppMessage(() => ({ title: detail ? shiftShareTitle(detail) : '护学岗班次', path: shiftPath(shiftId) }))
  useScreen({ refresh: load })

  if (!ready || (!detail && duty.detailState !== 'error'))
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  if (!detail)
    return (
      <PageShell>
        <ErrorState message={duty.detailError} onRetry={() => void duty.loadDetail(shiftId)} />
      </PageShell>
    )

  const manager = duty.managesSchool(detail.schoolId)
  // police places are the station's roster: a principal manages the shift, not who stands there for the police
  const school = schools.byId(detail.schoolId)
  const staffs = (role: ShiftRole) => manager && !!school && can(me.grants, STAFFED_THROUGH[role], schoolRef(school))
  const live = isLive(detail)
  const mine = detail.mine
  const options = live ? [] : duty.signupOptions(detail, now)
  const releaseBlock = live ? duty.releaseBlock(detail, now) : null
  const swapBlock = live ? duty.swapBlock(detail, now) : null
  const busy = duty.busyId === detail.id
  const people = detail.signups.filter((s) => isLiveSignup(s.status))
  const others = detail.signups.filter((s) => !isLiveSignup(s.status))
  const colleagues = duty.colleaguesAt(detail.schoolId)
  const openSwap = swaps.mine.find((w) => w.status === 'open' && w.shift.id === detail.id) ?? null
  const assignable: MemberRow[] = assignRole
    ? (duty.assignable[detail.schoolId] ?? []).filter((m) => m.role === assignRole && !people.some((p) => p.person.id === m.person.id))
    : []

  const release = async () => {
    try {
      await duty.release(detail)
      toastSuccess(mine?.status === 'waitlisted' ? '已退出候补' : '已释放')
      setConfirmRelease(false)
    } catch (e) {
      toastError(e)
      throw e
    }
  }

  const offerSwap = async () => {
    try {
      const swap = await duty.offerSwap(detail, swapTo)
      swaps.add(swap)
      toastSuccess('已发起换班')
      setSwapOpen(false)
    } catch (e) {
      toastError(e)
    }
  }

  const openAssign = async (role: ShiftRole) => {
    setAssignRole(role)
    try {
      await duty.loadAssignable(detail.schoolId)
    } catch (e) {
      toastError(e)
    }
  }

  const state = shiftStateOf(detail, { in: false, out: false }, now)
  return (
    <PageShell className='shift'>
      {live && mine?.status === 'active' ? (
        <ShiftCard shift={detail} linked={false} />
      ) : (
        <View className='card shift__summary'>
          <View className='shift__summary-head'>
            <Text className='shift__post'>{detail.postName}</Text>
            {mine ? <Pill tone={state.tone}>{state.label}</Pill> : null}
          </View>
          <Text className='shift__line'>
            {detail.schoolName} · {detail.templateName}
          </Text>
          <Text className='shift__line shift__line--strong'>{shiftWhen(detail, now)}</Text>
          {detail.status === 'cancelled' ? <Text className='shift__warn'>该班次已取消，无需到岗</Text> : null}
          {mine?.status === 'removed' && mine.reason ? <Text className='shift__warn'>你已被移出：{mine.reason}</Text> : null}
        </View>
      )}

      <View className='section-title'>岗位与名额</View>
      <View className='card'>
        <RoleFill roles={detail.roles} />
        {options.map((o, i) =>
          o.kind === 'blocked' ? (
            <Text key={`b${i}`} className='shift__reason' data-testid='signup-blocked'>
              {o.role ? `${ROLE_LABELS[o.role]}：` : ''}
              {o.reason}
            </Text>
          ) : (
            <View key={o.role} className='shift__option'>
              <Text className='shift__option-text'>
                {ROLE_LABELS[o.role]}
                {o.kind === 'waitlist' ? ' · 名额已满，可以候补，有人释放时按顺序递补' : ' · 还有名额'}
              </Text>
              <Button
                size='small'
                type='primary'
                fill={o.kind === 'waitlist' ? 'outline' : 'solid'}
                loading={busy}
                disabled={busy}
                onClick={() => void signUpWithToast(duty, detail, o.role, o.kind === 'waitlist')}
              >
                {o.kind === 'waitlist' ? '加入候补' : '报名'}
              </Button>
            </View>
          ),
        )}
        {live ? (
          <View className='shift__mine'>
            <Text className='shift__option-text'>
              你已{mine?.status === 'waitlisted' ? `候补（第 ${mine.waitlistPosition ?? 1} 位）` : '报名'}：{mine ? ROLE_LABELS[mine.role] : ''}
            </Text>
            <View className='shift__mine-actions'>
              <Button size='small' fill='outline' type='danger' disabled={!!releaseBlock || busy} onClick={() => setConfirmRelease(true)}>
                {mine?.status === 'waitlisted' ? '退出候补' : '释放'}
              </Button>
              {mine?.status === 'active' && !openSwap ? (
                <Button size='small' type='primary' fill='outline' disabled={!!swapBlock || busy} onClick={() => setSwapOpen(true)}>
                  找人换班
                </Button>
              ) : null}
              {openSwap ? (
                <Button
                  size='small'
                  type='primary'
                  fill='outline'
                  loading={swaps.busyId === openSwap.id}
                  onClick={async () => {
                    try {
                      await swaps.cancel(openSwap)
                      toastSuccess('已取消换班')
                    } catch (e) {
                      toastError(e)
                    }
                  }}
                >
                  取消换班
                </Button>
              ) : null}
            </View>
            {openSwap ? <Text className='shift__hint'>已发起换班（{openSwap.to ? `指定 ${openSwap.to.name}` : '发给全校'}），对方接下前仍由你值守。</Text> : null}
            {releaseBlock ? <Text className='shift__reason'>{releaseBlock}</Text> : null}
            {!releaseBlock && mine?.status === 'active' ? (
              <Text className='shift__hint'>开始前 {duty.settingsOf(detail.schoolId).releaseCutoffHours} 小时以前可以直接释放；之后只能换班。</Text>
            ) : null}
          </View>
        ) : null}
      </View>

      <View className='section-title'>值守名单</View>
      <View className='card shift__people'>
        {people.length === 0 ? <Text className='muted'>还没有人报名</Text> : null}
        {people.map((s) => (
          <View key={s.signupId} className='shift__person' data-testid='signup-row'>
            <View className='shift__person-main'>
              <Text className='shift__person-name'>{s.person.name}</Text>
              <Text className='shift__person-meta'>
                {SHIFT_ROLE_SHORT[s.role]}
                {SOURCE_LABELS[s.source] ? ` · ${SOURCE_LABELS[s.source]}` : ''}
                {manager && s.person.phone ? ` · ${s.person.phone}` : ''}
              </Text>
            </View>
            <Pill tone={s.status === 'active' ? 'success' : 'warning'}>{SIGNUP_STATUS_LABELS[s.status]}</Pill>
            {staffs(s.role) ? (
              <Text className='shift__remove' onClick={() => setRemoving(s)}>
                移出
              </Text>
            ) : null}
          </View>
        ))}
        {manager && others.length ? (
          <View className='shift__others'>
            {others.map((s) => (
              <Text key={s.signupId} className='shift__other'>
                {s.person.name} · {SIGNUP_STATUS_LABELS[s.status]}
                {s.reason ? `（${s.reason}）` : ''}
              </Text>
            ))}
          </View>
        ) : null}
        {manager && detail.status === 'scheduled' ? (
          <View className='shift__assign'>
            {detail.roles
              .filter((r) => r.required > 0 && staffs(r.role))
              .map((r) => (
                <Button key={r.role} size='small' fill='outline' type='primary' onClick={() => void openAssign(r.role)}>
                  指派{SHIFT_ROLE_SHORT[r.role]}
                </Button>
              ))}
          </View>
        ) : null}
      </View>

      <Dialog
        visible={confirmRelease}
        title={mine?.status === 'waitlisted' ? '退出候补' : '释放班次'}
        content={
          mine?.status === 'waitlisted'
            ? '退出后不再排队递补这个班次。确定退出吗？'
            : `释放后，你的名额会让给候补的人（如有），并通知对方。${shiftWhen(detail, now)} 不用到岗了。确定释放吗？`
        }
        confirmText={mine?.status === 'waitlisted' ? '退出候补' : '确认释放'}
        cancelText='取消'
        onConfirm={release}
        onCancel={() => setConfirmRelease(false)}
        onClose={() => setConfirmRelease(false)}
      />

      <Popup visible={swapOpen} position='bottom' round onClose={() => setSwapOpen(false)}>
        <View className='shift__sheet'>
          <Text className='shift__sheet-title'>找人换班</Text>
          <Text className='shift__sheet-text'>对方接下后，这个班次就由对方值守，你的报名随之取消。</Text>
          <View className={`shift__choice ${swapTo === null ? 'shift__choice--on' : ''}`} onClick={() => setSwapTo(null)}>
            <Text className='shift__choice-title'>发给全校</Text>
            <Text className='shift__choice-text'>本校所有{mine ? ROLE_LABELS[mine.role] : ''}都能看到并接班</Text>
          </View>
          {colleagues.map((p) => (
            <View key={p.id} className={`shift__choice ${swapTo === p.id ? 'shift__choice--on' : ''}`} onClick={() => setSwapTo(p.id)}>
              <Text className='shift__choice-title'>{p.name}</Text>
              <Text className='shift__choice-text'>只发给 TA</Text>
            </View>
          ))}
          {colleagues.length === 0 ? <Text className='shift__sheet-text'>想指定某个人？你在班次名单里见过的同校成员会列在这里。</Text> : null}
          <Button type='primary' block loading={busy} onClick={offerSwap}>
            发起换班
          </Button>
        </View>
      </Popup>

      <Popup visible={assignRole !== null} position='bottom' round onClose={() => setAssignRole(null)}>
        <View className='shift__sheet'>
          <Text className='shift__sheet-title'>指派{assignRole ? SHIFT_ROLE_SHORT[assignRole] : ''}</Text>
          {assignRole && !duty.assignable[detail.schoolId] ? <LoadingState /> : null}
          {assignRole && duty.assignable[detail.schoolId] && assignable.length === 0 ? (
            <EmptyState title='没有可指派的成员' description='该校这个身份的成员都已在班次上，或还没有通过审核的成员。民警岗位请在「补位」中从本所民警里安排。' />
          ) : null}
          {assignable.map((m) => (
            <View key={m.membershipId} className='shift__choice'>
              <View className='shift__choice-main'>
                <Text className='shift__choice-title'>{m.person.name}</Text>
                <Text className='shift__choice-text'>{m.person.phone ?? ''}</Text>
              </View>
              <Button
                size='small'
                type='primary'
                loading={duty.busyId === m.person.id}
                onClick={async () => {
                  try {
                    await duty.assign(detail.id, m.person.id, assignRole!)
                    toastSuccess(`已指派 ${m.person.name}`)
                    setAssignRole(null)
                  } catch (e) {
                    toastError(e)
                  }
                }}
              >
                指派
              </Button>
            </View>
          ))}
        </View>
      </Popup>

      <ReasonDialog
        visible={removing !== null}
        title='移出班次'
        message={removing ? `把 ${removing.person.name} 移出这个班次，对方会看到原因；有候补的人会自动递补。` : undefined}
        placeholder='请填写原因（必填），如：当天另有安排'
        confirmText='确认移出'
        onConfirm={async (reason) => {
          if (!removing) return
          try {
            await duty.remove(removing.signupId, reason)
            toastSuccess('已移出')
            setRemoving(null)
          } catch (e) {
            toastError(e)
            throw e
          }
        }}
        onCancel={() => setRemoving(null)}
      />
    </PageShell>
  )
})

export default ShiftPage
