import {
  ALARM_TRANSITIONS,
  DEFAULT_ALARM_SETTINGS,
  alarmFigures,
  alarmSettingsFrom,
  cancellableUntil,
  drillAlarmBlockReason,
  drillAlarmWindow,
  durationText,
  median,
  reviewNumbers,
  shareText,
  timesOf,
  dueEscalations,
  escalationAudience,
  responderStates,
  responseMarks,
  responseTimes,
  transitionAlarm,
  type AlarmFact,
  type AlarmSnapshot,
} from '../../domain/alarms'
import { can, type Grant } from '../../domain/authorization'
import { ALARM_STATUSES, type AlarmActorKind, type AlarmStatus } from '../../types/alarms'

const T0 = '2026-12-01T00:30:00.000Z' // 08:30 in Shanghai, the morning peak
const at = (sec: number) => new Date(Date.parse(T0) + sec * 1000)
const iso = (sec: number) => at(sec).toISOString()
const S = DEFAULT_ALARM_SETTINGS

beforeAll(() => {
  // Frozen clock: the rules must never read it (they take `now`), and tests must not depend on it.
  jest.useFakeTimers().setSystemTime(new Date('2030-01-01T00:00:00Z'))
})
afterAll(() => jest.useRealTimers())

function alarm(status: AlarmStatus, events: AlarmFact[] = [], drill = false): AlarmSnapshot {
  return { status, raisedAt: T0, raiserId: 'vol', drill, events: [{ action: 'raise', actorId: 'vol', actorKind: 'raiser', at: T0 }, ...events] }
}
const ev = (action: AlarmFact['action'], actorId: string | null, actorKind: AlarmActorKind, sec: number, level?: 1 | 2): AlarmFact => ({
  action,
  actorId,
  actorKind,
  at: iso(sec),
  level: level ?? null,
})

const police = { id: 'p1', kinds: ['officer'] as AlarmActorKind[] }
const guard = { id: 'g1', kinds: ['school'] as AlarmActorKind[] }
const raiser = { id: 'vol', kinds: ['raiser'] as AlarmActorKind[] }
const system = { id: null, kinds: ['system'] as AlarmActorKind[] }

describe('transitionAlarm: status × action × actor', () => {
  // Every allowed change written out by hand: from × action × who → to.
  const ALLOWED: [AlarmStatus, keyof typeof ALARM_TRANSITIONS, AlarmActorKind, AlarmStatus][] = [
    ['raised', 'acknowledge', 'school', 'acknowledged'],
    ['raised', 'acknowledge', 'officer', 'acknowledged'],
    ['acknowledged', 'acknowledge', 'school', 'acknowledged'],
    ['acknowledged', 'acknowledge', 'officer', 'acknowledged'],
    ['on_site', 'acknowledge', 'school', 'on_site'],
    ['on_site', 'acknowledge', 'officer', 'on_site'],
    ['raised', 'arrive', 'school', 'on_site'],
    ['raised', 'arrive', 'officer', 'on_site'],
    ['acknowledged', 'arrive', 'school', 'on_site'],
    ['acknowledged', 'arrive', 'officer', 'on_site'],
    ['on_site', 'arrive', 'school', 'on_site'],
    ['on_site', 'arrive', 'officer', 'on_site'],
    ['raised', 'close', 'officer', 'closed'],
    ['acknowledged', 'close', 'officer', 'closed'],
    ['on_site', 'close', 'officer', 'closed'],
    ['raised', 'cancel', 'raiser', 'cancelled'],
    ['acknowledged', 'cancel', 'raiser', 'cancelled'],
    ['on_site', 'cancel', 'raiser', 'cancelled'],
    ...(['raised', 'acknowledged', 'on_site'] as const).flatMap((s) => [
      [s, 'locate', 'raiser', s] as [AlarmStatus, 'locate', AlarmActorKind, AlarmStatus],
      [s, 'describe', 'raiser', s] as [AlarmStatus, 'describe', AlarmActorKind, AlarmStatus],
      [s, 'escalate', 'system', s] as [AlarmStatus, 'escalate', AlarmActorKind, AlarmStatus],
    ]),
  ]
  const KINDS: AlarmActorKind[] = ['raiser', 'school', 'officer', 'system']
  const ACTIONS = Object.keys(ALARM_TRANSITIONS) as (keyof typeof ALARM_TRANSITIONS)[]
  const cases = ALARM_STATUSES.flatMap((from) => ACTIONS.flatMap((action) => KINDS.map((who) => [from, action, who] as const)))

  it.each(cases)('%s + %s by %s', (from, action, who) => {
    const result = transitionAlarm(alarm(from), action, { id: 'x', kinds: [who] }, at(5), S, { outcome: 'handled', level: 1 })
    const allowed = ALLOWED.find(([f, a, w]) => f === from && a === action && w === who)
    const mayAct = ALLOWED.some(([, a, w]) => a === action && w === who)
    if (!mayAct) expect(result).toMatchObject({ ok: false, status: 403 })
    else if (allowed) expect(result).toMatchObject({ ok: true, to: allowed[3], changed: true, event: { action, actorId: 'x', at: iso(5) } })
    else if ((action === 'close' && from === 'closed') || (action === 'cancel' && from === 'cancelled')) expect(result).toEqual({ ok: true, to: from, changed: false })
    else expect(result).toMatchObject({ ok: false, status: 409 })
  })

  it('writes the event under the responder kind (police before school) and carries the level', () => {
    const both = { id: 'pg', kinds: ['raiser', 'school', 'officer'] as AlarmActorKind[] }
    expect(transitionAlarm(alarm('raised'), 'arrive', both, at(20), S)).toMatchObject({ event: { actorKind: 'officer' } })
    expect(transitionAlarm(alarm('raised'), 'cancel', both, at(2), S)).toMatchObject({ event: { actorKind: 'raiser' } })
    expect(transitionAlarm(alarm('raised'), 'escalate', system, at(61), S, { level: 1 })).toMatchObject({ event: { actorKind: 'system', level: 1, actorId: null } })
  })

  it('says why in Chinese', () => {
    expect(transitionAlarm(alarm('closed'), 'arrive', police, at(5), S)).toEqual({ ok: false, status: 409, message: '报警已处置完毕，不能到场' })
    expect(transitionAlarm(alarm('raised'), 'close', guard, at(5), S)).toEqual({ ok: false, status: 403, message: '你不能对该报警执行「处置完毕」' })
  })
})

