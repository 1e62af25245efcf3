import { DEFAULT_SETTINGS } from '@/domain/settings'
import { releaseBlockReason, signupBlockReason } from '@/domain/shifts'
import { JINGSHAN, atSchool, membership } from './support/fixtures'
import { dutyRoot, mine, shift } from './support/duty-fixtures'

const HOUR = 3_600_000

describe('DutyStore: what a person can do about a shift, by the rules of domain/shifts', () => {
  it('a free place: 报名; a full role: 候补', () => {
    const { root } = dutyRoot()
    const free = shift({ id: 's1' })
    const full = shift({ id: 's2', roles: [{ role: 'volunteer', required: 1, filled: 1, waitlisted: 2 }] })
    expect(root.duty.signupOptions(free)).toEqual([{ kind: 'signup', role: 'volunteer' }])
    expect(root.duty.signupOptions(full)).toEqual([{ kind: 'waitlist', role: 'volunteer' }])
  })

  it('the monthly cap blocks with the same words the server uses', () => {
    const { root } = dutyRoot()
    const now = new Date()
    const target = shift({ id: 'target' }, 72 * 60)
    // two live volunteer signups in the same month as the target
    root.duty.upcoming = [
      shift({ id: 'a', date: target.date, mine: mine({ signupId: 'ga' }) }, 20 * 60),
      shift({ id: 'b', date: target.date, mine: mine({ signupId: 'gb', status: 'waitlisted', waitlistPosition: 1 }) }, 30 * 60),
    ]
    const [option] = root.duty.signupOptions(target, now)
    const expected = signupBlockReason({
      now,
      settings: DEFAULT_SETTINGS,
      shift: target,
      role: 'volunteer',
      rolesAtSchool: ['volunteer'],
      signupsThisMonth: 2,
      alreadySigned: false,
      overlapping: false,
    })
    expect(expected).toMatch(/每月最多 2 个/)
    expect(option).toEqual({ kind: 'blocked', role: 'volunteer', reason: expected, cap: true })
  })

  it('a released signup does not count towards the cap, and the school’s own cap is used once loaded', async () => {
    const { root, api } = dutyRoot()
    const target = shift({ id: 'target' }, 72 * 60)
    root.duty.upcoming = [
      shift({ id: 'a', date: target.date, mine: mine({ signupId: 'ga' }) }, 20 * 60),
      shift({ id: 'b', date: target.date, mine: mine({ signupId: 'gb', status: 'released' }) }, 30 * 60),
    ]
    expect(root.duty.signupOptions(target)[0].kind).toBe('signup')
    api.shifts.settings.mockResolvedValue({ monthlyCapPerVolunteer: 1 })
    await root.duty.loadSettings(JINGSHAN.id)
    expect(root.duty.signupOptions(target)[0]).toMatchObject({ kind: 'blocked', reason: expect.stringMatching(/每月最多 1 个/) })
  })

  it('an overlapping shift, a started shift and a role the person does not hold block with reasons', () => {
    const { root } = dutyRoot()
    const mineNow = shift({ id: 'mine', mine: mine() }, 60)
    root.duty.upcoming = [mineNow]
    const sameTime = shift({ id: 'other', postName: '东门' }, 70)
    expect(root.duty.signupOptions(sameTime)[0]).toMatchObject({ kind: 'blocked', reason: '你在同一时间已有其他班次' })
    const started = shift({ id: 'started' }, -5)
    expect(root.duty.signupOptions(started)[0]).toMatchObject({ kind: 'blocked', reason: '该班次已开始，不能报名' })
    const teachersOnly = shift({ id: 't', roles: [{ role: 'teacher', required: 1, filled: 0, waitlisted: 0 }] })
    expect(root.duty.signupOptions(teachersOnly)).toEqual([{ kind: 'blocked', role: null, reason: '该班次不需要家长志愿者' }])
  })

  it('release: free before the cut-off, refused after it with the domain’s reason; a waitlist place can always be left', () => {
    const { root } = dutyRoot()
    const now = new Date()
    const far = shift({ id: 'far', mine: mine() }, 24 * 60)
    const soon = shift({ id: 'soon', mine: mine() }, 3 * 60)
    const waiting = shift({ id: 'w', mine: mine({ status: 'waitlisted', waitlistPosition: 1 }) }, 3 * 60)
    expect(root.duty.releaseBlock(far, now)).toBeNull()
    expect(root.duty.releaseBlock(soon, now)).toBe(releaseBlockReason(now, soon.startsAt, DEFAULT_SETTINGS))
    expect(root.duty.releaseBlock(soon, now)).toMatch(/请发起换班/)
    expect(root.duty.releaseBlock(waiting, now)).toBeNull()
    expect(root.duty.swapBlock(soon, now)).toBeNull()
  })

  it('managers see the schools they manage; volunteers none', () => {
    const volunteer = dutyRoot().root
    expect(volunteer.duty.managesDuty).toBe(false)
    const principal = dutyRoot([membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })]).root
    expect(principal.duty.managedSchools.map((s) => s.id)).toEqual([JINGSHAN.id])
    expect(principal.duty.dutySchools).toEqual([])
  })
})

