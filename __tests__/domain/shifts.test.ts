import { DEFAULT_SETTINGS, settingsFrom } from '../../domain/settings'
import { currentTerm, termInProgress, termSoFar } from '../../domain/term'
import { local, localToInstant } from '../../domain/time'
import {
  generateShifts,
  generationWindow,
  placeFor,
  planRegeneration,
  promotions,
  rankCandidates,
  releaseBlockReason,
  signupBlockReason,
  templateProblem,
  type SignupContext,
  type TemplateRule,
} from '../../domain/shifts'
import type { CalendarDay } from '../../types/shifts'

const morning: TemplateRule = {
  id: 't1',
  postId: 'p1',
  weekdays: [1, 2, 3, 4, 5],
  startTime: '07:20',
  endTime: '08:00',
  headcount: { volunteer: 2, teacher: 1, guard: 1, police: 0 },
  termStart: '2026-09-01',
  termEnd: '2027-01-20',
  active: true,
}

describe('generateShifts', () => {
  // 2026-11-30 is a Monday.
  it('makes one shift per school weekday, at local times stored as UTC instants', () => {
    const drafts = generateShifts(morning, [], '2026-11-30', '2026-12-06')
    expect(drafts.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'])
    expect(drafts[0]).toMatchObject({ startsAt: '2026-11-29T23:20:00.000Z', endsAt: '2026-11-30T00:00:00.000Z' })
  })

  const calendar: CalendarDay[] = [
    { date: '2026-12-01', kind: 'holiday', note: '校庆', asWeekday: null },
    { date: '2026-12-02', kind: 'exam', note: '期中考试', asWeekday: null },
    { date: '2026-12-05', kind: 'makeup', note: '调休', asWeekday: 1 },
    { date: '2026-12-06', kind: 'makeup', note: '调休', asWeekday: null },
  ]

  it.each([
    ['a holiday has no shift', '2026-12-01', false],
    ['an exam day has no shift', '2026-12-02', false],
    ['a make-up Saturday follows Monday', '2026-12-05', true],
    ['a make-up Sunday without a stated weekday follows Sunday', '2026-12-06', false],
    ['an ordinary Thursday', '2026-12-03', true],
  ])('%s', (_name, date, expected) => {
    const dates = generateShifts(morning, calendar, '2026-11-30', '2026-12-06').map((d) => d.date)
    expect(dates.includes(date)).toBe(expected)
  })

  it('stays inside the term', () => {
    const dates = generateShifts({ ...morning, termEnd: '2026-12-02' }, [], '2026-11-30', '2026-12-31').map((d) => d.date)
    expect(dates).toEqual(['2026-11-30', '2026-12-01', '2026-12-02'])
    expect(generateShifts({ ...morning, termStart: '2027-02-01', termEnd: '2027-06-30' }, [], '2026-11-30', '2026-12-31')).toEqual([])
  })

  it('an inactive template asks for nothing', () => {
    expect(generateShifts({ ...morning, active: false }, [], '2026-11-30', '2026-12-06')).toEqual([])
  })
})

describe('planRegeneration', () => {
  const drafts = generateShifts(morning, [], '2026-11-30', '2026-12-04')
  const existing = drafts.map((d, i) => ({
    id: `s${i}`,
    templateId: 't1',
    postId: d.postId,
    date: d.date,
    startTime: d.startTime,
    endTime: d.endTime,
    headcount: d.headcount,
    status: 'scheduled' as const,
  }))

  it('creates everything the first time and nothing the second (idempotent)', () => {
    expect(planRegeneration([], drafts).create).toHaveLength(5)
    expect(planRegeneration(existing, drafts)).toEqual({ create: [], update: [], cancel: [], restore: [] })
  })

  it('a changed time updates the shifts in place (keeping signups) and says the time changed', () => {
    const later = generateShifts({ ...morning, startTime: '07:30' }, [], '2026-11-30', '2026-12-04')
    const plan = planRegeneration(existing, later)
    expect(plan.update).toHaveLength(5)
    expect(plan.update.every((u) => u.timeChanged)).toBe(true)
    expect(plan.create).toEqual([])
  })

  it('a changed headcount updates without a time change', () => {
    const more = generateShifts({ ...morning, headcount: { ...morning.headcount, volunteer: 3 } }, [], '2026-11-30', '2026-12-04')
    expect(planRegeneration(existing, more).update.every((u) => !u.timeChanged)).toBe(true)
  })

  it('a weekday dropped from the template cancels those shifts; adding it back restores them', () => {
    const noMonday = generateShifts({ ...morning, weekdays: [2, 3, 4, 5] }, [], '2026-11-30', '2026-12-04')
    const plan = planRegeneration(existing, noMonday)
    expect(plan.cancel).toEqual(['s0'])
    const cancelled = existing.map((s) => (s.id === 's0' ? { ...s, status: 'cancelled' as const } : s))
    expect(planRegeneration(cancelled, drafts).restore.map((r) => r.id)).toEqual(['s0'])
  })
})

describe('capacity and the waitlist', () => {
  it.each([
    [2, 0, false, 'active'],
    [2, 1, false, 'active'],
    [2, 2, false, 'full'],
    [2, 2, true, 'waitlisted'],
    [0, 0, true, 'waitlisted'],
  ] as const)('required %i, taken %i, waitlist wanted %s → %s', (required, active, want, expected) => {
    expect(placeFor(required, active, want)).toBe(expected)
  })

  it('free places go to the oldest waitlisted first', () => {
    const waitlist = [
      { id: 'b', createdAt: '2026-11-28T10:00:00Z' },
      { id: 'a', createdAt: '2026-11-28T09:00:00Z' },
      { id: 'c', createdAt: '2026-11-28T11:00:00Z' },
    ]
    expect(promotions(waitlist, 1).map((w) => w.id)).toEqual(['a'])
    expect(promotions(waitlist, 2).map((w) => w.id)).toEqual(['a', 'b'])
    expect(promotions(waitlist, 0)).toEqual([])
  })
})

describe('signupBlockReason', () => {
  beforeEach(() => jest.useFakeTimers().setSystemTime(new Date('2026-11-28T12:00:00Z')))
  afterEach(() => jest.useRealTimers())

  const base = (): SignupContext => ({
    now: new Date(),
    settings: DEFAULT_SETTINGS,
    shift: { startsAt: '2026-11-29T23:20:00Z', endsAt: '2026-11-30T00:00:00Z', status: 'scheduled', date: '2026-11-30' },
    role: 'volunteer',
    rolesAtSchool: ['volunteer'],
    signupsThisMonth: 0,
    alreadySigned: false,
    overlapping: false,
  })

  it.each<[string, Partial<SignupContext>, string | null]>([
    ['may sign up', {}, null],
    ['cancelled shift', { shift: { ...base().shift, status: 'cancelled' } }, '该班次已取消'],
    ['started', { now: new Date('2026-11-29T23:30:00Z') }, '该班次已开始，不能报名'],
    ['ended', { now: new Date('2026-11-30T01:00:00Z') }, '该班次已结束'],
    ['no such role there', { role: 'teacher' }, '你在该校没有这个身份，不能报名该岗位'],
    ['already on it', { alreadySigned: true }, '你已报名该班次'],
    ['busy elsewhere', { overlapping: true }, '你在同一时间已有其他班次'],
    ['at the cap', { signupsThisMonth: 2 }, '本月已报名 2 个班次，学校规定每位志愿者每月最多 2 个'],
    ['below a raised cap', { signupsThisMonth: 2, settings: settingsFrom({ monthlyCapPerVolunteer: 4 }) }, null],
    ['teachers have no cap', { role: 'teacher', rolesAtSchool: ['teacher'], signupsThisMonth: 9 }, null],
  ])('%s', (_name, patch, expected) => {
    expect(signupBlockReason({ ...base(), ...patch })).toBe(expected)
  })
})

describe('releaseBlockReason', () => {
  const startsAt = '2026-11-30T00:00:00Z'
  it.each([
    ['a day before: free', '2026-11-29T00:00:00Z', null],
    ['exactly at the cut-off: swap only', '2026-11-29T12:00:00Z', '距开始不足 12 小时，不能直接释放，请发起换班'],
    ['one minute before the cut-off: free', '2026-11-29T11:59:00Z', null],
    ['started', '2026-11-30T00:05:00Z', '班次已开始，不能释放'],
  ])('%s', (_name, now, expected) => {
    expect(releaseBlockReason(new Date(now), startsAt, DEFAULT_SETTINGS)).toBe(expected)
  })

  it('follows the school setting', () => {
    expect(releaseBlockReason(new Date('2026-11-29T12:00:00Z'), startsAt, settingsFrom({ releaseCutoffHours: 6 }))).toBeNull()
  })
})

describe('rankCandidates', () => {
  it('proposes the free members with the fewest shifts this term first', () => {
    const ranked = rankCandidates([
      { personId: 'a', name: '王芳', shiftsThisTerm: 5, busy: false },
      { personId: 'b', name: '张伟', shiftsThisTerm: 1, busy: false },
      { personId: 'c', name: '刘洋', shiftsThisTerm: 0, busy: true },
      { personId: 'd', name: '陈静', shiftsThisTerm: 1, busy: false },
    ])
    expect(ranked.map((c) => c.personId)).toEqual(['d', 'b', 'a'])
  })
})

describe('templateProblem', () => {
  it.each([
    [{}, null],
    [{ endTime: '07:00' }, 'endTime'],
    [{ startTime: '7:20' }, 'startTime'],
    [{ termEnd: '2026-08-01' }, 'termEnd'],
    [{ termStart: '2026-02-30' }, 'termStart'],
    [{ weekdays: [] }, 'weekdays'],
    [{ headcount: { volunteer: 0, teacher: 0, guard: 0, police: 0 } }, 'headcount'],
  ])('%j → %s', (patch, field) => {
    expect(templateProblem({ ...morning, ...patch })?.field ?? null).toBe(field)
  })
})

describe('generationWindow', () => {
  it('starts today in Shanghai and covers four weeks', () => {
    // 2026-11-28 20:00 UTC is already 2026-11-29 in Shanghai
    expect(generationWindow(new Date('2026-11-28T20:00:00Z'))).toEqual({ from: '2026-11-29', to: '2026-12-27' })
  })
})

describe('currentTerm', () => {
  it.each([
    ['2026-11-28T04:00:00Z', '2026-09-01', '2027-01-22'],
    ['2027-01-10T04:00:00Z', '2026-09-01', '2027-01-22'],
    ['2027-03-10T04:00:00Z', '2027-02-16', '2027-07-03'],
    // 1 September in Shanghai, still 31 August in UTC
    ['2026-08-31T20:00:00Z', '2026-09-01', '2027-01-22'],
  ])('%s', (now, start, end) => {
    expect(currentTerm(new Date(now))).toMatchObject({ start, end })
  })
})

describe('local time', () => {
  it('is Shanghai time whatever the machine zone', () => {
    expect(localToInstant('2026-12-01', '07:20')).toBe('2026-11-30T23:20:00.000Z')
    expect(local('2026-11-30T23:20:00Z').format('YYYY-MM-DD HH:mm')).toBe('2026-12-01 07:20')
  })
})

describe('the term so far (本学期 in coverage and the bulletin)', () => {
  it('runs from the term start to today while the term is on, to its end once it is over', () => {
    expect(termSoFar(new Date('2026-10-29T04:00:00Z'))).toEqual({ from: '2026-09-01', to: '2026-10-29', untilToday: true })
    expect(termSoFar(new Date('2027-01-25T04:00:00Z'))).toEqual({ from: '2026-09-01', to: '2027-01-22', untilToday: false })
    // the summer break belongs to the autumn term to come: nothing has happened yet
    expect(termSoFar(new Date('2026-08-20T04:00:00Z'))).toEqual({ from: '2026-09-01', to: '2026-09-01', untilToday: true })
    expect(termInProgress('2026-09-01', '2026-10-29')).toBe(true)
    expect(termInProgress('2026-09-01', '2027-01-22')).toBe(false)
  })
})
