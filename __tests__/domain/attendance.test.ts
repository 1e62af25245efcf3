import {
  checkinTiming,
  checkoutTiming,
  closingOf,
  dutyState,
  isValidDuty,
  type DutyFacts,
  minutesInsideShift,
  offlineTimeProblem,
  offPostState,
  serviceHours,
  signalLost,
} from '../../domain/attendance'
import { distanceM, fenceVerdict, directionText } from '../../domain/geo'
import { DEFAULT_SETTINGS as S, settingsFrom } from '../../domain/settings'

// A shift 07:20–08:00 on 2026-12-01 in Shanghai.
const shift = { startsAt: '2026-11-30T23:20:00Z', endsAt: '2026-12-01T00:00:00Z' }
// local('07:20') is 07:20 on 2026-12-01 in Shanghai
const local = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return new Date(Date.UTC(2026, 11, 1, h - 8, m))
}

describe('check-in window', () => {
  it.each([
    ['06:49', { ok: false, message: '签到在开始前 30 分钟开放' }],
    ['06:50', { ok: true, late: false }],
    ['07:20', { ok: true, late: false }],
    ['07:25', { ok: true, late: false }],
    ['07:26', { ok: true, late: true }],
    ['08:00', { ok: true, late: true }],
    ['08:01', { ok: false, message: '班次已结束，不能签到' }],
  ])('at %s', (time, expected) => {
    expect(checkinTiming(local(time), shift, S)).toEqual(expected)
  })

  it('follows the school settings', () => {
    expect(checkinTiming(local('07:28'), shift, settingsFrom({ lateGraceMin: 10 }))).toEqual({ ok: true, late: false })
  })
})

describe('check-out', () => {
  it.each([
    ['07:40', { ok: true, earlyLeave: true }],
    ['07:49', { ok: true, earlyLeave: true }],
    ['07:50', { ok: true, earlyLeave: false }],
    ['09:00', { ok: true, earlyLeave: false }],
    ['09:01', { ok: false, message: '已超过签退时限，本班次记为未签退' }],
    // before the shift even began: still an early leave
    ['06:55', { ok: true, earlyLeave: true }],
    ['07:19', { ok: true, earlyLeave: true }],
  ])('at %s', (time, expected) => {
    expect(checkoutTiming(local(time), shift, S)).toEqual(expected)
  })
})

describe('a valid duty has time inside the shift', () => {
  beforeEach(() => jest.useFakeTimers().setSystemTime(local('12:00')))
  afterEach(() => jest.useRealTimers())

  it.each([
    ['in and out before the shift began', '06:50', '07:10', 0, false],
    ['out exactly at the start', '06:50', '07:20', 0, false],
    ['one minute inside', '06:50', '07:21', 1, true],
    ['the whole shift', '07:18', '08:00', 40, true],
    ['in after the end (late), out later', '08:01', '08:30', 0, false],
    ['a short early leave', '07:20', '07:40', 20, true],
  ])('%s', (_n, from, to, minutes, valid) => {
    expect(minutesInsideShift(local(from).toISOString(), local(to).toISOString(), shift)).toBe(minutes)
    expect(isValidDuty(local(from).toISOString(), local(to).toISOString(), shift)).toBe(valid)
  })
})

describe('closing a shift', () => {
  const none = { checkedInAt: null, checkedOutAt: null }
  const inOnly = { checkedInAt: local('07:15').toISOString(), checkedOutAt: null }
  const both = { ...inOnly, checkedOutAt: local('08:00').toISOString() }
  it.each([
    ['before the end, not checked in', local('07:59'), none, null],
    ['at the end, nobody checked in: no-show', local('08:00'), none, 'no_show'],
    ['checked in, no check-out, before end + 60', local('08:59'), inOnly, null],
    ['checked in, no check-out at end + 60: missing checkout', local('09:00'), inOnly, 'missing_checkout'],
    ['checked in and out', local('10:00'), both, null],
  ])('%s', (_n, now, att, expected) => {
    expect(closingOf(now, shift, att, S)).toBe(expected)
  })
})

describe('service hours', () => {
  const long = { startsAt: local('07:00').toISOString(), endsAt: local('11:00').toISOString() }
  it.each([
    ['the whole 40-minute shift', '07:20', '08:00', shift, 0.5],
    ['15 minutes', '07:20', '07:35', shift, 0],
    ['16 minutes', '07:20', '07:36', shift, 0.5],
    ['45 minutes', '07:00', '07:45', long, 0.5],
    ['46 minutes', '07:00', '07:46', long, 1],
    ['2 h 10 min', '07:00', '09:10', long, 2],
    ['2 h 20 min', '07:00', '09:20', long, 2.5],
    ['early check-in is clipped to the start', '06:50', '08:00', shift, 0.5],
    ['late check-out is clipped to the end', '07:20', '09:30', shift, 0.5],
    ['check-out before check-in counts nothing', '07:50', '07:40', shift, 0],
  ])('%s → %s h', (_n, from, to, span, hours) => {
    expect(serviceHours(local(from).toISOString(), local(to).toISOString(), span)).toBe(hours)
  })
})

