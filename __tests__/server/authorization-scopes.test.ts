// The scope table: real objects of one school (青云谱区 · 京山派出所 · 京山小学) tried by every
// operation that takes an id, first by people of other scopes — another station of the same
// district, and every role of the other district (西湖区) — who get 403 or 404 and change
// nothing, then by the owner's scope, who gets through. The route table
// (authorization-table.test.ts) covers every route × role; this one covers ids × scopes.
import { createHash } from 'node:crypto'
import type { Invite } from '../../types/api'
import type { HazardDetail } from '../../types/hazards'
import { createTestApp, type TestApp } from './support/test-app'

/** Other scopes: another station of the district, and the other district, role by role. */
const OUTSIDERS = ['刘卫东', '罗文华', '谢娜', '袁志明', '蒋丽', '王海涛', '吴秀兰']

let t: TestApp
const ids: Record<string, string> = {}

const TABLES = [
  'memberships',
  'invites',
  'posts',
  'shift_templates',
  'school_calendar',
  'schools',
  'shifts',
  'signups',
  'swaps',
  'attendance',
  'duty_exceptions',
  'location_pings',
  'hazard_confirmations',
  'notice_audience',
  'idempotency_keys',
  'hazards',
  'hazard_events',
  'notices',
  'notice_receipts',
  'drills',
  'outbox',
] as const

async function snapshot(): Promise<string> {
  const hash = createHash('sha256')
  for (const table of TABLES) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows = await (t.ctx.db as any).selectFrom(table).selectAll().execute()
    const lines = (rows as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort()
    hash.update(`${table}:${lines.join('\n')}`)
  }
  return hash.digest('hex')
}

