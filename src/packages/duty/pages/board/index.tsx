// 值守看板 (police, principals): today's posts and shifts of a school, each person's state
// (待签到 / 在岗 / 迟到在岗 / 信号中断 / 未到岗 / 离岗 / 已签退 / 缺岗 / 未签退) with times and distances,
// the police on duty there (警力: officers checked in / police places),
// refreshed every few seconds while the screen is shown, stopped when it is hidden.
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ArrowLeft, ArrowRight } from '@nutui/icons-react-taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { formatDistance } from '@/domain/geo'
import type { BoardPerson, BoardState } from '@/types/attendance'
import { BOARD_STATE_LABELS, EXCEPTION_LABELS } from '@/types/attendance'
import { managedSchoolsState } from '@/components/managed-schools'
import { PageShell } from '@/components/page-shell'
import { Pill, type PillTone } from '@/components/pill'
import { EmptyState, screenGate } from '@/components/page-state'
import { RoleFill } from '@/components/role-fill'
import { SchoolPicker } from '@/components/school-picker'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useScreen } from '@/hooks/use-screen'
import { useStores } from '@/stores'
import { BOARD_POLL_MS, boardStore } from '@/stores/duty/board-store'
import { formatLocal } from '@/domain/time'
import { SHIFT_ROLE_SHORT, addLocalDays, dayLabel, localToday, timeOf } from '@/utils/duty-format'
import { DUTY_ROUTES } from '@/utils/duty-routes'
import { openPage } from '@/utils/navigation'
import './index.scss'

const TONE: Record<BoardState, PillTone> = {
  upcoming: 'neutral',
  waiting: 'primary',
  on_duty: 'success',
  late: 'warning',
  signal_lost: 'warning',
  missing: 'danger',
  off_post: 'danger',
  checked_out: 'neutral',
  no_show: 'danger',
  missing_checkout: 'warning',
}

/** 信号中断: when and how far from the post the person was last seen (a heartbeat, or the check-in). */
export function lastSeenText(p: Pick<BoardPerson, 'lastSeenAt' | 'lastDistanceM' | 'checkInAt' | 'checkInDistanceM'>): string {
  const at = p.lastSeenAt ?? p.checkInAt
  const distance = p.lastSeenAt ? p.lastDistanceM : p.checkInDistanceM
  return `没有收到位置（手机可能已锁屏），最后 ${at ? timeOf(at) : '—'}${distance !== null && distance >= 0 ? ` 距岗点 ${formatDistance(distance)}` : ''}`
}

function PersonRow({ p }: { p: BoardPerson }) {
  const facts: string[] = []
  if (p.checkInAt) facts.push(`签到 ${timeOf(p.checkInAt)}${p.checkInDistanceM !== null ? ` · 距岗点 ${formatDistance(p.checkInDistanceM)}` : ''}`)
  if (p.checkOutAt) facts.push(`签退 ${timeOf(p.checkOutAt)}${p.earlyLeave ? '（早退）' : ''}`)
  else if (p.state === 'signal_lost') facts.push(lastSeenText(p))
  else if (p.lastSeenAt) facts.push(`最近位置 ${timeOf(p.lastSeenAt)}${p.lastDistanceM !== null && p.lastDistanceM >= 0 ? ` · ${formatDistance(p.lastDistanceM)}` : ''}`)
  if (p.offPost) facts.push(`${timeOf(p.offPost.since)} 起离开岗点范围`)
  return (
    <View className={`board-person board-person--${p.state}`} data-testid='board-person'>
      <View className='board-person__main'>
        <View className='board-person__top'>
          <Text className='board-person__name'>{p.person.name}</Text>
          <Text className={`board-person__role board-person__role--${p.role}`}>{SHIFT_ROLE_SHORT[p.role]}</Text>
        </View>
        {facts.map((f) => (
          <Text key={f} className='board-person__fact'>
            {f}
          </Text>
        ))}
        {p.pendingExceptions.length ? (
          <Text className='board-person__exception' onClick={() => openPage(DUTY_ROUTES.exceptions)}>
            待审核：{p.pendingExceptions.map((k) => EXCEPTION_LABELS[k]).join('、')} ›
          </Text>
        ) : null}
      </View>
      <Pill tone={TONE[p.state]}>{BOARD_STATE_LABELS[p.state]}</Pill>
    </View>
  )
}

