import { compareUrgency, deadlineFor, hazardActorKinds, isOverdue, nearbyOpen, nearestSchool, statusType, transitionHazard, type HazardActorKind } from '../../domain/hazards'
import { HAZARD_ACTIONS, HAZARD_STATUSES, type HazardAction, type HazardStatus } from '../../types/hazards'

// Every allowed change, written out by hand: from × action → to, and who may do it.
const ALLOWED: [HazardStatus, HazardAction, HazardStatus, HazardActorKind[]][] = [
  ['submitted', 'accept', 'accepted', ['handler']],
  ['submitted', 'reject', 'rejected', ['handler']],
  ['submitted', 'duplicate', 'duplicate', ['handler']],
  ['accepted', 'duplicate', 'duplicate', ['handler']],
  ['accepted', 'assign', 'assigned', ['handler']],
  ['assigned', 'assign', 'assigned', ['handler']],
  ['resolved', 'assign', 'assigned', ['handler']],
  ['assigned', 'resolve', 'resolved', ['assignee', 'handler']],
  ['resolved', 'close', 'closed', ['handler']],
  ['closed', 'reopen', 'accepted', ['handler']],
  ['rejected', 'reopen', 'accepted', ['handler']],
  ['duplicate', 'reopen', 'accepted', ['handler']],
]
const KINDS: HazardActorKind[] = ['handler', 'assignee']
const full = { note: '说明', duplicateOf: 'h0', hasAssignee: true }

describe('transitionHazard: state × action × role', () => {
  const cases = HAZARD_STATUSES.flatMap((from) => HAZARD_ACTIONS.flatMap((action) => KINDS.map((who) => [from, action, who] as const)))
  it.each(cases)('%s + %s by %s', (from, action, who) => {
    const result = transitionHazard(from, action, [who], full)
    const allowed = ALLOWED.find(([f, a]) => f === from && a === action)
    const mayAct = ALLOWED.some(([, a, , w]) => a === action && w.includes(who))
    if (!mayAct) {
      expect(result).toMatchObject({ ok: false, status: 403 })
    } else if (allowed) {
      expect(result).toEqual({ ok: true, to: allowed[2], changed: true })
    } else if (ALLOWED.some(([, a, to]) => a === action && to === from)) {
      // already there: a retried tap changes nothing
      expect(result).toEqual({ ok: true, to: from, changed: false })
    } else {
      expect(result).toMatchObject({ ok: false, status: 409 })
    }
  })

  it.each([
    ['reject', 'submitted', {}, 'note'],
    ['duplicate', 'submitted', { note: 'x' }, 'duplicateOf'],
    ['assign', 'accepted', { note: 'x' }, 'department'],
    ['resolve', 'assigned', {}, 'note'],
    ['reopen', 'closed', {}, 'note'],
  ] as const)('%s needs its input (%s)', (action, from, input, field) => {
    expect(transitionHazard(from, action, ['handler'], input)).toMatchObject({ ok: false, status: 400, field })
  })

  it('says why in Chinese', () => {
    expect(transitionHazard('closed', 'close', ['handler'])).toEqual({ ok: true, to: 'closed', changed: false })
    expect(transitionHazard('submitted', 'close', ['handler'])).toEqual({ ok: false, status: 409, message: '隐患当前为「待受理」，不能销号' })
  })
})

describe('status types', () => {
  it.each([
    ['submitted', 'open'],
    ['accepted', 'open'],
    ['assigned', 'open'],
    ['resolved', 'fixed'],
    ['closed', 'closed'],
    ['rejected', 'closed'],
    ['duplicate', 'closed'],
  ] as const)('%s is %s', (s, type) => expect(statusType(s)).toBe(type))
})

describe('actors', () => {
  it('handlers by the policy; the assignee by the report', () => {
    expect(hazardActorKinds(true, false)).toEqual(['handler'])
    expect(hazardActorKinds(false, true)).toEqual(['assignee'])
    expect(hazardActorKinds(false, false)).toEqual([])
  })
})

describe('deadlines and urgency', () => {
  const now = new Date('2026-12-01T00:00:00Z')
  it.each([
    ['high', '2026-12-02T00:00:00.000Z'],
    ['medium', '2026-12-04T00:00:00.000Z'],
    ['low', '2026-12-08T00:00:00.000Z'],
  ] as const)('%s → %s', (sev, deadline) => expect(deadlineFor(sev, now)).toBe(deadline))

  it('only an assigned report past its deadline is overdue', () => {
    expect(isOverdue('assigned', '2026-11-30T00:00:00Z', now)).toBe(true)
    expect(isOverdue('assigned', '2026-12-02T00:00:00Z', now)).toBe(false)
    expect(isOverdue('resolved', '2026-11-30T00:00:00Z', now)).toBe(false)
  })

  it('sorts overdue first, then by severity, then by deadline', () => {
    const h = (id: string, status: HazardStatus, severity: 'high' | 'medium' | 'low', deadline: string | null) => ({
      id,
      status,
      severity,
      deadline,
      createdAt: '2026-11-01T00:00:00Z',
    })
    const list = [
      h('low-open', 'submitted', 'low', null),
      h('closed', 'closed', 'high', null),
      h('overdue', 'assigned', 'low', '2026-11-30T00:00:00Z'),
      h('high-open', 'accepted', 'high', null),
    ]
    expect([...list].sort((a, b) => compareUrgency(a, b, now)).map((x) => x.id)).toEqual(['overdue', 'high-open', 'low-open', 'closed'])
  })
})

describe('nearby reports', () => {
  const at = (m: number) => ({ lat: 28.64 + m / 111_195, lng: 115.91 })
  const reports = [
    { id: 'a', categoryId: 'traffic', status: 'accepted' as const, ...at(30) },
    { id: 'b', categoryId: 'traffic', status: 'closed' as const, ...at(10) },
    { id: 'c', categoryId: 'stall', status: 'submitted' as const, ...at(5) },
    { id: 'd', categoryId: 'traffic', status: 'assigned' as const, ...at(80) },
  ]
  it('offers open reports of the same category within 50 m, nearest first', () => {
    expect(nearbyOpen(reports, at(0), 'traffic').map((r) => [r.id, r.distanceM])).toEqual([['a', 30]])
  })
  it('finds the nearest school', () => {
    expect(
      nearestSchool(
        [
          { id: 'x', ...at(500) },
          { id: 'y', ...at(100) },
        ],
        at(0),
      )?.id,
    ).toBe('y')
  })
})
