import { attendanceOpen, nextReminderAt, reminderBlockReason, resolveAudience, rsvpBlockReason } from '../../domain/notices'

describe('resolveAudience', () => {
  const members = [
    { personId: 'a', role: 'volunteer' as const, schoolId: 's1' },
    { personId: 'a', role: 'teacher' as const, schoolId: 's1' },
    { personId: 'b', role: 'volunteer' as const, schoolId: 's2' },
    { personId: 'c', role: 'guard' as const, schoolId: 's1' },
    { personId: 'a', role: 'volunteer' as const, schoolId: 's2' },
  ]
  it.each([
    ['one school, volunteers', { schoolIds: ['s1'], roles: ['volunteer'] }, ['a|s1']],
    ['one school, all duty roles: one receipt per person and school', { schoolIds: ['s1'], roles: ['volunteer', 'teacher', 'guard'] }, ['a|s1', 'c|s1']],
    ['two schools, volunteers', { schoolIds: ['s1', 's2'], roles: ['volunteer'] }, ['a|s1', 'b|s2', 'a|s2']],
    ['nobody', { schoolIds: ['s3'], roles: ['volunteer'] }, []],
  ] as const)('%s', (_n, audience, expected) => {
    expect(resolveAudience(members, { schoolIds: [...audience.schoolIds], roles: [...audience.roles] }).map((m) => `${m.personId}|${m.schoolId}`)).toEqual(expected)
  })
})

describe('reminders', () => {
  const now = new Date('2026-12-01T08:00:00Z')
  it.each([
    [0, null, null],
    [1, '2026-12-01T07:56:00Z', '5 分钟内只能提醒一次'],
    [1, '2026-12-01T07:55:00Z', null],
    [3, '2026-12-01T06:00:00Z', '最多提醒 3 次，已用完'],
  ])('after %i reminders, last at %s', (count, last, expected) => {
    expect(reminderBlockReason(count, last, now)).toBe(expected)
  })
  it('tells when the next one may go', () => {
    expect(nextReminderAt(1, '2026-12-01T07:56:00Z')).toBe('2026-12-01T08:01:00.000Z')
    expect(nextReminderAt(3, '2026-12-01T07:56:00Z')).toBeNull()
  })
})

describe('RSVP', () => {
  const now = new Date('2026-12-01T08:00:00Z')
  it.each([
    [{ capacity: 30, deadline: '2026-12-02T00:00:00Z', joined: 29 }, false, null],
    [{ capacity: 30, deadline: '2026-12-02T00:00:00Z', joined: 30 }, false, '名额已满'],
    [{ capacity: 30, deadline: '2026-12-02T00:00:00Z', joined: 30 }, true, null],
    [{ capacity: null, deadline: '2026-11-30T00:00:00Z', joined: 0 }, false, '报名已截止'],
    [{ capacity: null, deadline: null, joined: 999 }, false, null],
  ])('%j (already joined: %s)', (n, joined, expected) => {
    expect(rsvpBlockReason(n, now, joined)).toBe(expected)
  })
})

describe('attendanceOpen', () => {
  it.each([
    ['2026-12-01T07:29:00Z', false],
    ['2026-12-01T07:30:00Z', true],
    ['2026-12-01T09:00:00Z', true],
    ['2026-12-01T09:01:00Z', false],
  ])('%s', (now, open) => {
    expect(attendanceOpen(new Date(now), '2026-12-01T08:00:00Z', '2026-12-01T09:00:00Z')).toBe(open)
  })
})