const BoardPage = observer(function BoardPage() {
  const root = useStores()
  const { schools, duty, pending: waiting } = root
  const board = root.store(boardStore)
  const { ready } = useRequireLogin(DUTY_ROUTES.board)
  const managed = duty.managedSchools
  const today = localToday()

  useEffect(() => {
    if (ready) void schools.load()
  }, [ready, schools])
  useEffect(() => {
    if (managed.length && !managed.some((s) => s.id === board.schoolId)) {
      void board.selectSchool(managed[0].id)
      void waiting.loadExceptions()
    }
  }, [managed, board, waiting])

  useDidShow(() => board.startPolling())
  useDidHide(() => board.stopPolling())
  // leaving the page (back) stops the polling too
  useEffect(() => () => board.stopPolling(), [board])
  useScreen({ refresh: () => board.load() })

  const gate = managedSchoolsState(ready, schools, managed.length, { title: '没有可查看的学校', description: '值守看板供学校校长和责任民警使用。' })
  if (gate) return gate

  const date = board.date ?? today
  const counts = board.counts
  const pending = board.schoolId ? waiting.exceptionsAt(board.schoolId) : 0

  const content = () => {
    if (!board.board) return screenGate(board, () => void board.load(), { has: false })
    if (!board.board.posts.length) return <EmptyState title={`${dayLabel(date)}没有班次`} description='放假、考试或周末没有护学岗。' />
    return board.board.posts.map(({ post, shifts }) => (
      <View key={post.id} className='card board__post'>
        <Text className='board__post-name'>{post.name}</Text>
        {shifts.map(({ shift, people }) => (
          <View key={shift.id} className='board__shift'>
            <View className='board__shift-head'>
              <Text className='board__shift-time'>
                {shift.startTime}–{shift.endTime}
              </Text>
              <Text className='board__shift-name'>{shift.templateName}</Text>
            </View>
            <RoleFill roles={shift.roles} />
            {people.length ? people.map((p) => <PersonRow key={p.signupId} p={p} />) : <Text className='board__empty'>没有人报名这个班次</Text>}
          </View>
        ))}
      </View>
    ))
  }

  return (
    <PageShell className='board'>
      <SchoolPicker
        schools={managed}
        value={board.schoolId}
        onChange={(id) => {
          void board.selectSchool(id)
          void waiting.loadExceptions()
        }}
      />
      <View className='board__bar'>
        <View className='board__day' onClick={() => void board.setDate(addLocalDays(date, -1) === today ? null : addLocalDays(date, -1))}>
          <ArrowLeft size={12} />
          <Text>前一天</Text>
        </View>
        <Text className='board__date'>{dayLabel(date)}</Text>
        <View className='board__day' onClick={() => void board.setDate(addLocalDays(date, 1) === today ? null : addLocalDays(date, 1))}>
          <Text>后一天</Text>
          <ArrowRight size={12} />
        </View>
      </View>
      <View className='board__summary'>
        <View className='board__count'>
          <Text className='board__count-n'>{counts.people}</Text>
          <Text className='board__count-label'>应到</Text>
        </View>
        <View className='board__count'>
          <Text className='board__count-n board__count-n--ok'>{counts.present}</Text>
          <Text className='board__count-label'>已到</Text>
        </View>
        <View className='board__count'>
          <Text className='board__count-n board__count-n--bad'>{counts.attention}</Text>
          <Text className='board__count-label'>需关注</Text>
        </View>
        {board.board?.police.required ? (
          <View className='board__count' data-testid='board-police'>
            <Text className='board__count-n board__count-n--police'>
              {board.board.police.present}/{board.board.police.required}
            </Text>
            <Text className='board__count-label'>警力</Text>
          </View>
        ) : null}
        <View className='board__count' onClick={() => openPage(DUTY_ROUTES.exceptions)}>
          <Text className={`board__count-n ${pending ? 'board__count-n--warn' : ''}`}>{pending}</Text>
          <Text className='board__count-label'>待审核 ›</Text>
        </View>
      </View>
      <Text className={`board__status ${board.error && board.board ? 'board__status--bad' : ''}`}>
        {board.error && board.board
          ? `刷新失败：${board.error}`
          : board.checkedAt
            ? `每 ${BOARD_POLL_MS / 1000} 秒自动刷新 · ${formatLocal(new Date(board.checkedAt).toISOString(), 'HH:mm:ss')} 已更新`
            : '加载中…'}
      </Text>
      {content()}
    </PageShell>
  )
})

export default BoardPage
