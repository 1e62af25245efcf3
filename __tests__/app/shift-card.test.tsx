import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { checkinTiming } from '@/domain/attendance'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import { signupBlockReason } from '@/domain/shifts'
import { ShiftCard } from '@/components/shift-card'
import { ShiftItem } from '@/components/shift-item'
import { ApiError } from '@/services/http'
import { StoresProvider } from '@/stores'
import type { RootStore } from '@/stores/root-store'
import { toast, toastSuccess } from '@/utils/feedback'
import { attendance, dutyRoot, mine, shift } from './support/duty-fixtures'

// toasts are WeChat's / Taro's overlay: the tests read what would have been said
jest.mock('@/utils/feedback', () => ({ toast: jest.fn(), toastSuccess: jest.fn(), toastError: jest.fn() }))
beforeEach(() => jest.clearAllMocks())

function renderWith(root: RootStore, ui: JSX.Element) {
  return render(<StoresProvider store={root}>{ui}</StoresProvider>)
}

/** NutUI renders a button as a view with the label inside. */
function button(label: string): HTMLElement {
  const el = screen.getByText(label, { exact: true }).closest('.nut-button') as HTMLElement | null
  if (!el) throw new Error(`no button ${label}`)
  return el
}

describe('ShiftCard (首页 and 值守)', () => {
  it('before the window opens, 签到 is disabled and says why, in the words of domain/attendance', () => {
    const { root } = dutyRoot()
    const s = shift({ id: 's1', mine: mine() }, 3 * 60)
    root.duty.upcoming = [s]
    renderWith(root, <ShiftCard shift={s} />)

    const timing = checkinTiming(new Date(), s, DEFAULT_SETTINGS)
    expect(timing.ok).toBe(false)
    const reason = timing.ok ? '' : timing.message
    expect(reason).toBe('签到在开始前 30 分钟开放')
    expect(screen.getByText(reason)).toBeInTheDocument()
    expect(button('签到')).toHaveClass('nut-button-disabled')
    expect(screen.getByText('已报名')).toBeInTheDocument()
    expect(screen.getByTestId('countdown')).toHaveTextContent(/距开始 (2 小时 5\d 分|3 小时)/)
  })

  it('reopened later, the card still shows the check-in facts the server keeps: late, early leave, the exception and its review', () => {
    const { root } = dutyRoot()
    const facts = mine({
      checkInAt: new Date(Date.now() - 50 * 60_000).toISOString(),
      checkOutAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      late: true,
      earlyLeave: true,
      exceptions: [{ id: 'e1', kind: 'outside_fence', status: 'accepted', reviewNote: '情况属实' }],
    })
    const s = shift({ id: 's1', mine: facts }, -60)
    renderWith(root, <ShiftCard shift={s} />)
    expect(screen.getByText('迟到')).toBeInTheDocument()
    expect(screen.getByText('早退')).toBeInTheDocument()
    expect(screen.getByText(/范围外.*已认可/)).toBeInTheDocument()
  })

  it('after 签到 the countdown says what is next (on duty since, when 签退 opens), not 签到已开放 · 距开始', () => {
    const { root } = dutyRoot()
    const checkInAt = new Date(Date.now() - 5 * 60_000).toISOString()
    const s = shift({ id: 's1', mine: mine({ checkInAt }) }, 10)
    root.duty.upcoming = [s]
    renderWith(root, <ShiftCard shift={s} />)
    const line = screen.getByTestId('countdown').textContent ?? ''
    expect(line).not.toMatch(/签到已开放|距开始/)
    // the shift lasts 40 minutes from 10 minutes ahead: 签退 opens 10 minutes before its end
    const opens = new Date(new Date(s.endsAt).getTime() - 10 * 60_000)
    const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
    expect(line).toBe(`值守中 · ${hhmm(new Date(checkInAt))} 签到 · ${hhmm(opens)} 起可签退`)
  })

  it('a shift already over cannot be checked into: the card says so and shows 缺岗', () => {
    const { root } = dutyRoot()
    const s = shift({ id: 's1', mine: mine() }, -60)
    renderWith(root, <ShiftCard shift={s} />)
    expect(screen.getByText('缺岗')).toBeInTheDocument()
    expect(screen.queryByText('签到', { exact: true })).toBeNull()
  })

  it('in the window: located, the distance shows; with no network the tap is kept as 待上传 and sent again with the same key when the network returns', async () => {
    const { root, api, phone } = dutyRoot()
    const s = shift({ id: 's1', mine: mine({ signupId: 'g1' }) }, 10)
    root.duty.upcoming = [s]
    root.checkin.start()
    const view = renderWith(root, <ShiftCard shift={root.duty.upcoming[0]} />)

    // nothing asked of the phone when the card opens: it says why, and locates from a tap
    expect(screen.getByTestId('distance')).toHaveTextContent('签到要确认你在岗点附近：点「定位」查看与岗点的距离')
    expect(phone.location.current).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('定位', { exact: true }))
    await waitFor(() => expect(screen.getByTestId('distance')).toHaveTextContent('距岗点 0 米 · 在签到范围内'))
    expect(phone.location.current).toHaveBeenCalledTimes(1)
    expect(button('签到')).not.toHaveClass('nut-button-disabled')

    api.attendance.checkIn.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))
    await act(async () => {
      fireEvent.click(screen.getByText('签到', { exact: true }))
    })
    await waitFor(() => expect(screen.getByText('签到待上传')).toBeInTheDocument())
    expect(toast).toHaveBeenCalledWith('网络不可用，签到已保存在手机上，恢复网络后自动提交')
    expect(screen.getByTestId('pending')).toHaveTextContent(/已保存在手机上，网络恢复后自动提交/)
    expect(phone.queue.items).toHaveLength(1)
    const key = api.attendance.checkIn.mock.calls[0][1].idempotencyKey

    api.attendance.checkIn.mockResolvedValueOnce(attendance({ signupId: 'g1', offline: true, checkInAt: new Date().toISOString() }))
    await act(async () => {
      phone.reconnect()
    })
    view.rerender(
      <StoresProvider store={root}>
        <ShiftCard shift={root.duty.upcoming[0]} />
      </StoresProvider>,
    )
    await waitFor(() => expect(screen.getByText('已签到')).toBeInTheDocument())
    expect(screen.queryByTestId('pending')).toBeNull()
    const calls = api.attendance.checkIn.mock.calls
    expect(calls).toHaveLength(2)
    expect(calls[1][1].idempotencyKey).toBe(key)
    expect(calls[1][1].clientAt).toEqual(expect.any(String))
    expect(phone.queue.items).toEqual([])
    // checked in: the next tap is 签退
    expect(screen.getByText('签退', { exact: true })).toBeInTheDocument()
  })

  it('outside the fence the person is asked for a reason, and the check-in goes as an exception', async () => {
    const { root, api } = dutyRoot()
    const s = shift({ id: 's1', mine: mine({ signupId: 'g1' }) }, 10)
    root.duty.upcoming = [s]
    renderWith(root, <ShiftCard shift={s} />)
    api.attendance.checkIn
      .mockRejectedValueOnce(new ApiError(422, 'OUTSIDE_FENCE', '你距岗点约 2.0 公里，不在签到范围（165 米）内', 'reason'))
      .mockResolvedValueOnce(attendance({ exceptions: [{ id: 'e1', kind: 'outside_fence', status: 'pending', reviewNote: null }] }))
    await waitFor(() => expect(button('签到')).not.toHaveClass('nut-button-disabled'))
    await act(async () => {
      fireEvent.click(screen.getByText('签到', { exact: true }))
    })
    await waitFor(() => expect(screen.getByText(/你距岗点约 2.0 公里/)).toBeInTheDocument())
    // the dialog's text area is drawn after its title (Taro's Textarea renders in a second pass)
    const box = await waitFor(() => {
      const found = document.querySelector('textarea')
      expect(found).not.toBeNull()
      return found as HTMLTextAreaElement
    })
    fireEvent.input(box, { target: { value: '南门施工，在对面路口' } })
    fireEvent.change(box, { target: { value: '南门施工，在对面路口' } })
    await act(async () => {
      fireEvent.click(screen.getByText('提交异常签到'))
    })
    await waitFor(() => expect(api.attendance.checkIn).toHaveBeenCalledTimes(2))
    expect(api.attendance.checkIn.mock.calls[1][1]).toMatchObject({ reason: '南门施工，在对面路口' })
    await waitFor(() => expect(toastSuccess).toHaveBeenCalledWith('已提交，待民警审核'))
  })

  it('check-out outside the fence asks for a reason too, and the check-out goes as an exception', async () => {
    const { root, api } = dutyRoot()
    // started 35 minutes ago, ends in 5: a normal check-out
    const s = shift({ id: 's1', mine: mine({ signupId: 'g1', checkInAt: new Date(Date.now() - 36 * 60_000).toISOString() }) }, -35)
    root.duty.upcoming = [s]
    renderWith(root, <ShiftCard shift={s} />)
    api.attendance.checkOut
      .mockRejectedValueOnce(new ApiError(422, 'OUTSIDE_FENCE', '你距岗点约 13.0 公里，不在签退范围（165 米）内', 'reason'))
      .mockResolvedValueOnce(attendance({ checkOutAt: new Date().toISOString(), exceptions: [{ id: 'e1', kind: 'checkout_outside_fence', status: 'pending', reviewNote: null }] }))
    await waitFor(() => expect(button('签退')).not.toHaveClass('nut-button-disabled'))
    await act(async () => {
      fireEvent.click(screen.getByText('签退', { exact: true }))
    })
    await waitFor(() => expect(screen.getByText(/你距岗点约 13.0 公里/)).toBeInTheDocument())
    expect(screen.getByText('不在签退范围内')).toBeInTheDocument()
    // the dialog's text area is drawn after its title (Taro's Textarea renders in a second pass)
    const box = await waitFor(() => {
      const found = document.querySelector('textarea')
      expect(found).not.toBeNull()
      return found as HTMLTextAreaElement
    })
    fireEvent.input(box, { target: { value: '送孩子去医院' } })
    fireEvent.change(box, { target: { value: '送孩子去医院' } })
    await act(async () => {
      fireEvent.click(screen.getByText('提交异常签退'))
    })
    await waitFor(() => expect(api.attendance.checkOut).toHaveBeenCalledTimes(2))
    expect(api.attendance.checkOut.mock.calls[1][1]).toMatchObject({ reason: '送孩子去医院' })
    expect(api.attendance.checkIn).not.toHaveBeenCalled()
    await waitFor(() => expect(toastSuccess).toHaveBeenCalledWith('已签退，待民警审核'))
  })
})