describe('DutyStore: signing up, the week view, releasing', () => {
  it('signs up with the role and the waitlist flag, shows the answer everywhere, and asks for reminders within the tap', async () => {
    const { root, api, phone } = dutyRoot()
    const s = shift({ id: 's1' })
    root.duty.week = [s]
    root.duty.subscribeIds = ['tmpl-duty']
    api.shifts.signUp.mockResolvedValue({ ...s, mine: mine({ status: 'waitlisted', waitlistPosition: 2 }) })
    // the reloads that follow stay in flight: what shows is the answer of the sign-up itself
    api.shifts.home.mockReturnValue(new Promise(() => {}))
    api.shifts.mine.mockReturnValue(new Promise(() => {}))

    const done = root.duty.signUp(s, 'volunteer', true)
    // the prompt started before the answer came back (WeChat wants it inside the tap)
    expect(phone.subscribe).toHaveBeenCalledWith(['tmpl-duty'])
    expect(root.duty.busyId).toBe('s1')
    await done
    expect(api.shifts.signUp).toHaveBeenCalledWith('s1', 'volunteer', true)
    expect(root.duty.week[0].mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 })
    expect(root.duty.upcoming.map((x) => x.id)).toEqual(['s1'])
    expect(root.duty.busyId).toBeNull()
  })

  it('no template ids (or the browser): no prompt', async () => {
    const { root, api, phone } = dutyRoot()
    const s = shift({ id: 's1' })
    api.shifts.signUp.mockResolvedValue({ ...s, mine: mine() })
    api.shifts.home.mockResolvedValue({ nextShift: null, openSwapsForMe: 0, unfilled: [] })
    api.shifts.mine.mockResolvedValue([])
    await root.duty.signUp(s, 'volunteer', false)
    expect(phone.subscribe).not.toHaveBeenCalled()
  })

  it('a refusal keeps the lists as they were and rethrows the server’s message', async () => {
    const { root, api } = dutyRoot()
    const s = shift({ id: 's1' })
    root.duty.week = [s]
    const { ApiError } = await import('@/services/http')
    api.shifts.signUp.mockRejectedValue(new ApiError(409, 'CONFLICT', '家长志愿者名额已满，可以加入候补'))
    await expect(root.duty.signUp(s, 'volunteer', false)).rejects.toThrow('家长志愿者名额已满，可以加入候补')
    expect(root.duty.week[0].mine).toBeNull()
    expect(root.duty.busyId).toBeNull()
  })

  it('the week view asks for seven days from today, and moves by seven days', async () => {
    const { root, api } = dutyRoot()
    api.shifts.list.mockResolvedValue([])
    api.shifts.settings.mockResolvedValue({})
    await root.duty.openWeek(JINGSHAN.id)
    const [, from, to] = api.shifts.list.mock.calls[0]
    expect(root.duty.weekDays).toHaveLength(7)
    expect(root.duty.weekDays[0]).toBe(from)
    expect(root.duty.weekDays[6]).toBe(to)
    expect(root.duty.day).toBe(from)
    await root.duty.moveWeek(1)
    expect(api.shifts.list.mock.calls[1][1]).toBe(root.duty.weekDays[0])
    expect(new Date(root.duty.weekDays[0]).getTime() - new Date(from).getTime()).toBe(7 * 24 * HOUR)
  })

  it('release sends the signup id and the shift comes back released', async () => {
    const { root, api } = dutyRoot()
    const s = shift({ id: 's1', mine: mine({ signupId: 'g9' }) })
    root.duty.upcoming = [s]
    api.shifts.release.mockResolvedValue({ ...s, mine: mine({ signupId: 'g9', status: 'released' }) })
    api.shifts.home.mockResolvedValue({ nextShift: null, openSwapsForMe: 0, unfilled: [] })
    api.shifts.mine.mockResolvedValue([{ ...s, mine: mine({ signupId: 'g9', status: 'released' }) }])
    await root.duty.release(s)
    expect(api.shifts.release).toHaveBeenCalledWith('g9')
    expect(root.duty.myLiveUpcoming).toEqual([])
  })
})
