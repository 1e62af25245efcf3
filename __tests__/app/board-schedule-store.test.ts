import type { DutyBoard, DutyException } from '@/types/attendance'
import type { Swap } from '@/types/shifts'
import { BOARD_STATE_LABELS } from '@/types/attendance'
import { BOARD_POLL_MS, boardStore } from '@/stores/duty/board-store'
import { lastSeenText } from '@/packages/duty/pages/board/index'
import { scheduleStore } from '@/stores/duty/schedule-store'
import { JINGSHAN, SHIYAN, atSchool, membership } from './support/fixtures'
import { GATE, dutyRoot, mine, shift } from './support/duty-fixtures'

const principal = () => [membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })]

function board(people: DutyBoard['posts'][number]['shifts'][number]['people']): DutyBoard {
  return { schoolId: JINGSHAN.id, date: '2026-11-30', posts: [{ post: GATE, shifts: [{ shift: shift({ id: 's1' }), people }] }], police: { required: 0, filled: 0, present: 0 } }
}

const person = (name: string, state: DutyBoard['posts'][number]['shifts'][number]['people'][number]['state'], pending: ('outside_fence' | 'offline')[] = []) => ({
  signupId: `g-${name}`,
  person: { id: name, name, phone: null },
  role: 'volunteer' as const,
  state,
  checkInAt: null,
  checkInDistanceM: null,
  late: false,
  lastSeenAt: null,
  lastDistanceM: null,
  checkOutAt: null,
  earlyLeave: false,
  offPost: null,
  pendingExceptions: pending,
})

describe('BoardStore: the duty board while it is shown', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it('polls every few seconds with the last ETag, keeps the board on a 304, and stops when hidden', async () => {
    const { root, api } = dutyRoot(principal())
    const first = board([person('刘洋', 'on_duty'), person('张伟', 'off_post', ['outside_fence']), person('王芳', 'missing')])
    api.attendance.board.mockResolvedValueOnce({ notModified: false, data: first, etag: 'W/"1"' }).mockResolvedValue({ notModified: true, etag: 'W/"1"' })
    await root.store(boardStore).selectSchool(JINGSHAN.id)
    root.store(boardStore).startPolling()
    await jest.advanceTimersByTimeAsync(BOARD_POLL_MS * 2)
    const calls = api.attendance.board.mock.calls
    expect(calls.length).toBeGreaterThanOrEqual(3)
    expect(calls[0][2]).toBeNull()
    expect(calls[calls.length - 1][2]).toBe('W/"1"')
    expect(root.store(boardStore).board).toBe(first)
    expect(root.store(boardStore).counts).toEqual({ people: 3, present: 1, attention: 2 })

    root.store(boardStore).stopPolling()
    const before = api.attendance.board.mock.calls.length
    await jest.advanceTimersByTimeAsync(BOARD_POLL_MS * 5)
    expect(api.attendance.board.mock.calls.length).toBe(before)
  })

  it('the pending-exception badges of every managed school come from one request, not one per school', async () => {
    const { root, api } = dutyRoot(principal())
    api.attendance.pendingCounts.mockResolvedValue([
      { schoolId: JINGSHAN.id, pending: 2 },
      { schoolId: SHIYAN.id, pending: 0 },
    ])
    await root.pending.loadExceptions()
    expect(api.attendance.pendingCounts).toHaveBeenCalledTimes(1)
    expect(api.attendance.exceptions).not.toHaveBeenCalled()
    expect(root.pending.exceptions).toEqual({ [JINGSHAN.id]: 2, [SHIYAN.id]: 0 })
    // a failure keeps the last badges
    api.attendance.pendingCounts.mockRejectedValueOnce(new Error('offline'))
    await root.pending.loadExceptions()
    expect(root.pending.exceptionsAt(JINGSHAN.id)).toBe(2)
  })

  it('a lost signal is its own state, not 离岗, and the row says when and where the person was last seen', () => {
    const p = { ...person('李红梅', 'signal_lost'), checkInAt: '2026-11-30T23:15:00Z', checkInDistanceM: 20 }
    expect(BOARD_STATE_LABELS[p.state]).toBe('信号中断')
    expect(lastSeenText(p)).toBe('没有收到位置（手机可能已锁屏），最后 07:15 距岗点 20 米')
    expect(lastSeenText({ ...p, lastSeenAt: '2026-11-30T23:31:00Z', lastDistanceM: 480 })).toBe('没有收到位置（手机可能已锁屏），最后 07:31 距岗点 480 米')
  })

  it('a failed refresh keeps the board on screen and says so', async () => {
    const { root, api } = dutyRoot(principal())
    api.attendance.board.mockResolvedValueOnce({ notModified: false, data: board([]), etag: 'a' }).mockRejectedValueOnce(new Error('offline'))
    await root.store(boardStore).selectSchool(JINGSHAN.id)
    await root.store(boardStore).load()
    expect(root.store(boardStore).state).toBe('ready')
    expect(root.store(boardStore).board).not.toBeNull()
    expect(root.store(boardStore).error).toBeTruthy()
  })
})

