// What the person looking may do with the report, and the dialog each action needs. Only the
// actions domain/hazards allows this person now are shown (HazardDetailStore.actions).
import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Dialog, Popup, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { deadlineFor } from '@/domain/hazards'
import { local, localToInstant } from '@/domain/time'
import { DEPARTMENTS, DEPARTMENT_LABELS, HAZARD_ACTION_LABELS, type Department, type HazardAction, type TransitionRequest } from '@/types/hazards'
import { Chips } from '@/components/chips'
import { HazardStatusTag } from '@/components/hazard-tags'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { PhotoPicker } from '@/components/photo-picker'
import { ReasonDialog } from '@/components/reason-dialog'
import { useStores } from '@/stores'
import { hazardDetailStore } from '@/stores/hazards/detail-store'
import { toast, toastError, toastSuccess } from '@/utils/feedback'
import { formatInstant } from '@/utils/format'
import { serverNow } from '@/services/server-clock'

type Open = HazardAction | 'confirm' | null

const PRIMARY: readonly HazardAction[] = ['accept', 'assign', 'resolve', 'close']
const DONE_TEXT: Record<HazardAction, string> = {
  accept: '已受理',
  reject: '已不予受理',
  duplicate: '已标记重复',
  assign: '已交办',
  resolve: '已提交整改',
  close: '已销号',
  reopen: '已重新打开',
}
const DEPARTMENT_OPTIONS = DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))

/** A Date whose fields (in the phone's zone) read as the instant's Asia/Shanghai time, for the picker. */
function pickerDate(instant: string): Date {
  const t = local(instant)
  return new Date(t.year(), t.month(), t.date(), t.hour(), t.minute())
}

