import {
  DEFAULT_BROADCAST_SETTINGS,
  broadcastCounts,
  broadcastRecipients,
  broadcastSchools,
  followUpDue,
  isOnDuty,
  recipientState,
  type DutyFact,
  type RecipientFacts,
} from '../../domain/broadcasts'
import { visiblePhone } from '../../domain/phone'
import { can, type Grant } from '../../domain/authorization'

const T0 = '2026-12-01T00:30:00.000Z' // 08:30 in Shanghai
const at = (sec: number) => new Date(Date.parse(T0) + sec * 1000)
const iso = (sec: number) => at(sec).toISOString()
const S = DEFAULT_BROADCAST_SETTINGS

beforeAll(() => {
  // Frozen clock: the rules take `now` and must never read the real one.
  jest.useFakeTimers().setSystemTime(new Date('2030-01-01T00:00:00Z'))
})
afterAll(() => jest.useRealTimers())

const duty = (personId: string, schoolId: string, inSec: number, outSec: number | null, endSec: number): DutyFact => ({
  personId,
  schoolId,
  checkedInAt: iso(inSec),
  checkedOutAt: outSec === null ? null : iso(outSec),
  shiftEndsAt: iso(endSec),
})

describe('who is on duty now', () => {
  it.each([
    ['checked in, shift running', duty('a', 's1', -600, null, 1800), true],
    ['checked in early, before the shift starts', duty('a', 's1', -60, null, 3000), true],
    ['checked out', duty('a', 's1', -600, -60, 1800), false],
    ['the shift has ended (forgot to check out)', duty('a', 's1', -3600, null, -1), false],
    ['the shift ends right now', duty('a', 's1', -3600, null, 0), false],
    ['a check-in stamped after now (a phone clock ahead)', duty('a', 's1', 30, null, 1800), false],
  ])('%s', (_name, fact, expected) => {
    expect(isOnDuty(fact, at(0))).toBe(expected)
  })
})

describe('the schools a broadcast goes to', () => {
  const officer = { responsibleSchoolIds: ['s1', 's2'], stationSchoolIds: ['s1', 's2', 's3'] }
  it('the chosen schools the officer is responsible for', () => {
    expect(broadcastSchools({ schoolIds: ['s2', 's1', 's2'] }, officer)).toEqual({ ok: true, schoolIds: ['s2', 's1'] })
  })
  it('a school of the station they are not responsible for is refused', () => {
    expect(broadcastSchools({ schoolIds: ['s1', 's3'] }, officer)).toMatchObject({ ok: false, field: 'schoolIds', message: '只能发给你负责的学校' })
  })
  it('the whole station: every school of it', () => {
    expect(broadcastSchools({ wholeStation: true }, officer)).toEqual({ ok: true, schoolIds: ['s1', 's2', 's3'] })
  })
  it('neither schools nor the whole station, or both, is refused', () => {
    expect(broadcastSchools({}, officer)).toMatchObject({ ok: false, message: '请选择学校，或发给全所' })
    expect(broadcastSchools({ schoolIds: [] }, officer)).toMatchObject({ ok: false })
    expect(broadcastSchools({ wholeStation: true, schoolIds: ['s1'] }, officer)).toMatchObject({ ok: false, field: 'schoolIds' })
  })
  it('an officer without schools cannot send to the whole station', () => {
    expect(broadcastSchools({ wholeStation: true }, { responsibleSchoolIds: [], stationSchoolIds: [] })).toMatchObject({ ok: false, field: 'wholeStation' })
  })
})

describe('the recipients', () => {
  const facts = [
    duty('a', 's1', -600, null, 1800),
    duty('b', 's1', -300, null, 1800),
    duty('c', 's2', -300, null, 1800),
    duty('gone', 's1', -600, -10, 1800),
    duty('officer', 's1', -600, null, 1800),
    // the same person on duty at two of the schools (two posts' shifts overlapping): once, at the first
    duty('d', 's2', -500, null, 1800),
    duty('d', 's1', -100, null, 1800),
  ]
  it('everyone on duty now at the chosen schools, once each, never the sender', () => {
    expect(broadcastRecipients(facts, ['s1'], 'officer', at(0))).toEqual([
      { personId: 'a', schoolId: 's1' },
      { personId: 'b', schoolId: 's1' },
      { personId: 'd', schoolId: 's1' },
    ])
    expect(broadcastRecipients(facts, ['s1', 's2'], 'officer', at(0)).map((r) => `${r.personId}@${r.schoolId}`)).toEqual(['a@s1', 'd@s2', 'b@s1', 'c@s2'])
  })
  it('nobody on duty: nobody', () => {
    expect(broadcastRecipients(facts, ['s9'], 'officer', at(0))).toEqual([])
  })
})