describe('offline check-in time', () => {
  it.each([
    ['inside the window', '07:22', '07:40', null],
    ['from the future', '07:50', '07:40', '离线签到时间晚于服务器时间'],
    ['before the window', '06:30', '09:00', '签到在开始前 30 分钟开放'],
    ['after the shift', '08:10', '09:00', '班次已结束，不能签到'],
  ])('%s', (_n, client, received, expected) => {
    expect(offlineTimeProblem(local(client), local(received), shift, S)).toBe(expected)
  })
})

describe('geofence', () => {
  const gate = { lat: 28.63972, lng: 115.91741, radiusM: 150 }
  const north = (m: number) => ({ lat: gate.lat + m / 111_195, lng: gate.lng })

  it('measures distances', () => {
    expect(Math.round(distanceM(gate, north(100)))).toBe(100)
    expect(directionText(gate, north(100))).toBe('北')
  })

  it.each([
    ['at the gate', north(0), 10, 'inside'],
    ['at the radius', north(150), 0, 'inside'],
    ['beyond radius but within accuracy allowance', north(200), 60, 'inside'],
    ['allowance is capped at 100 m', north(260), 250, 'outside'],
    ['2 km away', north(2000), 20, 'outside'],
    ['accuracy worse than 300 m is refused', north(0), 301, 'inaccurate'],
  ] as const)('%s', (_n, point, accuracy, kind) => {
    expect(fenceVerdict(gate, { ...point, accuracy }, S).kind).toBe(kind)
  })

  it('says how far away a refused person is, in Chinese', () => {
    const v = fenceVerdict(gate, { ...north(2000), accuracy: 20 }, S)
    expect(v).toEqual({ kind: 'outside', distanceM: 2000, limitM: 170, message: '你距岗点约 2.0 公里，不在签到范围（170 米）内' })
    expect(fenceVerdict(gate, { ...north(0), accuracy: 500 }, S)).toEqual({ kind: 'inaccurate', message: '定位不准，请到开阔处重试' })
  })
})

describe('off-post and lost signal', () => {
  const ping = (time: string, inside: boolean) => ({ at: local(time).toISOString(), inside })
  it.each([
    ['inside, pinging', [ping('07:29', true)], null],
    ['no position yet', [], null],
    ['positions outside for 4 minutes', [ping('07:29', true), ping('07:30', false), ping('07:34', false)], null],
    ['positions outside for 5 minutes', [ping('07:29', true), ping('07:30', false), ping('07:33', false), ping('07:35', false)], { since: local('07:30').toISOString() }],
    ['came back in time', [ping('07:30', false), ping('07:33', true), ping('07:35', true)], null],
    ['out, in, then out again: counted from the second time out', [ping('07:20', false), ping('07:26', true), ping('07:27', false), ping('07:31', false)], null],
    // one position outside, then the phone is locked: silence is not evidence
    ['one position outside, then nothing for 20 minutes', [ping('07:20', true), ping('07:25', false)], null],
  ])('%s', (_n, pings, expected) => {
    expect(offPostState(pings, S)).toEqual(expected)
  })

  it.each([
    ['heard 9 minutes ago', local('07:39'), local('07:30'), false],
    ['heard 10 minutes ago', local('07:40'), local('07:30'), true],
    ['nothing since a check-in 12 minutes ago', local('07:27'), local('07:15'), true],
  ])('signal lost: %s', (_n, now, lastSeen, expected) => {
    expect(signalLost(now, lastSeen.toISOString(), S)).toBe(expected)
  })

  it('the silence of a locked phone is a lost signal, never 离岗', () => {
    jest.useFakeTimers().setSystemTime(local('07:50'))
    const pings = [ping('07:20', true), ping('07:25', false)]
    expect(offPostState(pings, S)).toBeNull()
    expect(signalLost(new Date(), pings[1].at, S)).toBe(true)
    jest.useRealTimers()
  })
})

describe('duty state (the duty board and the shift card)', () => {
  const none: DutyFacts = { checkInAt: null, checkOutAt: null, late: false, outcome: null, offPost: false, lastSeenAt: null }
  const inAt = (hhmm: string, more: Partial<DutyFacts> = {}): DutyFacts => ({ ...none, checkInAt: local(hhmm).toISOString(), ...more })
  it.each([
    ['06:49', none, 'upcoming'],
    ['06:50', none, 'waiting'],
    ['07:25', none, 'waiting'],
    ['07:26', none, 'missing'],
    ['08:00', none, 'no_show'],
    ['07:30', inAt('07:15'), 'signal_lost'],
    ['07:30', inAt('07:15', { lastSeenAt: local('07:28').toISOString() }), 'on_duty'],
    ['07:30', inAt('07:27', { late: true }), 'late'],
    ['07:30', inAt('07:27', { offPost: true }), 'off_post'],
    ['08:30', inAt('07:15', { checkOutAt: local('08:00').toISOString() }), 'checked_out'],
    ['09:30', inAt('07:15', { outcome: 'missing_checkout' }), 'missing_checkout'],
    ['09:30', { ...none, outcome: 'no_show' }, 'no_show'],
  ] as const)('at %s with %j: %s', (time, facts, expected) => {
    expect(dutyState(local(time), shift, facts, S)).toBe(expected)
  })

  it("opens 待签到 with the school's check-in window, not a fixed 30 minutes", () => {
    expect(dutyState(local('06:30'), shift, none, settingsFrom({ checkinOpensMin: 60 }))).toBe('waiting')
    expect(dutyState(local('06:30'), shift, none, S)).toBe('upcoming')
  })
})