const AssignPopup = observer(function AssignPopup({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const detail = useStores().store(hazardDetailStore)
  const hazard = detail.hazard!
  const [department, setDepartment] = useState<Department>('school')
  const [deadline, setDeadline] = useState(() => deadlineFor(hazard.severity, serverNow()))
  const [note, setNote] = useState('')
  const [picking, setPicking] = useState(false)

  const send = async () => {
    try {
      await detail.transition({ action: 'assign', department, deadline, note })
      toastSuccess(DONE_TEXT.assign)
      onClose()
    } catch (e) {
      toastError(e)
    }
  }

  const now = serverNow()
  return (
    <Popup visible={visible} position='bottom' round closeable title={hazard.status === 'assigned' ? '改派' : '交办'} onClose={onClose}>
      <View className='action-sheet' data-testid='assign-form'>
        <Text className='action-sheet__label'>交办部门</Text>
        <Chips options={DEPARTMENT_OPTIONS} value={department} onChange={setDepartment} testId='department-chips' />
        {department === 'school' ? <Text className='action-sheet__hint'>交办给{hazard.schoolName}的校长，由其整改并上传照片。</Text> : null}
        <Text className='action-sheet__label'>整改期限</Text>
        <View className='action-sheet__deadline' onClick={() => setPicking(true)}>
          <Text data-testid='assign-deadline'>{formatInstant(deadline)}</Text>
          <Text className='action-sheet__link'>修改</Text>
        </View>
        <Text className='action-sheet__hint'>按严重程度默认（紧急 24 小时、一般 3 天、轻微 7 天）。</Text>
        <Text className='action-sheet__label'>说明（选填）</Text>
        <TextArea fixed className='action-sheet__input' value={note} onChange={setNote} placeholder='如：请于放学前清理占道摊位' maxLength={200} rows={2} />
        <Button type='primary' block loading={detail.busy === 'assign'} onClick={() => void send()}>
          确认交办
        </Button>
      </View>
      <DatePicker
        visible={picking}
        type='datetime'
        title='整改期限'
        showChinese
        value={pickerDate(deadline)}
        startDate={now}
        endDate={new Date(now.getFullYear() + 1, now.getMonth(), now.getDate())}
        onClose={() => setPicking(false)}
        onConfirm={(_options, values) => {
          const [y, m, d, h, min] = values.map((v) => String(v).padStart(2, '0'))
          setDeadline(localToInstant(`${y}-${m}-${d}`, `${h}:${min}`))
        }}
      />
    </Popup>
  )
})

const ResolvePopup = observer(function ResolvePopup({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const detail = useStores().store(hazardDetailStore)
  const [note, setNote] = useState('')

  const send = async () => {
    if (!note.trim()) return toast('请填写整改情况')
    try {
      await detail.transition({ action: 'resolve', note })
      toastSuccess(DONE_TEXT.resolve)
      setNote('')
      onClose()
    } catch (e) {
      toastError(e, (e as Error).message)
    }
  }

  return (
    <Popup visible={visible} position='bottom' round closeable title='整改完成' onClose={onClose}>
      <View className='action-sheet' data-testid='resolve-form'>
        <Text className='action-sheet__label'>整改情况</Text>
        <TextArea fixed className='action-sheet__input' value={note} onChange={setNote} placeholder='做了什么整改（必填），民警核实后销号' maxLength={500} showCount rows={3} />
        <Text className='action-sheet__label'>整改照片</Text>
        <PhotoPicker uploads={detail.photos} />
        <Button type='primary' block loading={detail.busy === 'resolve'} onClick={() => void send()}>
          提交整改
        </Button>
      </View>
    </Popup>
  )
})

const DuplicatePopup = observer(function DuplicatePopup({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const detail = useStores().store(hazardDetailStore)
  const [chosen, setChosen] = useState<string | null>(null)

  const send = async () => {
    if (!chosen) return toast('请选择与之重复的隐患')
    try {
      await detail.transition({ action: 'duplicate', duplicateOf: chosen })
      toastSuccess(DONE_TEXT.duplicate)
      onClose()
    } catch (e) {
      toastError(e)
    }
  }

  const list = () => {
    if (detail.candidatesState === 'error') return <ErrorState message={detail.candidatesError} onRetry={() => void detail.loadCandidates()} />
    if (detail.candidatesState !== 'ready') return <LoadingState />
    if (!detail.candidates.length) return <EmptyState title='没有可选的隐患' description='同校没有其他未办结的隐患。' />
    return detail.candidates.map((h) => (
      <View key={h.id} className={`action-sheet__candidate ${chosen === h.id ? 'action-sheet__candidate--active' : ''}`} onClick={() => setChosen(h.id)}>
        <View className='action-sheet__candidate-head'>
          <Text className='action-sheet__candidate-title'>{h.category.name}</Text>
          <HazardStatusTag status={h.status} />
        </View>
        <Text className='action-sheet__candidate-text'>{h.description}</Text>
        <Text className='action-sheet__hint'>{formatInstant(h.createdAt)}</Text>
      </View>
    ))
  }

  return (
    <Popup visible={visible} position='bottom' round closeable title='标记为重复' onClose={onClose}>
      <View className='action-sheet' data-testid='duplicate-form'>
        <Text className='action-sheet__hint'>选择与本条重复的隐患，本条将办结为「重复上报」，上报人会收到通知。</Text>
        <View className='action-sheet__candidates'>{list()}</View>
        <Button type='primary' block disabled={!chosen} loading={detail.busy === 'duplicate'} onClick={() => void send()}>
          标记为重复
        </Button>
      </View>
    </Popup>
  )
})

const ConfirmPopup = observer(function ConfirmPopup({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const detail = useStores().store(hazardDetailStore)
  const send = async () => {
    try {
      await detail.confirm()
      toastSuccess('已记录')
      onClose()
    } catch (e) {
      toastError(e, (e as Error).message)
    }
  }
  return (
    <Popup visible={visible} position='bottom' round closeable title='我也遇到了' onClose={onClose}>
      <View className='action-sheet'>
        <Text className='action-sheet__hint'>告诉民警你也遇到了这个隐患，可以附一张现场照片。你的身份只有民警和管理员能看到。</Text>
        <PhotoPicker uploads={detail.photos} />
        <Button type='primary' block loading={detail.busy === 'confirm'} onClick={() => void send()}>
          我也遇到了
        </Button>
      </View>
    </Popup>
  )
})

export const HazardActions = observer(function HazardActions() {
  const detail = useStores().store(hazardDetailStore)
  const [open, setOpen] = useState<Open>(null)
  const actions = detail.actions
  if (!actions.length && !detail.canConfirm) return null

  const send = async (request: TransitionRequest) => {
    try {
      await detail.transition(request)
      toastSuccess(DONE_TEXT[request.action])
      setOpen(null)
    } catch (e) {
      toastError(e)
      throw e
    }
  }

  const start = (action: Open) => {
    if (action === 'duplicate') void detail.loadCandidates()
    if (action === 'resolve') detail.photos.restart(9)
    if (action === 'confirm') detail.photos.restart(1)
    setOpen(action)
  }

  return (
    <>
      <View className='section-title'>{actions.length ? '处置' : '参与'}</View>
      <View className='card detail__actions' data-testid='hazard-actions'>
        {actions.map((a) => (
          <Button
            key={a}
            className='detail__action'
            type={PRIMARY.includes(a) ? 'primary' : a === 'reject' ? 'danger' : 'default'}
            fill={PRIMARY.includes(a) ? 'solid' : 'outline'}
            loading={detail.busy === a}
            disabled={detail.busy !== null}
            onClick={() => start(a)}
          >
            {a === 'assign' && detail.hazard?.status === 'assigned' ? '改派' : HAZARD_ACTION_LABELS[a]}
          </Button>
        ))}
        {detail.canConfirm ? (
          <Button className='detail__action' type='primary' fill='outline' onClick={() => start('confirm')}>
            我也遇到了
          </Button>
        ) : null}
      </View>

      <Dialog
        visible={open === 'accept'}
        title='受理隐患'
        content='受理后由你跟进处置（交办、督办、销号），上报人会收到通知。'
        confirmText='受理'
        cancelText='取消'
        onConfirm={() => send({ action: 'accept' })}
        onCancel={() => setOpen(null)}
        onClose={() => setOpen(null)}
      />
      <Dialog
        visible={open === 'close'}
        title='销号'
        content='确认已到现场或通过照片核实整改到位？销号后该隐患办结，上报人会收到通知。'
        confirmText='确认销号'
        cancelText='取消'
        onConfirm={() => send({ action: 'close' })}
        onCancel={() => setOpen(null)}
        onClose={() => setOpen(null)}
      />
      <ReasonDialog
        visible={open === 'reject' || open === 'reopen'}
        title={open === 'reopen' ? '重新打开' : '不予受理'}
        message={open === 'reopen' ? '重新打开后回到「已受理」，需要再次交办。' : '上报人会看到原因。'}
        placeholder={open === 'reopen' ? '请填写重新打开的原因（必填）' : '请填写不予受理的原因（必填）'}
        confirmText={open === 'reopen' ? '重新打开' : '不予受理'}
        onConfirm={(note) => send({ action: open === 'reopen' ? 'reopen' : 'reject', note })}
        onCancel={() => setOpen(null)}
      />
      {open === 'assign' ? <AssignPopup visible onClose={() => setOpen(null)} /> : null}
      <ResolvePopup visible={open === 'resolve'} onClose={() => setOpen(null)} />
      <DuplicatePopup visible={open === 'duplicate'} onClose={() => setOpen(null)} />
      <ConfirmPopup visible={open === 'confirm'} onClose={() => setOpen(null)} />
    </>
  )
})
