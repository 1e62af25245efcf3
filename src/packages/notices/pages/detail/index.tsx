// One notice (notifications open this page with ?noticeId=): opening it marks it read; 确认收到;
// 报名参加 / 不参加 for trainings; 现场签到 at drills and trainings during their time; images and
// PDFs (查看: a new tab in the browser, downloadFile + openDocument on WeChat).
// Its publisher publishes, withdraws (撤回) and sees the receipts; principals see their school's.
import { roleHolds } from '@/domain/authorization'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { Location } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState, type ReactNode } from 'react'
import { formatDistance } from '@/domain/geo'
import type { Notice } from '@/types/notices'
import { NoticeStatusTag, NoticeTypeTag } from '@/components/notice-card'
import { PageShell } from '@/components/page-shell'
import { Pill } from '@/components/pill'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { useNow } from '@/hooks/use-now'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { ApiError } from '@/services/http'
import { LocationError, taroLocation } from '@/services/location'
import type { RsvpAnswer } from '@/services/notices'
import { useStores } from '@/stores'
import { noticeDetailStore } from '@/stores/notices/detail-store'
import { toast, toastSuccess } from '@/utils/feedback'
import { formatInstant } from '@/utils/format'
import { openPage } from '@/utils/navigation'
import { composePath, drillRecordPath, noticePath, statsPath } from '@/utils/notice-routes'
import { actionMessage, audienceText, dateTimeText, eventWhen } from '@/utils/notices'
import { ROUTES } from '@/utils/routes'
import { DrillAlarmBlock } from '../../components/drill-alarms'
import { NoticeAttachments, type NoticeAttachment } from '../../components/notice-attachments'
import { RsvpBlock } from '../../components/rsvp-block'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

type Confirm = 'withdraw' | 'publish' | 'cancelRsvp' | null

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='notice-detail__fact'>
      <Text className='notice-detail__fact-label'>{label}</Text>
      <View className='notice-detail__fact-value'>{children}</View>
    </View>
  )
}

async function tellLocationProblem(e: unknown): Promise<void> {
  if (isWeapp && e instanceof LocationError && e.code === 'denied') {
    const res = await Taro.showModal({ title: '需要使用你的位置', content: e.message, confirmText: '去设置', cancelText: '取消' })
    if (res.confirm) await taroLocation.openSettings()
    return
  }
  toast(actionMessage(e, '签到失败，请稍后重试'))
}

const AckBlock = observer(function AckBlock({ notice }: { notice: Notice }) {
  const detail = useStores().store(noticeDetailStore)
  const r = notice.receipt!
  if (!notice.ackRequired) return null
  const ack = async () => {
    try {
      await detail.acknowledge()
      toastSuccess('已确认收到')
    } catch (e) {
      toast(actionMessage(e))
    }
  }
  return (
    <View className='card notice-detail__block' data-testid='ack-block'>
      {r.ackedAt ? (
        <Text className='notice-detail__done'>✓ 已确认收到 · {formatInstant(r.ackedAt)}</Text>
      ) : notice.status === 'withdrawn' ? (
        <Text className='notice-detail__muted'>通知已撤回，无需确认</Text>
      ) : (
        <>
          <Text className='notice-detail__ask'>发布单位要求确认收到这条通知</Text>
          <Button type='primary' block loading={detail.acting === 'ack'} disabled={detail.acting !== null} onClick={ack}>
            确认收到
          </Button>
        </>
      )}
    </View>
  )
})

const AttendanceBlock = observer(function AttendanceBlock({ notice, now }: { notice: Notice; now: Date }) {
  const detail = useStores().store(noticeDetailStore)
  const state = detail.attendance(now)
  if (state.kind === 'none') return null
  const attend = async () => {
    try {
      await detail.attend(() => taroLocation.current())
      toastSuccess('签到成功')
    } catch (e) {
      await tellLocationProblem(e)
    }
  }
  return (
    <View className='card notice-detail__block' data-testid='attendance-block'>
      <View className='notice-detail__block-head'>
        <Text className='notice-detail__block-title'>现场签到</Text>
        {notice.location ? <Text className='notice-detail__muted'>活动地点 {notice.location.radiusM} 米内</Text> : null}
      </View>
      {state.kind === 'done' ? (
        <Text className='notice-detail__done' data-testid='attended'>
          ✓ 已签到 · {formatInstant(state.at)}
        </Text>
      ) : (
        <>
          <Button
            type='primary'
            block
            icon={<Location size={16} />}
            disabled={state.kind !== 'open' || detail.acting !== null}
            loading={detail.acting === 'attend'}
            onClick={attend}
          >
            {detail.acting === 'attend' ? '正在定位…' : '现场签到'}
          </Button>
          {state.kind === 'blocked' ? <Text className='notice-detail__reason'>{state.reason}</Text> : null}
          {state.kind === 'open' && detail.lastDistanceM !== null ? (
            <Text className='notice-detail__muted notice-detail__center'>刚才的位置距活动地点约 {formatDistance(detail.lastDistanceM)}</Text>
          ) : null}
        </>
      )}
    </View>
  )
})