describe('BoardStore: reviewing exceptions', () => {
  const exception = (id: string, status: DutyException['status'] = 'pending'): DutyException => ({
    id,
    signupId: 'g1',
    kind: 'outside_fence',
    reason: '南门施工',
    distanceM: 2000,
    clientAt: null,
    status,
    reviewNote: null,
    createdAt: '2026-11-30T00:00:00.000Z',
    person: { id: 'p2', name: '张伟', phone: null },
    shift: shift({ id: 's1' }),
  })

  it('accepting moves the row out of 待审核 and lowers the badge; the note goes to the server', async () => {
    const { root, api } = dutyRoot(principal())
    api.attendance.exceptions.mockResolvedValue([exception('e1'), exception('e2')])
    await root
      .store(boardStore)
      .selectSchool(JINGSHAN.id)
      .catch(() => {})
    await root.store(boardStore).loadExceptions()
    expect(root.pending.exceptionsAt(JINGSHAN.id)).toBe(2)
    api.attendance.review.mockResolvedValue({ ...exception('e1'), status: 'accepted', reviewNote: '核实属实' })
    await root.store(boardStore).review(root.store(boardStore).exceptions[0], 'accept', '  核实属实 ')
    expect(api.attendance.review).toHaveBeenCalledWith('e1', 'accept', '核实属实')
    expect(root.store(boardStore).visibleExceptions.map((e) => e.id)).toEqual(['e2'])
    expect(root.pending.exceptionsAt(JINGSHAN.id)).toBe(1)
  })
})