describe('idempotency: a retried tap changes nothing', () => {
  it.each([
    ['acknowledge twice', alarm('acknowledged', [ev('acknowledge', 'p1', 'officer', 10)]), 'acknowledge', police],
    ['acknowledge after arriving', alarm('on_site', [ev('arrive', 'p1', 'officer', 10)]), 'acknowledge', police],
    ['arrive twice', alarm('on_site', [ev('arrive', 'g1', 'school', 10)]), 'arrive', guard],
  ] as const)('%s', (_n, snapshot, action, who) => {
    expect(transitionAlarm(snapshot, action, who, at(30), S)).toEqual({ ok: true, to: snapshot.status, changed: false })
  })

  it('a second person acknowledging is a new event; status does not go back', () => {
    const a = alarm('on_site', [ev('arrive', 'g1', 'school', 10)])
    expect(transitionAlarm(a, 'acknowledge', police, at(20), S)).toMatchObject({ ok: true, to: 'on_site', changed: true })
  })

  it('the same escalation level is written once', () => {
    const a = alarm('raised', [ev('escalate', null, 'system', 61, 1)])
    expect(transitionAlarm(a, 'escalate', system, at(70), S, { level: 1 })).toEqual({ ok: true, to: 'raised', changed: false })
    expect(transitionAlarm(a, 'escalate', system, at(181), S, { level: 2 })).toMatchObject({ ok: true, changed: true })
  })

  it('close and cancel again answer the same', () => {
    expect(transitionAlarm(alarm('closed'), 'close', police, at(300), S, { outcome: 'handled' })).toEqual({ ok: true, to: 'closed', changed: false })
    expect(transitionAlarm(alarm('cancelled'), 'cancel', raiser, at(300), S)).toEqual({ ok: true, to: 'cancelled', changed: false })
  })
})

describe('inputs and windows', () => {
  it('close needs an outcome', () => {
    expect(transitionAlarm(alarm('on_site'), 'close', police, at(200), S)).toMatchObject({ ok: false, status: 400, field: 'outcome' })
  })

  it.each([
    [0, true],
    [10, true],
    [11, false],
  ])('cancel %i s after the alarm: %s', (sec, ok) => {
    const result = transitionAlarm(alarm('raised'), 'cancel', raiser, at(sec), S)
    if (ok) expect(result).toMatchObject({ ok: true, to: 'cancelled' })
    else expect(result).toEqual({ ok: false, status: 409, message: '报警已超过 10 秒，不能取消；请等待民警处置' })
  })

  it('cancellableUntil follows the window and the status', () => {
    expect(cancellableUntil({ status: 'raised', raisedAt: T0 }, at(3), S)).toBe(iso(10))
    expect(cancellableUntil({ status: 'raised', raisedAt: T0 }, at(11), S)).toBeNull()
    expect(cancellableUntil({ status: 'cancelled', raisedAt: T0 }, at(3), S)).toBeNull()
  })
})