const ManagerActions = observer(function ManagerActions({ notice, onConfirm }: { notice: Notice; onConfirm: (c: Confirm) => void }) {
  const detail = useStores().store(noticeDetailStore)
  const unsent = notice.status === 'draft' || notice.status === 'scheduled'
  return (
    <View className='notice-detail__manage'>
      {notice.status !== 'draft' && notice.status !== 'scheduled' ? (
        <Button type='primary' block onClick={() => openPage(statsPath(notice.id))}>
          回执统计
        </Button>
      ) : null}
      {unsent ? (
        <View className='notice-detail__row'>
          <Button fill='outline' type='primary' onClick={() => openPage(composePath(notice.id))}>
            编辑
          </Button>
          <Button type='primary' loading={detail.acting === 'publish'} onClick={() => onConfirm('publish')}>
            立即发布
          </Button>
        </View>
      ) : null}
      {notice.type === 'drill' && notice.status === 'published' ? (
        <Button fill='outline' type='primary' block onClick={() => openPage(drillRecordPath(notice.id))}>
          记录这次演练
        </Button>
      ) : null}
      {notice.status === 'published' || notice.status === 'scheduled' ? (
        <Button fill='outline' type='danger' block loading={detail.acting === 'withdraw'} onClick={() => onConfirm('withdraw')}>
          撤回通知
        </Button>
      ) : null}
    </View>
  )
})