async function idOf(table: 'people' | 'schools', name: string): Promise<string> {
  return (await t.ctx.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}

beforeAll(async () => {
  t = await createTestApp()
  ids.school = await idOf('schools', '青云谱区京山小学')
  const school = await t.ctx.db.selectFrom('schools').select(['station_id', 'district_id']).where('id', '=', ids.school).executeTakeFirstOrThrow()
  ids.station = school.station_id
  ids.pending = (
    await t.ctx.db
      .selectFrom('memberships')
      .select('id')
      .where('person_id', '=', await idOf('people', '陈静'))
      .executeTakeFirstOrThrow()
  ).id
  ids.member = (
    await t.ctx.db
      .selectFrom('memberships')
      .select('id')
      .where('person_id', '=', await idOf('people', '刘洋'))
      .executeTakeFirstOrThrow()
  ).id
  const invite = (
    await t.call({ method: 'POST', url: '/api/invites', as: '陈志强', payload: { schoolId: ids.school, role: 'volunteer', validDays: 7, maxUses: 10 } })
  ).json() as Invite
  ids.invite = invite.id
  const template = await t.ctx.db.selectFrom('shift_templates').selectAll().where('school_id', '=', ids.school).executeTakeFirstOrThrow()
  ids.template = template.id
  ids.post = template.post_id
  ids.templateBody = JSON.stringify({
    postId: template.post_id,
    name: template.name,
    weekdays: template.weekdays.split(',').map(Number),
    startTime: template.start_time,
    endTime: template.end_time,
    headcount: JSON.parse(template.headcount),
    termStart: template.term_start,
    termEnd: template.term_end,
    active: true,
  })
  // room for this test's signups beside the seeded ones
  expect((await t.call({ method: 'PUT', url: `/api/schools/${ids.school}/settings`, as: '黄丽萍', payload: { monthlyCapPerVolunteer: 20 } })).statusCode).toBe(200)
  // a shift days ahead with a volunteer place, and 王芳 on it (releasable: far from the cut-off)
  const later = new Date(Date.now() + 3 * 86_400_000).toISOString()
  const shifts = await t.ctx.db
    .selectFrom('shifts')
    .select(['id', 'date', 'headcount'])
    .where('school_id', '=', ids.school)
    .where('starts_at', '>', later)
    .orderBy('starts_at')
    .execute()
  const open = shifts.filter((s) => JSON.parse(s.headcount).volunteer > 0)
  // three different days, so that nobody's signups below overlap
  const days = [...new Set(open.map((s) => s.date))]
  const [first, second, third] = days.slice(0, 3).map((d) => open.find((s) => s.date === d)!)
  ids.shift = first.id
  ids.otherShift = second.id
  const signup = await t.call({ method: 'POST', url: `/api/shifts/${ids.shift}/signups`, as: '王芳', payload: { role: 'volunteer' } })
  expect(signup.statusCode).toBe(200)
  ids.signup = signup.json().mine.signupId
  const other = await t.call({ method: 'POST', url: `/api/shifts/${ids.otherShift}/signups`, as: '张伟', payload: { role: 'volunteer' } })
  ids.otherSignup = other.json().mine.signupId
  const swap = await t.call({ method: 'POST', url: `/api/signups/${ids.otherSignup}/swap`, as: '张伟', payload: {} })
  expect(swap.statusCode).toBe(200)
  ids.swap = swap.json().id
  const thirdSignup = (await t.call({ method: 'POST', url: `/api/shifts/${third.id}/signups`, as: '张伟', payload: { role: 'volunteer' } })).json().mine.signupId
  ids.swap2 = (await t.call({ method: 'POST', url: `/api/signups/${thirdSignup}/swap`, as: '张伟', payload: {} })).json().id
  const removable = await t.call({ method: 'POST', url: `/api/shifts/${third.id}/signups`, as: '刘洋', payload: { role: 'volunteer' } })
  ids.removable = removable.json().mine.signupId
  const hazard = (
    await t.call({
      method: 'POST',
      url: '/api/hazards',
      as: '王芳',
      payload: { lat: 28.63972, lng: 115.91741, schoolId: ids.school, categoryId: 'other', description: '门口积水', photoIds: [], clientKey: 'scope-hazard-1' },
    })
  ).json() as HazardDetail
  ids.hazard = hazard.id
  const notice = await t.call({ method: 'POST', url: '/api/notices', as: '陈志强', payload: noticeBody() })
  ids.notice = notice.json().id
  expect((await t.call({ method: 'POST', url: `/api/notices/${ids.notice}/publish`, as: '陈志强', payload: {} })).statusCode).toBe(200)
  ids.draft = (await t.call({ method: 'POST', url: '/api/notices', as: '陈志强', payload: noticeBody({ title: '草稿' }) })).json().id
})
afterAll(() => t.close())

function noticeBody(over: Record<string, unknown> = {}) {
  return {
    type: 'general',
    title: '京山小学护学岗通知',
    body: '请按时到岗。',
    eventAt: null,
    eventEndAt: null,
    place: null,
    location: null,
    ackRequired: true,
    rsvpCapacity: null,
    rsvpDeadline: null,
    attachmentIds: [],
    audience: { schoolIds: [ids.school], roles: ['volunteer'] },
    ...over,
  }
}

interface Case {
  /** The OpenAPI operation, to check that every operation with an id in its path is here. */
  route?: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: () => string
  payload?: () => Record<string, unknown>
  /** Someone of the owner's scope, and the status they get (2xx; a few operations refuse for time or input, never for scope). */
  owner: [string, number]
}

const CASES: Record<string, Case> = {
  'members of the school': { method: 'GET', url: () => `/api/members?schoolId=${ids.school}`, owner: ['黄丽萍', 200] },
  'decide a request to join': {
    route: 'POST /api/memberships/{id}/decision',
    method: 'POST',
    url: () => `/api/memberships/${ids.pending}/decision`,
    payload: () => ({ decision: 'approve' }),
    owner: ['黄丽萍', 200],
  },
  'invites of the school': { method: 'GET', url: () => `/api/invites?schoolId=${ids.school}`, owner: ['黄丽萍', 200] },
  'create an invite': { method: 'POST', url: () => '/api/invites', payload: () => ({ schoolId: ids.school, role: 'volunteer', validDays: 7, maxUses: 5 }), owner: ['黄丽萍', 201] },
  // the test server has no WeChat credentials: the owner hears so
  'an invite’s mini-program code': { route: 'GET /api/invites/{id}/wxacode', method: 'GET', url: () => `/api/invites/${ids.invite}/wxacode`, owner: ['陈志强', 503] },
  'revoke an invite': { route: 'POST /api/invites/{id}/revoke', method: 'POST', url: () => `/api/invites/${ids.invite}/revoke`, owner: ['黄丽萍', 200] },
  'add a post': {
    route: 'POST /api/schools/{schoolId}/posts',
    method: 'POST',
    url: () => `/api/schools/${ids.school}/posts`,
    payload: () => ({ name: '西门', lat: 28.6401, lng: 115.9165, radiusM: 150 }),
    owner: ['黄丽萍', 201],
  },
  'change a post': { route: 'PUT /api/posts/{id}', method: 'PUT', url: () => `/api/posts/${ids.post}`, payload: () => ({ radiusM: 160 }), owner: ['陈志强', 200] },
  templates: { route: 'GET /api/schools/{schoolId}/templates', method: 'GET', url: () => `/api/schools/${ids.school}/templates`, owner: ['黄丽萍', 200] },
  'change a template': {
    route: 'PUT /api/templates/{id}',
    method: 'PUT',
    url: () => `/api/templates/${ids.template}`,
    payload: () => JSON.parse(ids.templateBody),
    owner: ['陈志强', 200],
  },
  'add a template': {
    route: 'POST /api/schools/{schoolId}/templates',
    method: 'POST',
    url: () => `/api/schools/${ids.school}/templates`,
    payload: () => ({ ...JSON.parse(ids.templateBody), name: '午间', startTime: '11:30', endTime: '12:00', active: undefined }),
    owner: ['陈志强', 201],
  },
  'calendar of the school': { route: 'GET /api/schools/{schoolId}/calendar', method: 'GET', url: () => `/api/schools/${ids.school}/calendar`, owner: ['王芳', 200] },
  'mark a school day': {
    route: 'PUT /api/schools/{schoolId}/calendar/{date}',
    method: 'PUT',
    url: () => `/api/schools/${ids.school}/calendar/2027-01-04`,
    payload: () => ({ kind: 'exam', note: '期末考试' }),
    owner: ['黄丽萍', 200],
  },
  'unmark a school day': {
    route: 'DELETE /api/schools/{schoolId}/calendar/{date}',
    method: 'DELETE',
    url: () => `/api/schools/${ids.school}/calendar/2027-01-04`,
    owner: ['黄丽萍', 200],
  },
  'read the settings': { route: 'GET /api/schools/{schoolId}/settings', method: 'GET', url: () => `/api/schools/${ids.school}/settings`, owner: ['王芳', 200] },
  'settings of the school': {
    route: 'PUT /api/schools/{schoolId}/settings',
    method: 'PUT',
    url: () => `/api/schools/${ids.school}/settings`,
    payload: () => ({}),
    owner: ['黄丽萍', 200],
  },
  'shifts of the school': {
    route: 'GET /api/schools/{schoolId}/shifts',
    method: 'GET',
    url: () => `/api/schools/${ids.school}/shifts?from=2026-11-30&to=2026-12-06`,
    owner: ['王芳', 200],
  },
  'a shift': { route: 'GET /api/shifts/{id}', method: 'GET', url: () => `/api/shifts/${ids.shift}`, owner: ['王芳', 200] },
  'assign someone to a shift': {
    route: 'POST /api/shifts/{id}/assignments',
    method: 'POST',
    url: () => `/api/shifts/${ids.shift}/assignments`,
    payload: () => ({ personId: ids.liuyang, role: 'volunteer' }),
    owner: ['黄丽萍', 200],
  },
  'remove someone from a shift': {
    route: 'POST /api/signups/{id}/remove',
    method: 'POST',
    url: () => `/api/signups/${ids.removable}/remove`,
    payload: () => ({ reason: '临时调整' }),
    owner: ['黄丽萍', 200],
  },
  'sign up for a shift': {
    route: 'POST /api/shifts/{id}/signups',
    method: 'POST',
    url: () => `/api/shifts/${ids.shift}/signups`,
    payload: () => ({ role: 'volunteer', waitlist: true }),
    owner: ['张伟', 200],
  }, // full by then: on the waitlist
  'gaps of the school': { route: 'GET /api/schools/{schoolId}/gaps', method: 'GET', url: () => `/api/schools/${ids.school}/gaps`, owner: ['黄丽萍', 200] },
  'swaps of the school': { route: 'GET /api/schools/{schoolId}/swaps', method: 'GET', url: () => `/api/schools/${ids.school}/swaps`, owner: ['王芳', 200] },
  'cancel a swap': { route: 'POST /api/swaps/{id}/cancel', method: 'POST', url: () => `/api/swaps/${ids.swap2}/cancel`, owner: ['张伟', 200] },
  'take a swap': { route: 'POST /api/swaps/{id}/accept', method: 'POST', url: () => `/api/swaps/${ids.swap}/accept`, owner: ['刘洋', 200] },
  // days before the shift: the owner reaches the check-in window's refusal, not a scope refusal
  'check in': {
    route: 'POST /api/signups/{id}/check-in',
    method: 'POST',
    url: () => `/api/signups/${ids.signup}/check-in`,
    payload: () => ({ lat: 28.63972, lng: 115.91741, accuracy: 10, idempotencyKey: 'scope-checkin-1' }),
    owner: ['王芳', 409],
  },
  'check out': {
    route: 'POST /api/signups/{id}/check-out',
    method: 'POST',
    url: () => `/api/signups/${ids.signup}/check-out`,
    payload: () => ({ lat: 28.63972, lng: 115.91741, accuracy: 10, idempotencyKey: 'scope-checkout-1' }),
    owner: ['王芳', 409],
  },
  heartbeat: {
    route: 'POST /api/signups/{id}/heartbeat',
    method: 'POST',
    url: () => `/api/signups/${ids.signup}/heartbeat`,
    payload: () => ({ lat: 28.63972, lng: 115.91741, accuracy: 10 }),
    owner: ['王芳', 409],
  },
  'offer a signup for a swap': { route: 'POST /api/signups/{id}/swap', method: 'POST', url: () => `/api/signups/${ids.signup}/swap`, payload: () => ({}), owner: ['王芳', 200] },
  'release a signup': { route: 'POST /api/signups/{id}/release', method: 'POST', url: () => `/api/signups/${ids.signup}/release`, owner: ['王芳', 200] },
  'duty board': { route: 'GET /api/schools/{schoolId}/duty-board', method: 'GET', url: () => `/api/schools/${ids.school}/duty-board`, owner: ['黄丽萍', 200] },
  'exceptions of the school': { route: 'GET /api/schools/{schoolId}/exceptions', method: 'GET', url: () => `/api/schools/${ids.school}/exceptions`, owner: ['陈志强', 200] },
  'a hazard': { route: 'GET /api/hazards/{id}', method: 'GET', url: () => `/api/hazards/${ids.hazard}`, owner: ['陈志强', 200] },
  'say 我也遇到了': { route: 'POST /api/hazards/{id}/confirm', method: 'POST', url: () => `/api/hazards/${ids.hazard}/confirm`, payload: () => ({}), owner: ['张伟', 200] },
  'hazards of the school': { method: 'GET', url: () => `/api/hazards?scope=school&schoolId=${ids.school}`, owner: ['张伟', 200] },
  'put a hazard inside the school': {
    route: 'PUT /api/hazards/{id}/location-kind',
    method: 'PUT',
    url: () => `/api/hazards/${ids.hazard}/location-kind`,
    payload: () => ({ locationKind: 'inside' }),
    owner: ['陈志强', 200],
  },
  'accept a hazard': {
    route: 'POST /api/hazards/{id}/transition',
    method: 'POST',
    url: () => `/api/hazards/${ids.hazard}/transition`,
    payload: () => ({ action: 'accept' }),
    owner: ['陈志强', 200],
  },
  'the station’s ledger': { method: 'GET', url: () => `/api/hazards/ledger.xlsx?stationId=${ids.station}&from=2026-11-01&to=2026-12-31`, owner: ['陈志强', 200] },
  'report a hazard at the school': {
    method: 'POST',
    url: () => '/api/hazards',
    payload: () => ({
      lat: 28.63972,
      lng: 115.91741,
      schoolId: ids.school,
      categoryId: 'other',
      description: '路灯不亮',
      photoIds: [],
      clientKey: `scope-hazard-${Math.random()}`,
    }),
    owner: ['张伟', 200],
  },
  'a notice': { route: 'GET /api/notices/{id}', method: 'GET', url: () => `/api/notices/${ids.notice}`, owner: ['王芳', 200] },
  'read a notice': { route: 'POST /api/notices/{id}/read', method: 'POST', url: () => `/api/notices/${ids.notice}/read`, owner: ['王芳', 200] },
  'acknowledge a notice': { route: 'POST /api/notices/{id}/ack', method: 'POST', url: () => `/api/notices/${ids.notice}/ack`, owner: ['王芳', 200] },
  'a notice’s read rates': { route: 'GET /api/notices/{id}/stats', method: 'GET', url: () => `/api/notices/${ids.notice}/stats`, owner: ['黄丽萍', 200] },
  'RSVP to a notice': {
    route: 'POST /api/notices/{id}/rsvp',
    method: 'POST',
    url: () => `/api/notices/${ids.notice}/rsvp`,
    payload: () => ({ answer: 'joined' }),
    owner: ['王芳', 400],
  }, // a general notice takes no RSVP: refused for the notice, not the scope
  'attend a notice’s event': {
    route: 'POST /api/notices/{id}/attend',
    method: 'POST',
    url: () => `/api/notices/${ids.notice}/attend`,
    payload: () => ({ lat: 28.63972, lng: 115.91741, accuracy: 10 }),
    owner: ['王芳', 400],
  },
  'remind the audience': { route: 'POST /api/notices/{id}/remind', method: 'POST', url: () => `/api/notices/${ids.notice}/remind`, owner: ['陈志强', 200] },
  'publish a draft': { route: 'POST /api/notices/{id}/publish', method: 'POST', url: () => `/api/notices/${ids.draft}/publish`, payload: () => ({}), owner: ['陈志强', 200] },
  'edit a notice': {
    route: 'PUT /api/notices/{id}',
    method: 'PUT',
    url: () => `/api/notices/${ids.notice}`,
    payload: () => noticeBody({ title: '改过的标题' }),
    owner: ['陈志强', 409],
  },
  'withdraw a notice': { route: 'POST /api/notices/{id}/withdraw', method: 'POST', url: () => `/api/notices/${ids.notice}/withdraw`, owner: ['陈志强', 200] },
  'publish to the school': { method: 'POST', url: () => '/api/notices', payload: () => noticeBody(), owner: ['周建国', 200] },
  'record a drill at the school': {
    method: 'POST',
    url: () => '/api/drills',
    payload: () => ({
      noticeId: ids.notice,
      date: '2026-12-05',
      schoolIds: [ids.school],
      participants: 20,
      durationMin: 30,
      scenario: '疏散演练',
      wentWell: '有序',
      toFix: '无',
      photoIds: [],
      clientKey: `scope-drill-${Math.random()}`,
    }),
    owner: ['陈志强', 200],
  },
  'drills of the school': { route: 'GET /api/schools/{schoolId}/drills', method: 'GET', url: () => `/api/schools/${ids.school}/drills`, owner: ['黄丽萍', 200] },
  'coverage of the school': { route: 'GET /api/coverage/schools/{schoolId}', method: 'GET', url: () => `/api/coverage/schools/${ids.school}?range=week`, owner: ['黄丽萍', 200] },
  'coverage export of the school': {
    route: 'GET /api/coverage/schools/{schoolId}/export',
    method: 'GET',
    url: () => `/api/coverage/schools/${ids.school}/export?range=week`,
    owner: ['黄丽萍', 200],
  },
  'coverage of the station': { method: 'GET', url: () => `/api/coverage/area?range=week&stationId=${ids.station}`, owner: ['陈志强', 200] },
  'ask the police to assign': { method: 'POST', url: () => '/api/coverage/ask-assign', payload: () => ({ shiftId: ids.shift }), owner: ['黄丽萍', 200] },
  'certificate at the school': { method: 'GET', url: () => `/api/me/certificate?schoolId=${ids.school}`, owner: ['王芳', 404] },
  'remove a member': {
    route: 'POST /api/memberships/{id}/revoke',
    method: 'POST',
    url: () => `/api/memberships/${ids.member}/revoke`,
    payload: () => ({ reason: '已转学' }),
    owner: ['黄丽萍', 200],
  },
}

/** Operations with an id in the path that this table leaves to others, and why. */
const ELSEWHERE: Record<string, string> = {
  'GET /api/invites/preview/{code}': 'the code is the secret: anyone signed in who has it may look (membership-flow)',
  'GET /api/files/{id}': 'signed links, not sessions (hazards-flow, notices-flow)',
  'POST /api/exceptions/{id}/review': 'needs a check-in inside a shift window (attendance-flow)',
  // an alarm reaches the people of its school, station and district; people elsewhere get 404 on
  // every operation and the alarm stays as it was (alarms-flow: "neither sees nor acts on it")
  'GET /api/alarms/{id}': 'alarms-flow',
  'PUT /api/alarms/{id}/details': 'alarms-flow',
  'POST /api/alarms/{id}/acknowledge': 'alarms-flow',
  'POST /api/alarms/{id}/arrive': 'alarms-flow',
  'POST /api/alarms/{id}/close': 'alarms-flow',
  'POST /api/alarms/{id}/cancel': 'alarms-flow',
  // a drill's alarms are filtered by the caller's drill.view reach: another station's officer and
  // another district's admin get an empty list (alarm-review)
  'GET /api/notices/{id}/drill-alarms': 'alarm-review',
  // a broadcast needs people checked in on a running shift: police of another station and of
  // another district, and admins of another district, get 404 on reading and confirming it, and
  // cannot send to its school (broadcasts-flow: "another station, another district")
  'GET /api/broadcasts/{id}': 'broadcasts-flow',
  'POST /api/broadcasts/{id}/confirm': 'broadcasts-flow',
}

it('every operation with an id in its path is in this table (or says where it is tested)', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> }
  const withIds = Object.entries(doc.paths)
    .filter(([path]) => path.includes('{'))
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
  const covered = new Set([...Object.values(CASES).map((c) => c.route), ...Object.keys(ELSEWHERE)])
  expect(withIds.filter((r) => !covered.has(r))).toEqual([])
})

describe('other scopes get 403 or 404 and change nothing', () => {
  let before: string
  beforeAll(async () => {
    ids.liuyang = await idOf('people', '刘洋')
    before = await snapshot()
  })

  describe.each(Object.entries(CASES))('%s', (_name, c) => {
    it.each(OUTSIDERS)('as %s', async (who) => {
      const res = await t.call({ method: c.method, url: c.url(), ...(c.payload ? { payload: c.payload() } : {}), as: who })
      expect({ who, refused: [403, 404].includes(res.statusCode) ? 'refused' : res.statusCode }).toEqual({ who, refused: 'refused' })
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
    })
  })

  it('nothing the other scopes sent changed anything', async () => {
    expect(await snapshot()).toBe(before)
  })
})

describe("the owner's scope gets through", () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const [who, status] = c.owner
    const res = await t.call({ method: c.method, url: c.url(), ...(c.payload ? { payload: c.payload() } : {}), as: who })
    expect({ who, status: res.statusCode }).toEqual({ who, status })
  })
})