describe('1-3-5 marks', () => {
  const states = (a: AlarmSnapshot, sec: number, s = S) => responseMarks(a, at(sec), s).map((m) => [m.state, m.atSec])

  it.each<[string, AlarmSnapshot, number, [string, number | null][]]>([
    [
      'all pending in the first seconds',
      alarm('raised'),
      30,
      [
        ['pending', null],
        ['pending', null],
        ['pending', null],
      ],
    ],
    [
      'guard in 50 s, police in 170 s and 290 s: all green',
      alarm('on_site', [ev('arrive', 'g1', 'school', 50), ev('arrive', 'p1', 'officer', 170), ev('arrive', 'p2', 'officer', 290)]),
      400,
      [
        ['met', 50],
        ['met', 170],
        ['met', 290],
      ],
    ],
    [
      'nobody by 61 s: the 1-minute mark is red',
      alarm('raised'),
      61,
      [
        ['missed', null],
        ['pending', null],
        ['pending', null],
      ],
    ],
    [
      'guard at 75 s: red with the time',
      alarm('on_site', [ev('arrive', 'g1', 'school', 75)]),
      100,
      [
        ['missed', 75],
        ['pending', null],
        ['pending', null],
      ],
    ],
    [
      'police arriving does not count for the school mark',
      alarm('on_site', [ev('arrive', 'p1', 'officer', 40)]),
      100,
      [
        ['missed', null],
        ['met', 40],
        ['pending', null],
      ],
    ],
    [
      'the same officer arriving twice is not a second officer',
      alarm('on_site', [ev('arrive', 'p1', 'officer', 40), ev('arrive', 'p1', 'officer', 100)]),
      301,
      [
        ['missed', null],
        ['met', 40],
        ['missed', null],
      ],
    ],
    [
      'an acknowledgement is not an arrival',
      alarm('acknowledged', [ev('acknowledge', 'g1', 'school', 5)]),
      61,
      [
        ['missed', null],
        ['pending', null],
        ['pending', null],
      ],
    ],
    [
      'cancelled as 误触: void',
      alarm('cancelled', [ev('cancel', 'vol', 'raiser', 4)]),
      400,
      [
        ['void', null],
        ['void', null],
        ['void', null],
      ],
    ],
    [
      'closed at 2 min: the later marks never applied',
      alarm('closed', [ev('arrive', 'g1', 'school', 30), ev('close', 'p1', 'officer', 120)]),
      400,
      [
        ['met', 30],
        ['void', null],
        ['void', null],
      ],
    ],
    [
      'closed at 4 min without police: 3 missed, 5 void',
      alarm('closed', [ev('close', 'p1', 'officer', 240)]),
      400,
      [
        ['missed', null],
        ['missed', null],
        ['void', null],
      ],
    ],
  ])('%s', (_n, a, sec, expected) => {
    expect(states(a, sec)).toEqual(expected)
  })

  it('uses the district thresholds (2/5/8)', () => {
    const s = alarmSettingsFrom({ schoolOnSiteMin: 2, policeOnSiteMin: 5, secondPoliceOnSiteMin: 8 })
    const a = alarm('on_site', [ev('arrive', 'g1', 'school', 100), ev('arrive', 'p1', 'officer', 250)])
    expect(responseMarks(a, at(260), s).map((m) => [m.minutes, m.state])).toEqual([
      [2, 'met'],
      [5, 'met'],
      [8, 'pending'],
    ])
  })

  it('settings ignore nonsense and keep defaults', () => {
    expect(alarmSettingsFrom({ schoolOnSiteMin: -1, policeOnSiteMin: Number.NaN })).toEqual(DEFAULT_ALARM_SETTINGS)
  })
})