const NoticeDetailPage = observer(function NoticeDetailPage() {
  const { params } = useRouter()
  const noticeId = params.noticeId ? decodeURIComponent(params.noticeId) : null
  const { ready } = useRequireLogin(noticeId ? noticePath(noticeId) : ROUTES.notices)
  const root = useStores()
  const { me, schools } = root
  const detail = root.store(noticeDetailStore)
  const now = useNow()
  const [confirm, setConfirm] = useState<Confirm>(null)

  useEffect(() => {
    if (!ready || !noticeId) return
    void detail.load(noticeId)
    void schools.load()
  }, [ready, noticeId, detail, schools])
  useDidShow(() => {
    // back from the stats or compose page: the notice as it is now
    if (ready && noticeId && detail.state !== 'loading') void detail.load(noticeId)
  })
  useScreen({ refresh: () => (noticeId ? detail.load(noticeId) : undefined) })

  if (!noticeId)
    return (
      <PageShell>
        <EmptyState title='没有指定通知' description='请从通知列表中打开。' />
      </PageShell>
    )
  const notice = detail.noticeId === noticeId ? detail.notice : null
  if (!ready || !notice) {
    return <PageShell>{detail.state === 'error' ? <ErrorState message={detail.error} onRetry={() => void detail.load(noticeId)} /> : <LoadingState />}</PageShell>
  }

  const principalHere = me.grants.some((g) => !!g.schoolId && roleHolds(g.role, 'notice.track') && notice.audience.schoolIds.includes(g.schoolId))
  const when = eventWhen(notice)

  const openPdf = async (a: NoticeAttachment) => {
    if (process.env.TARO_ENV === 'h5') {
      // the signed link, absolute, in a new tab: the browser shows the PDF itself
      const tab = window.open(new URL(a.url, window.location.href).href, '_blank')
      if (tab) tab.opener = null
      else toast('浏览器拦截了新窗口，请允许弹出窗口后重试')
      return
    }
    if (detail.openingFileId) return
    void Taro.showLoading({ title: '正在打开附件', mask: true })
    let filePath: string
    try {
      filePath = await detail.downloadAttachment(a.fileId)
    } catch (e) {
      Taro.hideLoading()
      if (e instanceof ApiError && e.status === 403) {
        // signed links last an hour: fresh ones with the notice
        toast('附件链接已过期，已刷新，请再点一次查看')
        void detail.load(noticeId)
      } else {
        toast(actionMessage(e, '附件下载失败，请稍后重试'))
      }
      return
    }
    Taro.hideLoading()
    try {
      await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true })
    } catch {
      toast('无法打开这个 PDF，请稍后重试')
    }
  }

  const answer = async (a: RsvpAnswer) => {
    if (a === 'declined' && notice.receipt?.rsvp === 'joined') return setConfirm('cancelRsvp')
    try {
      await detail.rsvp(a)
      toastSuccess(a === 'joined' ? '报名成功' : '已选择不参加')
    } catch (e) {
      toast(actionMessage(e))
    }
  }

  const confirmed = async () => {
    const action = confirm
    try {
      if (action === 'withdraw') {
        await detail.withdraw()
        toastSuccess('已撤回')
      } else if (action === 'publish') {
        await detail.publish()
        toastSuccess('已发布')
      } else if (action === 'cancelRsvp') {
        await detail.rsvp('declined')
        toastSuccess('已取消报名')
      }
      setConfirm(null)
    } catch (e) {
      toast(actionMessage(e))
      setConfirm(null)
    }
  }

  const dialogs: Record<Exclude<Confirm, null>, { title: string; content: string; confirmText: string }> = {
    withdraw: {
      title: '撤回通知',
      content: '撤回后，收到的人会看到“已撤回”，不能再确认或报名。撤回不能恢复，确定撤回吗？',
      confirmText: '确认撤回',
    },
    publish: {
      title: '发布通知',
      content: `发布后，${audienceText(notice, (id) => schools.byId(id)?.name)} 会马上收到通知。`,
      confirmText: '发布',
    },
    cancelRsvp: { title: '取消报名', content: '取消后名额会让给其他人，名额满了就不能再报名。确定取消吗？', confirmText: '取消报名' },
  }

  return (
    <PageShell className='notice-detail'>
      {notice.status === 'withdrawn' ? (
        <View className='notice-detail__withdrawn' data-testid='withdrawn-banner'>
          这条通知已于 {notice.withdrawnAt ? formatInstant(notice.withdrawnAt) : ''} 撤回
        </View>
      ) : null}

      <View className='card notice-detail__head'>
        <View className='notice-detail__tags'>
          <NoticeTypeTag type={notice.type} />
          {notice.status !== 'published' ? <NoticeStatusTag notice={notice} /> : null}
          {notice.ackRequired && notice.status !== 'withdrawn' ? <Pill tone='warning'>需确认</Pill> : null}
        </View>
        <Text className='notice-detail__title'>{notice.title}</Text>
        <Text className='notice-detail__meta'>
          {notice.stationName} · {notice.author}
          {notice.publishedAt ? ` · ${formatInstant(notice.publishedAt)} 发布` : ''}
        </Text>
        {when || notice.place ? (
          <View className='notice-detail__facts'>
            {when ? <Fact label='时间'>{when}</Fact> : null}
            {notice.place || notice.location ? (
              <Fact label='地点'>
                <Text>{notice.place ?? '现场（见签到位置）'}</Text>
                {notice.location && isWeapp ? (
                  <Text
                    className='notice-detail__link'
                    onClick={() => void Taro.openLocation({ latitude: notice.location!.lat, longitude: notice.location!.lng, name: notice.place ?? notice.title, scale: 17 })}
                  >
                    查看位置
                  </Text>
                ) : null}
              </Fact>
            ) : null}
          </View>
        ) : null}
        <Text className='notice-detail__body' userSelect>
          {notice.body}
        </Text>
        <NoticeAttachments attachments={notice.attachments} openingFileId={detail.openingFileId} onOpenPdf={(a) => void openPdf(a)} />
      </View>

      {notice.type === 'drill' && notice.status !== 'draft' ? <DrillAlarmBlock notice={notice} now={now} /> : null}

      {notice.receipt ? (
        <>
          <AckBlock notice={notice} />
          {detail.takesRsvp ? (
            <RsvpBlock notice={notice} now={now} busy={detail.acting === 'joined' || detail.acting === 'declined' ? detail.acting : null} onAnswer={answer} />
          ) : null}
          <AttendanceBlock notice={notice} now={now} />
        </>
      ) : null}

      {notice.canManage ? (
        <>
          <View className='card notice-detail__facts'>
            <Fact label='对象'>{audienceText(notice, (id) => schools.byId(id)?.name)}</Fact>
            {notice.type === 'training' && notice.rsvpCapacity !== null ? (
              <Fact label='报名'>
                已报名 {notice.rsvpJoined}/{notice.rsvpCapacity}
                {notice.rsvpDeadline ? `，${dateTimeText(notice.rsvpDeadline)} 截止` : ''}
              </Fact>
            ) : null}
          </View>
          <ManagerActions notice={notice} onConfirm={setConfirm} />
        </>
      ) : principalHere && notice.status !== 'draft' ? (
        <View className='notice-detail__manage'>
          <Button type='primary' fill='outline' block onClick={() => openPage(statsPath(notice.id))}>
            查看本校回执
          </Button>
        </View>
      ) : null}

      <Dialog
        visible={confirm !== null}
        title={confirm ? dialogs[confirm].title : ''}
        content={confirm ? dialogs[confirm].content : ''}
        confirmText={confirm ? dialogs[confirm].confirmText : '确定'}
        cancelText='再想想'
        onConfirm={confirmed}
        onCancel={() => setConfirm(null)}
        onClose={() => setConfirm(null)}
      />
    </PageShell>
  )
})

export default NoticeDetailPage
