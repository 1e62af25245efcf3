// Receipts of one notice: read / acknowledged / RSVP / attended per school and role, who has not
// acknowledged, and 再次提醒 for the publisher (disabled with the reason and the next time, from
// domain/notices). Principals see their own school's people.
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { MAX_REMINDERS } from '@/domain/notices'
import { formatLocal } from '@/domain/time'
import type { Notice } from '@/types/notices'
import { ROLE_LABELS } from '@/types/org'
import { NoticeStatusTag, NoticeTypeTag } from '@/components/notice-card'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, LoadingState } from '@/components/page-state'
import { useNow } from '@/hooks/use-now'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { noticeStatsStore } from '@/stores/notices/stats-store'
import type { ReceiptTotals } from '@/stores/notices/stats-store'
import { toast, toastSuccess } from '@/utils/feedback'
import { formatInstant } from '@/utils/format'
import { ROUTES } from '@/utils/routes'
import { statsPath } from '@/utils/notice-routes'
import { actionMessage } from '@/utils/notices'
import './index.scss'

interface Column {
  key: keyof ReceiptTotals
  title: string
}

function columnsOf(notice: Notice): Column[] {
  const cols: Column[] = [
    { key: 'recipients', title: '人数' },
    { key: 'read', title: '已读' },
  ]
  if (notice.ackRequired) cols.push({ key: 'acked', title: '已确认' })
  if (notice.type === 'training' && notice.rsvpCapacity !== null) cols.push({ key: 'joined', title: '报名' })
  if (notice.type !== 'general' && notice.location) cols.push({ key: 'attended', title: '签到' })
  return cols
}

function Totals({ notice, totals }: { notice: Notice; totals: ReceiptTotals }) {
  const n = totals.recipients
  const items = [{ label: '已读', value: `${totals.read}/${n}`, testId: 'total-read' }]
  if (notice.ackRequired) items.push({ label: '已确认', value: `${totals.acked}/${n}`, testId: 'total-acked' })
  if (notice.type === 'training' && notice.rsvpCapacity !== null) items.push({ label: '已报名', value: `${totals.joined}/${notice.rsvpCapacity}`, testId: 'total-joined' })
  if (notice.type !== 'general' && notice.location) items.push({ label: '已签到', value: String(totals.attended), testId: 'total-attended' })
  return (
    <View className='card notice-stats__totals'>
      {items.map((i) => (
        <View key={i.label} className='notice-stats__total' data-testid={i.testId}>
          <Text className='notice-stats__total-value'>{i.value}</Text>
          <Text className='notice-stats__total-label'>{i.label}</Text>
        </View>
      ))}
    </View>
  )
}

const RemindBlock = observer(function RemindBlock({ now, onAsk }: { now: Date; onAsk: () => void }) {
  const stats = useStores().store(noticeStatsStore)
  const blocked = stats.remindBlock(now)
  const count = stats.stats?.remindCount ?? 0
  const next = stats.nextRemindAt
  return (
    <View className='card notice-stats__remind' data-testid='remind-block'>
      <View className='notice-stats__remind-head'>
        <Text className='notice-stats__remind-title'>再次提醒未确认的人</Text>
        <Text className='notice-stats__muted'>
          已提醒 {count}/{MAX_REMINDERS} 次
        </Text>
      </View>
      <Text className='notice-stats__muted'>通过微信订阅消息提醒；每 5 分钟最多一次，最多 {MAX_REMINDERS} 次。</Text>
      <Button type='primary' block disabled={!!blocked || stats.reminding} loading={stats.reminding} onClick={onAsk}>
        再次提醒
      </Button>
      {blocked ? (
        <Text className='notice-stats__reason' data-testid='remind-reason'>
          {blocked}
          {next && new Date(next) > now && count < MAX_REMINDERS ? `，${formatLocal(next, 'HH:mm')} 后可再次提醒` : ''}
        </Text>
      ) : null}
    </View>
  )
})