describe('ScheduleStore: a template form checked by domain/shifts', () => {
  it('a new template starts with the school’s first post, weekdays and the current term; problems read as the server’s', () => {
    const { root } = dutyRoot(principal())
    root.store(scheduleStore).selectSchool(JINGSHAN.id)
    root.store(scheduleStore).startDraft(null)
    expect(root.store(scheduleStore).draft).toMatchObject({ id: null, postId: GATE.id, weekdays: [1, 2, 3, 4, 5], startTime: '07:20', endTime: '08:00' })
    expect(root.store(scheduleStore).draftProblem).toBeNull()

    root.store(scheduleStore).updateDraft({ endTime: '07:00' })
    expect(root.store(scheduleStore).draftProblem).toEqual({ field: 'endTime', message: '结束时间应晚于开始时间' })
    root.store(scheduleStore).updateDraft({ endTime: '08:00' })
    for (const d of [1, 2, 3, 4, 5] as const) root.store(scheduleStore).toggleWeekday(d)
    expect(root.store(scheduleStore).draftProblem?.message).toBe('请至少选择一个星期几')
    root.store(scheduleStore).toggleWeekday(6)
    root.store(scheduleStore).toggleWeekday(3)
    expect(root.store(scheduleStore).draft?.weekdays).toEqual([3, 6])
    for (const r of ['volunteer', 'teacher', 'guard', 'police'] as const) root.store(scheduleStore).setHeadcount(r, 0)
    expect(root.store(scheduleStore).draftProblem?.message).toBe('请至少设置一个岗位人数')
    root.store(scheduleStore).setHeadcount('volunteer', 99)
    expect(root.store(scheduleStore).draft?.headcount.volunteer).toBe(50)
  })

  it('saves a new template, or the changes of an existing one with its active flag', async () => {
    const { root, api } = dutyRoot(principal())
    root.store(scheduleStore).selectSchool(JINGSHAN.id)
    root.store(scheduleStore).startDraft(null)
    root.store(scheduleStore).updateDraft({ name: '午间放学', startTime: '11:30', endTime: '12:10' })
    const saved = { ...root.store(scheduleStore).draft!, id: 't1', schoolId: JINGSHAN.id, postName: GATE.name, updatedAt: '2026-11-30T00:00:00.000Z' }
    api.shifts.createTemplate.mockResolvedValue(saved)
    await root.store(scheduleStore).saveDraft()
    expect(api.shifts.createTemplate).toHaveBeenCalledWith(JINGSHAN.id, expect.objectContaining({ name: '午间放学', startTime: '11:30', endTime: '12:10', postId: GATE.id }))
    expect(root.store(scheduleStore).templates.items).toEqual([saved])
    expect(root.store(scheduleStore).draft).toBeNull()

    api.shifts.updateTemplate.mockResolvedValue({ ...saved, active: false })
    await root.store(scheduleStore).setActive(saved, false)
    expect(api.shifts.updateTemplate).toHaveBeenCalledWith('t1', expect.objectContaining({ active: false, name: '午间放学' }))
    expect(root.store(scheduleStore).templates.items[0].active).toBe(false)
  })

  it('one tap on a proposed member assigns them and the gaps reload', async () => {
    const { root, api } = dutyRoot(principal())
    root.store(scheduleStore).selectSchool(JINGSHAN.id)
    const gap = {
      shift: shift({ id: 's1' }),
      role: 'volunteer' as const,
      missing: 1,
      candidates: [{ person: { id: 'p9', name: '刘洋', phone: null }, role: 'volunteer' as const, shiftsThisTerm: 0 }],
    }
    api.shifts.gaps.mockResolvedValueOnce([gap]).mockResolvedValueOnce([])
    await root.store(scheduleStore).loadGaps()
    api.shifts.assign.mockResolvedValue({ ...gap.shift, signups: [] })
    await root.store(scheduleStore).assign(gap, gap.candidates[0])
    expect(api.shifts.assign).toHaveBeenCalledWith('s1', 'p9', 'volunteer')
    expect(root.store(scheduleStore).gaps.items).toEqual([])
  })

  it('an answer for the school chosen before arrives late and does not show under the new one', async () => {
    const { root, api } = dutyRoot(principal())
    root.store(scheduleStore).selectSchool(JINGSHAN.id)
    let answerJingshan!: (items: never[]) => void
    api.shifts.calendar.mockReturnValueOnce(new Promise((resolve) => (answerJingshan = resolve)))
    const slow = root.store(scheduleStore).loadCalendar()

    root.store(scheduleStore).selectSchool(SHIYAN.id)
    const day = { date: '2026-12-31', kind: 'holiday' as const, note: '元旦', asWeekday: null }
    api.shifts.calendar.mockResolvedValueOnce([day])
    await root.store(scheduleStore).loadCalendar()
    answerJingshan([{ ...day, note: '京山小学的' }] as never[])
    await slow

    expect(api.shifts.calendar).toHaveBeenNthCalledWith(2, SHIYAN.id)
    expect(root.store(scheduleStore).calendar.items).toEqual([day])
    expect(root.store(scheduleStore).calendar.state).toBe('ready')
  })
})

describe('SwapsStore', () => {
  const swap = (id: string, partial: Partial<Swap>): Swap => ({
    id,
    shift: shift({ id: `s-${id}` }),
    role: 'volunteer',
    from: { id: 'p2', name: '张伟', phone: null },
    to: null,
    status: 'open',
    acceptedBy: null,
    createdAt: '2026-11-30T00:00:00.000Z',
    ...partial,
  })

  it('lists the open swaps this person may take, and their own offers apart', async () => {
    const { root, api } = dutyRoot()
    api.shifts.swaps.mockResolvedValue([
      swap('w1', {}),
      swap('w2', { to: { id: 'someone-else', name: '刘洋', phone: null } }),
      swap('w3', { role: 'teacher' }),
      swap('w4', { from: { id: 'p1', name: '王芳', phone: null } }),
      swap('w5', { status: 'accepted' }),
    ])
    await root.swaps.load()
    expect(root.swaps.takeable.map((w) => w.id)).toEqual(['w1'])
    expect(root.swaps.mine.map((w) => w.id)).toEqual(['w4'])
  })

  it('accepting puts the shift among my shifts', async () => {
    const { root, api } = dutyRoot()
    const w = swap('w1', {})
    root.swaps.items = [w]
    api.shifts.acceptSwap.mockResolvedValue({ ...w, status: 'accepted', shift: { ...w.shift, mine: mine({ signupId: 'g-new' }) } })
    api.shifts.mine.mockReturnValue(new Promise(() => {}))
    api.shifts.home.mockReturnValue(new Promise(() => {}))
    await root.swaps.accept(w)
    expect(root.swaps.items[0].status).toBe('accepted')
    expect(root.duty.myLiveUpcoming.map((s) => s.id)).toEqual(['s-w1'])
  })
})