describe('re-alerts every minute, at most three times, then a phone call', () => {
  const sent: RecipientFacts = { confirmedAt: null, realerts: 0, lastAlertedAt: iso(0), callAt: null }
  // The job runs every few seconds: walk the clock and apply what is due, as the job does.
  function walk(until: number, confirmAt?: number): { at: number; what: string }[] {
    let r = { ...sent }
    const log: { at: number; what: string }[] = []
    for (let sec = 0; sec <= until; sec += 5) {
      if (confirmAt !== undefined && sec === confirmAt) r = { ...r, confirmedAt: iso(sec) }
      const due = followUpDue(r, at(sec), S)
      if (!due) continue
      if (due.kind === 'realert') {
        r = { ...r, realerts: due.n, lastAlertedAt: iso(sec) }
        log.push({ at: sec, what: `realert ${due.n}` })
      } else {
        r = { ...r, callAt: iso(sec) }
        log.push({ at: sec, what: 'call' })
      }
    }
    return log
  }

  it('unconfirmed: again at 1, 2 and 3 minutes, listed for a call at 4, nothing after', () => {
    expect(walk(900)).toEqual([
      { at: 60, what: 'realert 1' },
      { at: 120, what: 'realert 2' },
      { at: 180, what: 'realert 3' },
      { at: 240, what: 'call' },
    ])
  })
  it('confirmed after the first re-alert: nothing more', () => {
    expect(walk(900, 90)).toEqual([{ at: 60, what: 'realert 1' }])
  })
  it('nothing is due before the interval', () => {
    expect(followUpDue(sent, at(59), S)).toBeNull()
    expect(followUpDue(sent, at(60), S)).toEqual({ kind: 'realert', n: 1 })
  })
  it('a late job run sends one re-alert, not the missed ones at once', () => {
    expect(followUpDue(sent, at(600), S)).toEqual({ kind: 'realert', n: 1 })
  })
  it('the interval is a setting', () => {
    expect(followUpDue(sent, at(2), { realertSec: 2, maxRealerts: 3 })).toEqual({ kind: 'realert', n: 1 })
    expect(followUpDue({ ...sent, realerts: 1 }, at(2), { realertSec: 2, maxRealerts: 1 })).toEqual({ kind: 'call' })
  })
  it('states and counts', () => {
    expect(recipientState(sent)).toBe('waiting')
    expect(recipientState({ ...sent, confirmedAt: iso(3) })).toBe('confirmed')
    expect(recipientState({ ...sent, realerts: 3, callAt: iso(240) })).toBe('call')
    // confirming after being listed still counts as confirmed
    expect(recipientState({ ...sent, realerts: 3, callAt: iso(240), confirmedAt: iso(250) })).toBe('confirmed')
    expect(broadcastCounts(['confirmed', 'waiting', 'call', 'waiting'])).toEqual({ total: 4, confirmed: 1, waiting: 2, call: 1 })
  })
})

describe('policy and phone numbers', () => {
  const police: Grant = { role: 'police', stationId: 'st1', districtId: 'd1' }
  const otherPolice: Grant = { role: 'police', stationId: 'st2', districtId: 'd2' }
  const admin: Grant = { role: 'admin', districtId: 'd1' }
  const volunteer: Grant = { role: 'volunteer', schoolId: 's1', stationId: 'st1', districtId: 'd1' }
  const station = { level: 'station' as const, stationId: 'st1', districtId: 'd1' }
  it('police send and view at their station; admins view; people on duty confirm; nobody else', () => {
    expect(can([police], 'broadcast.send', station)).toBe(true)
    expect(can([otherPolice], 'broadcast.send', station)).toBe(false)
    expect(can([otherPolice], 'broadcast.view', station)).toBe(false)
    expect(can([admin], 'broadcast.send', station)).toBe(false)
    expect(can([admin], 'broadcast.view', station)).toBe(true)
    expect(can([volunteer], 'broadcast.send', { id: 's1', stationId: 'st1', districtId: 'd1' })).toBe(false)
    expect(can([volunteer], 'broadcast.confirm', { id: 's1', stationId: 'st1', districtId: 'd1' })).toBe(true)
  })
  it('the sender sees in full only the numbers of those to call', () => {
    expect(visiblePhone('13800001234', { isSelf: false, reviewsPendingRequest: false, callsAboutBroadcast: true })).toBe('13800001234')
    expect(visiblePhone('13800001234', { isSelf: false, reviewsPendingRequest: false, callsAboutBroadcast: false })).toBe('138****1234')
    expect(visiblePhone('13800001234', { isSelf: false, reviewsPendingRequest: false })).toBe('138****1234')
  })
})