describe('escalations', () => {
  it.each<[string, AlarmSnapshot, number, number[]]>([
    ['nothing before 60 s', alarm('raised'), 59, []],
    ['no police ack at 60 s', alarm('raised'), 60, [1]],
    ['a guard acknowledging does not stop it', alarm('acknowledged', [ev('acknowledge', 'g1', 'school', 5)]), 60, [1]],
    ['a police ack stops level 1', alarm('acknowledged', [ev('acknowledge', 'p1', 'officer', 30)]), 90, []],
    ['a police arrival counts as ack', alarm('on_site', [ev('arrive', 'p1', 'officer', 30)]), 200, []],
    ['no police on site at 3 min: level 2', alarm('acknowledged', [ev('acknowledge', 'p1', 'officer', 30)]), 180, [2]],
    ['both due when nothing happened', alarm('raised'), 200, [1, 2]],
    ['written ones are not due again', alarm('raised', [ev('escalate', null, 'system', 60, 1)]), 100, []],
    ['closed alarms never escalate', alarm('closed', [ev('close', 'p1', 'officer', 30)]), 500, []],
    ['cancelled alarms never escalate', alarm('cancelled', [ev('cancel', 'vol', 'raiser', 3)]), 500, []],
  ])('%s', (_n, a, sec, expected) => {
    expect(dueEscalations(a, at(sec), S)).toEqual(expected)
  })

  it('drills never reach beyond the school and the station', () => {
    expect(escalationAudience(true)).toEqual(['station'])
    expect(escalationAudience(false)).toEqual(['station', 'district'])
  })
})

describe('responders and response times', () => {
  const a = alarm('on_site', [ev('acknowledge', 'p1', 'officer', 20), ev('arrive', 'g1', 'school', 45), ev('arrive', 'p1', 'officer', 150), ev('arrive', 'p2', 'officer', 280)])
  it('each responder: 已收到 and 已到场 (arriving counts as acknowledging)', () => {
    expect(Object.fromEntries(responderStates(a))).toEqual({
      p1: { kind: 'officer', acknowledgedAt: iso(20), arrivedAt: iso(150) },
      g1: { kind: 'school', acknowledgedAt: iso(45), arrivedAt: iso(45) },
      p2: { kind: 'officer', acknowledgedAt: iso(280), arrivedAt: iso(280) },
    })
  })
  it('times for the drill record and the reviewers', () => {
    expect(responseTimes(a)).toEqual({ firstAckSec: 20, schoolOnSiteSec: 45, policeOnSiteSec: 150, secondPoliceOnSiteSec: 280 })
    expect(responseTimes(alarm('raised'))).toEqual({ firstAckSec: null, schoolOnSiteSec: null, policeOnSiteSec: null, secondPoliceOnSiteSec: null })
  })
})