const NoticeStatsPage = observer(function NoticeStatsPage() {
  const { params } = useRouter()
  const noticeId = params.noticeId ? decodeURIComponent(params.noticeId) : null
  const { ready } = useRequireLogin(noticeId ? statsPath(noticeId) : ROUTES.notices)
  const stats = useStores().store(noticeStatsStore)
  const now = useNow(10_000)
  const [asking, setAsking] = useState(false)

  useEffect(() => {
    if (ready && noticeId) void stats.load(noticeId)
  }, [ready, noticeId, stats])
  useDidShow(() => {
    if (ready && noticeId && stats.state === 'ready') void stats.load(noticeId)
  })
  useScreen({ refresh: () => (noticeId ? stats.load(noticeId) : undefined) })

  if (!noticeId)
    return (
      <PageShell>
        <EmptyState title='没有指定通知' description='请从通知中打开回执统计。' />
      </PageShell>
    )
  const notice = stats.noticeId === noticeId ? stats.notice : null
  const data = stats.noticeId === noticeId ? stats.stats : null
  if (!ready || !notice || !data) {
    return <PageShell>{stats.state === 'error' ? <ErrorState message={stats.error} onRetry={() => void stats.load(noticeId)} /> : <LoadingState />}</PageShell>
  }

  const columns = columnsOf(notice)
  const remind = async () => {
    try {
      const after = await stats.remind()
      setAsking(false)
      toastSuccess(`已提醒（第 ${after.remindCount} 次）`)
    } catch (e) {
      setAsking(false)
      toast(actionMessage(e, '提醒失败，请稍后重试'))
    }
  }

  return (
    <PageShell className='notice-stats'>
      <View className='card notice-stats__head'>
        <View className='notice-stats__tags'>
          <NoticeTypeTag type={notice.type} />
          <NoticeStatusTag notice={notice} />
        </View>
        <Text className='notice-stats__title'>{notice.title}</Text>
        {notice.publishedAt ? <Text className='notice-stats__muted'>{formatInstant(notice.publishedAt)} 发布</Text> : null}
      </View>

      {stats.totals ? <Totals notice={notice} totals={stats.totals} /> : null}

      {stats.schools.length === 0 ? (
        <EmptyState title='还没有收件人' description='通知对象里暂时没有已通过审核的人；之后加入的人也会收到。' />
      ) : (
        stats.schools.map((s) => (
          <View key={s.schoolId} className='card notice-stats__school' data-testid='school-stats'>
            <Text className='notice-stats__school-name'>{s.schoolName}</Text>
            <View className='notice-stats__table'>
              <View className='notice-stats__tr notice-stats__tr--head'>
                <Text className='notice-stats__td notice-stats__td--role'>角色</Text>
                {columns.map((c) => (
                  <Text key={c.key} className='notice-stats__td'>
                    {c.title}
                  </Text>
                ))}
              </View>
              {s.rows.map((r) => (
                <View key={r.role} className='notice-stats__tr' data-testid={`stats-row-${r.role}`}>
                  <Text className='notice-stats__td notice-stats__td--role'>{ROLE_LABELS[r.role]}</Text>
                  {columns.map((c) => (
                    <Text key={c.key} className='notice-stats__td' data-col={c.key}>
                      {r[c.key]}
                    </Text>
                  ))}
                </View>
              ))}
            </View>
          </View>
        ))
      )}

      <View className='section-title'>未确认收到（{data.notAcknowledged.length} 人）</View>
      {data.notAcknowledged.length === 0 ? (
        <View className='card notice-stats__all-done'>所有人都已确认收到</View>
      ) : (
        <View className='card notice-stats__people' data-testid='not-acknowledged'>
          {data.notAcknowledged.map((p) => (
            <View key={`${p.id}-${p.schoolName}`} className='notice-stats__person'>
              <Text className='notice-stats__person-name'>{p.name}</Text>
              <Text className='notice-stats__muted'>
                {p.schoolName} · {ROLE_LABELS[p.role]}
              </Text>
            </View>
          ))}
        </View>
      )}

      {stats.mayRemind ? <RemindBlock now={now} onAsk={() => setAsking(true)} /> : null}

      <Dialog
        visible={asking}
        title='再次提醒'
        content={`将通过微信提醒 ${data.notAcknowledged.length} 位还没有确认的人。提醒最多 ${MAX_REMINDERS} 次，每 5 分钟最多一次。`}
        confirmText='提醒'
        cancelText='取消'
        onConfirm={remind}
        onCancel={() => setAsking(false)}
        onClose={() => setAsking(false)}
      />
    </PageShell>
  )
})

export default NoticeStatsPage
