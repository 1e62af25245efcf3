// 异常审核 (police, principals): outside-fence, offline and missing check-out exceptions of a
// school; accept or reject each with a note the person reads.
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { formatDistance } from '@/domain/geo'
import type { DutyException } from '@/types/attendance'
import { EXCEPTION_LABELS, EXCEPTION_STATUS_LABELS } from '@/types/attendance'
import { managedSchoolsState } from '@/components/managed-schools'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, screenGate } from '@/components/page-state'
import { SchoolPicker } from '@/components/school-picker'
import { SegmentTabs } from '@/components/segment-tabs'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { EXCEPTION_TABS, boardStore } from '@/stores/duty/board-store'
import { toastError, toastSuccess } from '@/utils/feedback'
import { shiftWhen, timeOf } from '@/utils/duty-format'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { formatInstant } from '@/utils/format'
import './index.scss'

type Review = { exception: DutyException; decision: 'accept' | 'reject' } | null

const ExceptionsPage = observer(function ExceptionsPage() {
  const root = useStores()
  const { schools, duty, me, pending: waiting } = root
  const board = root.store(boardStore)
  const { ready } = useRequireLogin(DUTY_ROUTES.exceptions)
  const [review, setReview] = useState<Review>(null)
  const [note, setNote] = useState('')
  const managed = duty.managedSchools

  useEffect(() => {
    if (ready) void schools.load()
  }, [ready, schools])
  useEffect(() => {
    if (!managed.length) return
    if (!managed.some((s) => s.id === board.schoolId)) void board.selectSchool(managed[0].id).then(() => board.loadExceptions())
    else if (board.exceptionsState === 'idle') void board.loadExceptions()
  }, [managed, board])
  useDidShow(() => {
    if (ready && board.schoolId) void board.loadExceptions()
  })
  useScreen({ refresh: () => board.loadExceptions() })

  const gate = managedSchoolsState(ready, schools, managed.length, { title: '没有可审核的学校', description: '值守异常由学校校长和责任民警审核。' })
  if (gate) return gate

  const open = (exception: DutyException, decision: 'accept' | 'reject') => {
    setNote('')
    setReview({ exception, decision })
  }

  const send = async () => {
    if (!review) return
    try {
      await board.review(review.exception, review.decision, note)
      toastSuccess(review.decision === 'accept' ? '已认可' : '已标记为不认可')
      setReview(null)
    } catch (e) {
      toastError(e)
    }
  }

  const list = () => {
    const gated = screenGate({ state: board.exceptionsState, error: board.exceptionsError }, () => void board.loadExceptions())
    if (gated) return gated
    const items = board.visibleExceptions
    if (!items.length) {
      return (
        <EmptyState
          title={board.exceptionStatus === 'pending' ? '没有待审核的异常' : `没有${EXCEPTION_STATUS_LABELS[board.exceptionStatus]}的异常`}
          description='范围外签到、离线签到和未签退会出现在这里，由你判断是否认可。'
        />
      )
    }
    return items.map((e) => (
      <View key={e.id} className='exception card' data-testid='exception'>
        <View className='exception__head'>
          <View className='exception__who'>
            <Text className='exception__name'>{e.person.name}</Text>
            <Pill tone='warning'>{EXCEPTION_LABELS[e.kind]}</Pill>
          </View>
          <Pill tone={e.status === 'pending' ? 'warning' : e.status === 'accepted' ? 'success' : 'danger'}>{EXCEPTION_STATUS_LABELS[e.status]}</Pill>
        </View>
        <Text className='exception__fact'>
          {shiftWhen(e.shift)} · {e.shift.postName}
        </Text>
        {e.distanceM !== null ? <Text className='exception__fact'>签到时距岗点 {formatDistance(e.distanceM)}</Text> : null}
        {e.clientAt ? <Text className='exception__fact'>手机上签到时间 {timeOf(e.clientAt)}（网络恢复后上传）</Text> : null}
        {e.reason ? <Text className='exception__reason'>本人说明：{e.reason}</Text> : null}
        <Text className='exception__fact exception__fact--muted'>提交于 {formatInstant(e.createdAt)}</Text>
        {e.reviewNote ? <Text className='exception__fact'>审核备注：{e.reviewNote}</Text> : null}
        {e.status === 'pending' && e.person.id === me.person?.id ? (
          // one's own exception (an officer on peak duty) is for someone else to judge
          <Text className='exception__fact exception__fact--muted'>你本人的异常，由校长或同所民警审核</Text>
        ) : e.status === 'pending' ? (
          <View className='exception__actions'>
            <Button size='small' fill='outline' type='danger' disabled={board.busyId === e.id} onClick={() => open(e, 'reject')}>
              不认可
            </Button>
            <Button size='small' type='primary' loading={board.busyId === e.id} onClick={() => open(e, 'accept')}>
              认可
            </Button>
          </View>
        ) : null}
      </View>
    ))
  }

  const pending = board.schoolId ? waiting.exceptions[board.schoolId] : undefined
  return (
    <PageShell className='exceptions'>
      <SchoolPicker
        schools={managed}
        value={board.schoolId}
        onChange={(id) => void board.selectSchool(id).then(() => board.loadExceptions())}
        countOf={(id) => waiting.exceptionsAt(id)}
      />
      <SegmentTabs
        tabs={EXCEPTION_TABS.map((t) => ({ ...t, badge: t.key === 'pending' ? pending : null }))}
        value={board.exceptionStatus}
        onChange={(s) => void board.selectExceptionStatus(s)}
      />
      <View className='exceptions__list'>{list()}</View>

      <Dialog
        visible={review !== null}
        title={review?.decision === 'accept' ? '认可这条异常' : '不认可这条异常'}
        confirmText={review?.decision === 'accept' ? '认可' : '不认可'}
        cancelText='取消'
        disableConfirmButton={review?.decision === 'reject' && note.trim().length === 0}
        closeOnOverlayClick={false}
        onConfirm={send}
        onCancel={() => setReview(null)}
        onClose={() => setReview(null)}
      >
        <View className='exceptions__dialog'>
          <View className='exceptions__dialog-text'>
            {review
              ? review.decision === 'accept'
                ? `${review.exception.person.name}的${EXCEPTION_LABELS[review.exception.kind]}将被认可，时长照常计入。`
                : `${review.exception.person.name}的${EXCEPTION_LABELS[review.exception.kind]}将不被认可，这次值守不计时长。请写明原因。`
              : ''}
          </View>
          <TextArea
            fixed
            className='exceptions__note'
            value={note}
            onChange={setNote}
            placeholder={review?.decision === 'reject' ? '原因（必填，本人可见）' : '备注（选填，本人可见）'}
            maxLength={200}
            rows={3}
          />
        </View>
      </Dialog>
    </PageShell>
  )
})

export default ExceptionsPage