describe('drill alarms: only during a scheduled drill at one of its schools', () => {
  // a drill 15:30–16:20 local (07:30–08:20 UTC)
  const drill = { type: 'drill', status: 'published', eventAt: '2026-12-01T07:30:00.000Z', eventEndAt: '2026-12-01T08:20:00.000Z', schoolIds: ['s1', 's2'] }
  const utc = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00.000Z`)

  it('the window opens 30 min before the start and closes 30 min after the end (2 h when no end is set)', () => {
    expect(drillAlarmWindow(drill.eventAt, drill.eventEndAt)).toEqual({ from: '2026-12-01T07:00:00.000Z', to: '2026-12-01T08:50:00.000Z' })
    expect(drillAlarmWindow(drill.eventAt, null)).toEqual({ from: '2026-12-01T07:00:00.000Z', to: '2026-12-01T10:00:00.000Z' })
  })

  it.each([
    ['06:59', 's1', drill, '演练开始前 30 分钟起才能发起演练报警'],
    ['07:00', 's1', drill, null],
    ['07:45', 's2', drill, null],
    ['08:50', 's1', drill, null],
    ['08:51', 's1', drill, '这次演练已经结束，不能再发起演练报警'],
    ['07:45', 's3', drill, '这所学校不在这次演练的范围内'],
    ['07:45', 's1', { ...drill, status: 'withdrawn' }, '这次演练的通知未发布或已撤回，不能发起演练报警'],
    ['07:45', 's1', { ...drill, status: 'scheduled' }, '这次演练的通知未发布或已撤回，不能发起演练报警'],
    ['07:45', 's1', { ...drill, type: 'training' }, '演练报警只能在已安排的应急演练中发起'],
    ['07:45', 's1', { ...drill, eventAt: null }, '演练报警只能在已安排的应急演练中发起'],
  ])('at %s UTC at %s: %p → %s', (hhmm, school, d, reason) => {
    expect(drillAlarmBlockReason(d, school, utc(hhmm))).toBe(reason)
  })
})

describe('the reviewers’ numbers', () => {
  const real = (events: AlarmFact[], status: AlarmStatus = 'closed', drill = false) =>
    alarmFigures(timesOf(alarm(status, [...events, ...(status === 'closed' ? [ev('close', 'p1', 'officer', 400)] : [])], drill)), at(600), S)

  it('kinds, median of the first acknowledgements, police on site within 3 and 5 minutes of those decided', () => {
    const n = reviewNumbers([
      real([ev('acknowledge', 'g1', 'school', 20), ev('arrive', 'p1', 'officer', 150)]), // within 3 and 5
      real([ev('arrive', 'g1', 'school', 40), ev('arrive', 'p1', 'officer', 240)]), // within 5 only; arriving counts as acknowledging
      real([ev('acknowledge', 'p1', 'officer', 70)]), // no police came: missed both
      real([ev('acknowledge', 'g1', 'school', 10)], 'closed', true), // a drill, measured like the rest
      alarmFigures(timesOf(alarm('cancelled', [ev('cancel', 'vol', 'raiser', 5)])), at(600), S), // 误触: counted, not measured
    ])
    expect(n).toEqual({
      real: 3,
      drill: 1,
      mistaken: 1,
      acknowledged: 4,
      medianAckSec: 30,
      policeWithin3: { met: 1, decided: 4, rate: 0.25 },
      policeWithin5: { met: 2, decided: 4, rate: 0.5 },
    })
  })

  it('an alarm ended before the mark came due with no police is not decided; an open one is pending until due', () => {
    const early = alarmFigures(timesOf(alarm('closed', [ev('close', 'p1', 'officer', 100)])), at(600), S)
    expect([early.policeWithin3.state, early.policeWithin5.state]).toEqual(['void', 'void'])
    const open = (sec: number) => alarmFigures(timesOf(alarm('raised')), at(sec), S)
    expect([open(170).policeWithin3.state, open(200).policeWithin3.state, open(200).policeWithin5.state, open(301).policeWithin5.state]).toEqual([
      'pending',
      'missed',
      'pending',
      'missed',
    ])
    expect(reviewNumbers([early, open(200)]).policeWithin3).toEqual({ met: 0, decided: 1, rate: 0 })
  })

  it('the marks from the first times are the marks of the alarm page', () => {
    const a = alarm('on_site', [ev('arrive', 'g1', 'school', 50), ev('arrive', 'p1', 'officer', 200), ev('arrive', 'p2', 'officer', 290)])
    expect(alarmFigures(timesOf(a), at(400), S).marks).toEqual(responseMarks(a, at(400), S))
  })

  it('median, durations and shares as screens and exports write them', () => {
    expect([median([]), median([5]), median([9, 1, 5]), median([10, 20, 30, 41])]).toEqual([null, 5, 5, 25])
    expect([durationText(null), durationText(45), durationText(125)]).toEqual(['—', '45 秒', '2 分 05 秒'])
    expect([shareText({ met: 0, decided: 0, rate: null }), shareText({ met: 2, decided: 3, rate: 0.667 })]).toEqual(['—', '66.7%（2/3）'])
  })
})

describe('who may raise, see, respond and close (domain/authorization)', () => {
  const school = { id: 's1', stationId: 'st1', districtId: 'd1' }
  const grants: Record<string, Grant[]> = {
    volunteer: [{ role: 'volunteer', schoolId: 's1' }],
    teacher: [{ role: 'teacher', schoolId: 's1' }],
    guard: [{ role: 'guard', schoolId: 's1' }],
    principal: [{ role: 'principal', schoolId: 's1' }],
    police: [{ role: 'police', stationId: 'st1' }],
    admin: [{ role: 'admin', districtId: 'd1' }],
    otherPolice: [{ role: 'police', stationId: 'st2' }],
    otherVolunteer: [{ role: 'volunteer', schoolId: 's2' }],
  }
  it.each([
    ['volunteer', [true, false, false, false]],
    ['teacher', [true, false, false, false]],
    ['guard', [true, true, true, false]],
    ['principal', [true, true, true, false]],
    ['police', [true, true, true, true]],
    ['admin', [false, true, false, false]],
    ['otherPolice', [false, false, false, false]],
    ['otherVolunteer', [false, false, false, false]],
  ] as const)('%s: raise, view, respond, close', (who, expected) => {
    const actions = ['alarm.raise', 'alarm.view', 'alarm.respond', 'alarm.close'] as const
    expect(actions.map((a) => can(grants[who], a, school))).toEqual(expected)
  })
})
