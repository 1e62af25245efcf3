// Rules that the server and the app both apply are written once, in domain/: the duty state, the
// swap-start rule, notice validation, the hazards that are still open and the signups that hold
// a place. Each is tested here, and a scan of server/src and src makes sure no copy grows back.
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { STILL_OPEN_STATUSES, statusType } from '../../domain/hazards'
import { noticeAudienceProblem, noticeProblem } from '../../domain/notices'
import { isLiveSignup, LIVE_SIGNUP_STATUSES, swapBlockReason } from '../../domain/shifts'
import { HAZARD_STATUSES } from '../../types/hazards'
import { SIGNUP_STATUSES } from '../../types/shifts'
import { ROOT, sourceFiles as files } from './support/source-files'

describe('the rules', () => {
  it('a place can be swapped until its shift starts', () => {
    const startsAt = '2026-12-01T23:20:00.000Z'
    expect(swapBlockReason(new Date('2026-12-01T23:19:59Z'), startsAt)).toBeNull()
    expect(swapBlockReason(new Date(startsAt), startsAt)).toBe('班次已开始，不能换班')
  })

  it('active and waitlisted signups hold or wait for a place; the others do not', () => {
    expect(SIGNUP_STATUSES.filter(isLiveSignup)).toEqual(['active', 'waitlisted'])
    expect(LIVE_SIGNUP_STATUSES).toEqual(['active', 'waitlisted'])
  })

  it('a hazard is still open until it is closed, rejected or a duplicate', () => {
    expect(STILL_OPEN_STATUSES).toEqual(['submitted', 'accepted', 'assigned', 'resolved'])
    expect(HAZARD_STATUSES.filter((s) => !STILL_OPEN_STATUSES.includes(s)).every((s) => statusType(s) === 'closed')).toBe(true)
  })

  it('a notice: the first problem in the order of the form, with its field', () => {
    const training = {
      type: 'training' as const,
      title: '培训',
      body: '请报名',
      eventAt: '2026-12-05T01:00:00.000Z',
      eventEndAt: '2026-12-05T03:00:00.000Z',
      audience: { schoolIds: ['s1'], roles: ['volunteer' as const] },
      rsvpCapacity: 2,
      rsvpDeadline: '2026-12-04T12:00:00.000Z',
    }
    expect(noticeProblem(training)).toBeNull()
    expect(noticeProblem({ ...training, title: '  ', body: '' })).toEqual({ field: 'title', message: '请填写标题' })
    expect(noticeProblem({ ...training, eventAt: null })).toEqual({ field: 'eventAt', message: '演练和培训请选择开始时间' })
    expect(noticeProblem({ ...training, eventEndAt: training.eventAt })).toEqual({ field: 'eventEndAt', message: '结束时间应晚于开始时间' })
    expect(noticeProblem({ ...training, rsvpCapacity: 0 })).toEqual({ field: 'rsvpCapacity', message: '培训请设置报名名额' })
    expect(noticeProblem({ ...training, rsvpCapacity: null })).toEqual({ field: 'rsvpCapacity', message: '培训请设置报名名额' })
    expect(noticeProblem({ ...training, rsvpDeadline: '2026-12-05T04:00:00.000Z' })).toEqual({ field: 'rsvpDeadline', message: '报名截止时间应早于培训结束' })
    // a general notice needs no time and no places
    expect(noticeProblem({ ...training, type: 'general', eventAt: null, eventEndAt: null, rsvpCapacity: null, rsvpDeadline: null })).toBeNull()
    expect(noticeAudienceProblem({ schoolIds: [], roles: ['volunteer'] })).toEqual({ field: 'audience.schoolIds', message: '请选择至少一所学校' })
    expect(noticeProblem({ ...training, audience: { schoolIds: ['s1'], roles: [] } })).toEqual({ field: 'audience.roles', message: '请选择至少一个角色' })
  })
})

// Copies that once lived in services, stores and pages (a line matching one is a rule leaking out).
const COPIES: [string, RegExp][] = [
  ['the swap-start rule', /'班次已开始，不能换班'/],
  ['the live signup statuses', /\[\s*'active',\s*'waitlisted'\s*\]|'active'\s*\|\|[^\n]*'waitlisted'|'waitlisted'\s*\|\|[^\n]*'active'/],
  ['the still-open hazard statuses', /\[\s*'submitted',\s*'accepted',\s*'assigned',\s*'resolved'\s*\]/],
  ['notice validation', /'(请选择至少一所学校|请选择至少一个角色|结束时间应晚于开始时间|培训请设置报名名额|报名截止时间应早于培训结束|演练和培训请(选择开始时间|填写时间))'/],
  ['a check-in window of a fixed 30 minutes', /\b30 \* MIN\b/],
]

it('server/src and src hold no copy of these rules (only domain/ does)', () => {
  const found: string[] = []
  for (const file of [...files(join(ROOT, 'server', 'src')), ...files(join(ROOT, 'src'))]) {
    if (file.includes(join('db', 'migrations'))) continue
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [rule, pattern] of COPIES) if (pattern.test(line)) found.push(`${rule}: ${relative(ROOT, file)}:${i + 1}: ${line.trim()}`)
      })
  }
  expect(found).toEqual([])
})