describe('ShiftItem (the week view)', () => {
  it('shows 报名 when a place is free, and the cap’s reason from domain/shifts when the person is at the cap', async () => {
    const { root, api } = dutyRoot()
    const now = new Date()
    const free = shift({ id: 'free' }, 72 * 60)
    renderWith(root, <ShiftItem shift={free} now={now} />)
    api.shifts.signUp.mockResolvedValue({ ...free, mine: mine() })
    api.shifts.home.mockReturnValue(new Promise(() => {}))
    api.shifts.mine.mockReturnValue(new Promise(() => {}))
    await act(async () => {
      fireEvent.click(screen.getByText('报名', { exact: true }))
    })
    expect(api.shifts.signUp).toHaveBeenCalledWith('free', 'volunteer', false)

    root.duty.upcoming = [
      shift({ id: 'a', date: free.date, mine: mine({ signupId: 'ga' }) }, 20 * 60),
      shift({ id: 'b', date: free.date, mine: mine({ signupId: 'gb' }) }, 30 * 60),
    ]
    const other = shift({ id: 'other', date: free.date }, 73 * 60)
    const { container } = renderWith(root, <ShiftItem shift={other} now={now} />)
    const expected = signupBlockReason({
      now,
      settings: DEFAULT_SETTINGS,
      shift: other,
      role: 'volunteer',
      rolesAtSchool: ['volunteer'],
      signupsThisMonth: 2,
      alreadySigned: false,
      overlapping: false,
    })!
    const item = within(container as HTMLElement)
    expect(item.getByText(expected)).toBeInTheDocument()
    // at the cap, 报名 stays on the list, disabled, with the way out
    const signUp = item.getByText('报名', { exact: true }).closest('.nut-button') as HTMLElement
    expect(signUp).toHaveClass('nut-button-disabled')
    api.shifts.signUp.mockClear()
    await act(async () => {
      fireEvent.click(signUp)
    })
    expect(api.shifts.signUp).not.toHaveBeenCalled()
    expect(item.getByTestId('cap-way-out')).toHaveTextContent('释放一个本月的班次，或请学校调高每月上限')
  })

  it('a shift blocked for another reason (same time as one of mine) shows no disabled 报名 and no way out', () => {
    const { root } = dutyRoot()
    const now = new Date()
    const mineNow = shift({ id: 'a', mine: mine({ signupId: 'ga' }) }, 72 * 60)
    root.duty.upcoming = [mineNow]
    const clash = shift({ id: 'clash', date: mineNow.date }, 72 * 60)
    const { container } = renderWith(root, <ShiftItem shift={clash} now={now} />)
    const item = within(container as HTMLElement)
    expect(item.getByText('你在同一时间已有其他班次')).toBeInTheDocument()
    expect(item.queryByTestId('cap-way-out')).toBeNull()
    expect(item.queryByText('报名', { exact: true })).toBeNull()
  })
})
