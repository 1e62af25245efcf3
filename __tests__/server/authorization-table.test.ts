// Every route × every role (the city's 市局 included), anonymous included: the status each one gets. A route missing from
// this table fails the test, so new routes must state who may call them.
import type { Invite, Me } from '../../types/api'
import { createTestApp, type TestApp } from './support/test-app'

type Who = 'anonymous' | 'newcomer' | 'volunteer' | 'teacher' | 'guard' | 'principal' | 'police' | 'admin' | 'city'
const PEOPLE: Record<Exclude<Who, 'anonymous'>, string> = {
  newcomer: '高雅',
  volunteer: '王芳',
  teacher: '李红梅',
  guard: '赵德福',
  principal: '黄丽萍',
  police: '陈志强',
  admin: '周建国',
  city: '孙明',
}
const WHO = Object.keys({ anonymous: 1, ...PEOPLE }) as Who[]

let t: TestApp
let schoolId: string
let inviteCode: string
let inviteId: string
let pendingMembershipId: string
let postId: string
let templateId: string
let shiftId: string

beforeAll(async () => {
  t = await createTestApp()
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  schoolId = (me.memberships[0].scope as { schoolId: string }).schoolId
  const invite = (await t.call({ method: 'POST', url: '/api/invites', as: '陈志强', payload: { schoolId, role: 'volunteer', validDays: 7, maxUses: 100 } })).json() as Invite
  inviteCode = invite.code
  inviteId = invite.id
  const pending = await t.ctx.db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select('memberships.id')
    .where('people.name', '=', '陈静')
    .executeTakeFirstOrThrow()
  pendingMembershipId = pending.id
  const shift = await t.ctx.db.selectFrom('shifts').select(['id', 'post_id', 'template_id']).where('school_id', '=', schoolId).orderBy('starts_at').executeTakeFirstOrThrow()
  shiftId = shift.id
  postId = shift.post_id
  templateId = shift.template_id
})
afterAll(() => t.close())

interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: () => string
  payload?: () => Record<string, unknown>
  /** Expected status per caller; callers not listed get `otherwise`. */
  expect: Partial<Record<Who, number>>
  otherwise: number
}

const PUBLIC = (status: number): Pick<Case, 'expect' | 'otherwise'> => ({ expect: {}, otherwise: status })
const SIGNED_IN = (status: number): Pick<Case, 'expect' | 'otherwise'> => ({ expect: { anonymous: 401 }, otherwise: status })
/** Every member of a school; the city (市局) only where it reads (`city` says what it gets there). */
const MEMBERS = (status: number, city = 403): Pick<Case, 'expect' | 'otherwise'> => ({ expect: { anonymous: 401, newcomer: 403, city }, otherwise: status })
const ON_DUTY = (status: number): Pick<Case, 'expect' | 'otherwise'> => ({
  expect: { anonymous: 401, volunteer: status, teacher: status, guard: status, police: status },
  otherwise: 403,
})
const MANAGERS = (status: number, others: Partial<Record<Who, number>> = {}): Pick<Case, 'expect' | 'otherwise'> => ({
  expect: { anonymous: 401, principal: status, police: status, admin: status, ...others },
  otherwise: 403,
})

// Decisions are made with a validation error on purpose (reject without a reason): the route's
// authorization is what is tested, and nothing changes between callers.
const CASES: Record<string, Case> = {
  'GET /api/health': { method: 'GET', url: () => '/api/health', ...PUBLIC(200) },
  'POST /api/auth/wechat': { method: 'POST', url: () => '/api/auth/wechat', payload: () => ({ code: 'x' }), ...PUBLIC(503) },
  'GET /api/auth/demo-people': { method: 'GET', url: () => '/api/auth/demo-people', ...PUBLIC(200) },
  'POST /api/auth/demo-login': { method: 'POST', url: () => '/api/auth/demo-login', payload: () => ({ personId: 'nobody' }), ...PUBLIC(400) },
  'GET /api/subscribe-templates': { method: 'GET', url: () => '/api/subscribe-templates', ...SIGNED_IN(200) },
  'GET /api/me': { method: 'GET', url: () => '/api/me', ...SIGNED_IN(200) },
  'PUT /api/me': { method: 'PUT', url: () => '/api/me', payload: () => ({}), ...SIGNED_IN(200) },
  // no WeChat credentials on the test server: everyone signed in hears so
  'POST /api/me/wechat-phone': { method: 'POST', url: () => '/api/me/wechat-phone', payload: () => ({ code: 'x' }), ...SIGNED_IN(503) },
  'GET /api/schools': { method: 'GET', url: () => '/api/schools', ...SIGNED_IN(200) },
  'GET /api/invites/preview/{code}': { method: 'GET', url: () => `/api/invites/preview/${inviteCode}`, ...SIGNED_IN(200) },
  'POST /api/memberships/join': {
    method: 'POST',
    url: () => '/api/memberships/join',
    payload: () => ({ code: inviteCode, name: '测试' }),
    ...SIGNED_IN(200),
  },
  'GET /api/members': { method: 'GET', url: () => `/api/members?schoolId=${schoolId}`, ...MANAGERS(200) },
  'POST /api/memberships/{id}/decision': {
    method: 'POST',
    url: () => `/api/memberships/${pendingMembershipId}/decision`,
    payload: () => ({ decision: 'reject' }),
    ...MANAGERS(400),
  },
  'POST /api/memberships/{id}/revoke': {
    method: 'POST',
    url: () => `/api/memberships/${pendingMembershipId}/revoke`,
    payload: () => ({ reason: '' }),
    // roles are checked before the body: only managers reach the schema's complaint
    ...MANAGERS(400),
  },
  'GET /api/invites': { method: 'GET', url: () => `/api/invites?schoolId=${schoolId}`, ...MANAGERS(200) },
  'POST /api/invites': {
    method: 'POST',
    url: () => '/api/invites',
    payload: () => ({ schoolId, role: 'volunteer', validDays: 0, maxUses: 1 }),
    ...MANAGERS(400),
  },
  // the test server has no WeChat credentials: managers of the school get the 503 that says so
  'GET /api/invites/{id}/wxacode': { method: 'GET', url: () => `/api/invites/${inviteId}/wxacode`, ...MANAGERS(503) },
  'POST /api/invites/{id}/revoke': {
    method: 'POST',
    url: () => '/api/invites/no-such-invite/revoke',
    ...MANAGERS(404),
  },
  'GET /api/admin/outbox': { method: 'GET', url: () => '/api/admin/outbox', expect: { anonymous: 401, city: 200, admin: 200 }, otherwise: 403 },
  // shifts: requests that the allowed roles get refused for their input, or that change nothing
  'POST /api/schools/{schoolId}/posts': {
    method: 'POST',
    url: () => `/api/schools/${schoolId}/posts`,
    payload: () => ({ name: '北门', lat: 28.6, lng: 115.9, radiusM: 1 }),
    ...MANAGERS(400),
  },
  'PUT /api/posts/{id}': { method: 'PUT', url: () => `/api/posts/${postId}`, payload: () => ({}), ...MANAGERS(200) },
  'GET /api/schools/{schoolId}/templates': { method: 'GET', url: () => `/api/schools/${schoolId}/templates`, ...MANAGERS(200) },
  'POST /api/schools/{schoolId}/templates': {
    method: 'POST',
    url: () => `/api/schools/${schoolId}/templates`,
    payload: () => ({ postId }),
    ...MANAGERS(400),
  },
  'PUT /api/templates/{id}': { method: 'PUT', url: () => `/api/templates/${templateId}`, payload: () => ({ postId }), ...MANAGERS(400) },
  'GET /api/schools/{schoolId}/calendar': { method: 'GET', url: () => `/api/schools/${schoolId}/calendar`, ...MEMBERS(200, 200) },
  'PUT /api/schools/{schoolId}/calendar/{date}': {
    method: 'PUT',
    url: () => `/api/schools/${schoolId}/calendar/2026-12-24`,
    payload: () => ({ kind: 'party', note: '' }),
    ...MANAGERS(400),
  },
  'DELETE /api/schools/{schoolId}/calendar/{date}': {
    method: 'DELETE',
    url: () => `/api/schools/${schoolId}/calendar/2030-01-01`,
    ...MANAGERS(200),
  },
  'GET /api/schools/{schoolId}/settings': { method: 'GET', url: () => `/api/schools/${schoolId}/settings`, ...MEMBERS(200, 200) },
  'PUT /api/schools/{schoolId}/settings': { method: 'PUT', url: () => `/api/schools/${schoolId}/settings`, payload: () => ({}), ...MANAGERS(200) },
  'GET /api/schools/{schoolId}/shifts': {
    method: 'GET',
    url: () => `/api/schools/${schoolId}/shifts?from=2026-11-30&to=2026-12-06`,
    ...MEMBERS(200, 200),
  },
  'GET /api/shifts/{id}': { method: 'GET', url: () => `/api/shifts/${shiftId}`, ...MEMBERS(200, 200) },
  'GET /api/me/shifts': { method: 'GET', url: () => '/api/me/shifts?when=upcoming', ...SIGNED_IN(200) },
  'GET /api/home': { method: 'GET', url: () => '/api/home', ...SIGNED_IN(200) },
  'POST /api/shifts/{id}/signups': { method: 'POST', url: () => `/api/shifts/${shiftId}/signups`, payload: () => ({ role: 'boss' }), ...ON_DUTY(400) },
  'POST /api/signups/{id}/release': { method: 'POST', url: () => '/api/signups/no-such-signup/release', ...ON_DUTY(404) },
  'POST /api/shifts/{id}/assignments': {
    method: 'POST',
    url: () => `/api/shifts/${shiftId}/assignments`,
    payload: () => ({ personId: 'x', role: 'boss' }),
    ...MANAGERS(400),
  },
  'POST /api/signups/{id}/remove': { method: 'POST', url: () => '/api/signups/no-such-signup/remove', payload: () => ({ reason: '' }), ...MANAGERS(400) },
  'GET /api/schools/{schoolId}/gaps': { method: 'GET', url: () => `/api/schools/${schoolId}/gaps`, ...MANAGERS(200) },
  'POST /api/signups/{id}/swap': { method: 'POST', url: () => '/api/signups/no-such-signup/swap', payload: () => ({}), ...ON_DUTY(404) },
  'GET /api/schools/{schoolId}/swaps': { method: 'GET', url: () => `/api/schools/${schoolId}/swaps`, ...MEMBERS(200, 200) },
  'POST /api/swaps/{id}/accept': { method: 'POST', url: () => '/api/swaps/no-such-swap/accept', ...ON_DUTY(404) },
  'POST /api/swaps/{id}/cancel': { method: 'POST', url: () => '/api/swaps/no-such-swap/cancel', ...ON_DUTY(404) },
  // attendance
  'POST /api/signups/{id}/check-in': {
    method: 'POST',
    url: () => '/api/signups/no-such-signup/check-in',
    payload: () => ({ lat: 28.64, lng: 115.92, accuracy: 10, idempotencyKey: 'key-12345678' }),
    ...ON_DUTY(404),
  },
  'POST /api/signups/{id}/check-out': {
    method: 'POST',
    url: () => '/api/signups/no-such-signup/check-out',
    payload: () => ({ lat: 28.64, lng: 115.92, accuracy: 10, idempotencyKey: 'key-12345678' }),
    ...ON_DUTY(404),
  },
  'POST /api/signups/{id}/heartbeat': {
    method: 'POST',
    url: () => '/api/signups/no-such-signup/heartbeat',
    payload: () => ({ lat: 28.64, lng: 115.92, accuracy: 10 }),
    ...ON_DUTY(404),
  },
  'GET /api/schools/{schoolId}/duty-board': { method: 'GET', url: () => `/api/schools/${schoolId}/duty-board`, ...MANAGERS(200) },
  'GET /api/exceptions/pending-counts': { method: 'GET', url: () => '/api/exceptions/pending-counts', ...MANAGERS(200) },
  'GET /api/schools/{schoolId}/exceptions': { method: 'GET', url: () => `/api/schools/${schoolId}/exceptions`, ...MANAGERS(200) },
  'POST /api/exceptions/{id}/review': {
    method: 'POST',
    url: () => '/api/exceptions/no-such-exception/review',
    payload: () => ({ decision: 'accept' }),
    ...MANAGERS(404),
  },
  'GET /api/me/hours': { method: 'GET', url: () => '/api/me/hours', ...SIGNED_IN(200) },
  'GET /api/me/certificate': { method: 'GET', url: () => `/api/me/certificate?schoolId=${schoolId}`, ...SIGNED_IN(404) },
  // files and hazards
  'POST /api/uploads': { method: 'POST', url: () => '/api/uploads', payload: () => ({}), expect: { anonymous: 401 }, otherwise: 400 },
  'GET /api/files/{id}': { method: 'GET', url: () => '/api/files/nope?v=full&exp=1&sig=bad', ...PUBLIC(403) },
  'GET /api/hazard-categories': { method: 'GET', url: () => '/api/hazard-categories', ...SIGNED_IN(200) },
  'GET /api/safety-themes': { method: 'GET', url: () => '/api/safety-themes', ...SIGNED_IN(200) },
  'POST /api/hazard-categories': {
    method: 'POST',
    url: () => '/api/hazard-categories',
    payload: () => ({ name: '', defaultSeverity: 'low' }),
    // city-wide: only the city role (市局) manages categories (and this empty name is refused)
    expect: { anonymous: 401, city: 400 },
    otherwise: 403,
  },
  'POST /api/hazards': {
    method: 'POST',
    url: () => '/api/hazards',
    payload: () => ({ lat: 28.64, lng: 115.91, categoryId: 'traffic', description: '', photoIds: [], clientKey: 'k-123456789' }),
    ...MEMBERS(400),
  },
  'GET /api/hazards/nearby': { method: 'GET', url: () => '/api/hazards/nearby?lat=28.64&lng=115.91&categoryId=traffic', ...MEMBERS(200) },
  'GET /api/hazards': { method: 'GET', url: () => '/api/hazards?scope=mine', ...MEMBERS(200, 200) },
  'GET /api/hazards/counts': { method: 'GET', url: () => '/api/hazards/counts', ...MEMBERS(200, 200) },
  'GET /api/hazards/ledger.xlsx': {
    method: 'GET',
    url: () => '/api/hazards/ledger.xlsx?stationId=nope&from=2026-11-01&to=2026-11-30',
    expect: { anonymous: 401, city: 404, police: 404, admin: 404 },
    otherwise: 403,
  },
  'GET /api/hazards/{id}': { method: 'GET', url: () => '/api/hazards/nope', ...MEMBERS(404, 404) },
  'PUT /api/hazards/{id}/location-kind': {
    method: 'PUT',
    url: () => '/api/hazards/nope/location-kind',
    payload: () => ({ locationKind: 'inside' }),
    expect: { anonymous: 401, police: 404, admin: 404 },
    otherwise: 403,
  },
  'POST /api/hazards/{id}/confirm': { method: 'POST', url: () => '/api/hazards/nope/confirm', payload: () => ({}), ...MEMBERS(404) },
  'POST /api/hazards/{id}/transition': {
    method: 'POST',
    url: () => '/api/hazards/nope/transition',
    payload: () => ({ action: 'accept' }),
    ...MANAGERS(404),
  },
  // notices and drills
  'GET /api/notices': { method: 'GET', url: () => '/api/notices', ...MEMBERS(200, 200) },
  'GET /api/notices/unread-count': { method: 'GET', url: () => '/api/notices/unread-count', ...SIGNED_IN(200) },
  'GET /api/notices/managed': { method: 'GET', url: () => '/api/notices/managed', ...MANAGERS(200) },
  'POST /api/notices': {
    method: 'POST',
    url: () => '/api/notices',
    payload: () => ({ type: 'general' }),
    expect: { anonymous: 401, police: 400, admin: 400 },
    otherwise: 403,
  },
  'PUT /api/notices/{id}': {
    method: 'PUT',
    url: () => '/api/notices/nope',
    payload: () => ({ type: 'general' }),
    expect: { anonymous: 401, police: 400, admin: 400 },
    otherwise: 403,
  },
  'POST /api/notices/{id}/publish': {
    method: 'POST',
    url: () => '/api/notices/nope/publish',
    payload: () => ({}),
    expect: { anonymous: 401, police: 404, admin: 404 },
    otherwise: 403,
  },
  'POST /api/notices/{id}/withdraw': { method: 'POST', url: () => '/api/notices/nope/withdraw', expect: { anonymous: 401, police: 404, admin: 404 }, otherwise: 403 },
  'GET /api/notices/{id}': { method: 'GET', url: () => '/api/notices/nope', ...MEMBERS(404, 404) },
  'POST /api/notices/{id}/read': { method: 'POST', url: () => '/api/notices/nope/read', ...MEMBERS(404, 404) },
  'POST /api/notices/{id}/ack': { method: 'POST', url: () => '/api/notices/nope/ack', ...MEMBERS(404, 404) },
  'POST /api/notices/{id}/rsvp': { method: 'POST', url: () => '/api/notices/nope/rsvp', payload: () => ({ answer: 'joined' }), ...MEMBERS(404, 404) },
  'POST /api/notices/{id}/attend': { method: 'POST', url: () => '/api/notices/nope/attend', payload: () => ({ lat: 28.6, lng: 115.9, accuracy: 10 }), ...MEMBERS(404, 404) },
  'GET /api/notices/{id}/stats': { method: 'GET', url: () => '/api/notices/nope/stats', ...MANAGERS(404) },
  'POST /api/notices/{id}/remind': { method: 'POST', url: () => '/api/notices/nope/remind', expect: { anonymous: 401, police: 404, admin: 404 }, otherwise: 403 },
  'POST /api/drills': { method: 'POST', url: () => '/api/drills', payload: () => ({}), expect: { anonymous: 401, police: 400, admin: 400 }, otherwise: 403 },
  'GET /api/schools/{schoolId}/drills': { method: 'GET', url: () => `/api/schools/${schoolId}/drills`, ...MANAGERS(200, { city: 200 }) },
  // coverage
  'GET /api/coverage/schools/{schoolId}': { method: 'GET', url: () => `/api/coverage/schools/${schoolId}?range=week`, ...MANAGERS(200, { city: 200 }) },
  'GET /api/coverage/schools/{schoolId}/export': { method: 'GET', url: () => `/api/coverage/schools/${schoolId}/export?range=week`, ...MANAGERS(200, { city: 200 }) },
  'GET /api/coverage/area': { method: 'GET', url: () => '/api/coverage/area?range=week', expect: { anonymous: 401, city: 200, police: 200, admin: 200 }, otherwise: 403 },
  'GET /api/coverage/area/export': {
    method: 'GET',
    url: () => '/api/coverage/area/export?range=week',
    expect: { anonymous: 401, city: 200, police: 200, admin: 200 },
    otherwise: 403,
  },
  // the bulletin: police, admins and the city hold it; only the city reaches the whole city
  'GET /api/bulletin': { method: 'GET', url: () => '/api/bulletin?from=2026-12-01&to=2026-12-04&level=city', expect: { anonymous: 401, city: 200 }, otherwise: 403 },
  'GET /api/bulletin/docx': { method: 'GET', url: () => '/api/bulletin/docx?from=2026-12-01&to=2026-12-04&level=city', expect: { anonymous: 401, city: 200 }, otherwise: 403 },
  'GET /api/bulletin/xlsx': { method: 'GET', url: () => '/api/bulletin/xlsx?from=2026-12-01&to=2026-12-04&level=city', expect: { anonymous: 401, city: 200 }, otherwise: 403 },
  'POST /api/coverage/ask-assign': {
    method: 'POST',
    url: () => '/api/coverage/ask-assign',
    payload: () => ({ shiftId: 'nope' }),
    expect: { anonymous: 401, principal: 404, admin: 404 },
    otherwise: 403,
  },
  // alarms: raising is for members and police (not admins); the rest is scoped by the service
  // the live socket signs in with its first message; a plain GET is told to upgrade
  'GET /api/live': { method: 'GET', url: () => '/api/live', ...PUBLIC(426) },
  'POST /api/alarms': {
    method: 'POST',
    url: () => '/api/alarms',
    payload: () => ({ clientKey: 'short' }),
    expect: { anonymous: 401, newcomer: 403, admin: 403, city: 403 },
    otherwise: 400,
  },
  // anyone signed in: the list holds what the person raised, was called to, or may view (none for a newcomer)
  'GET /api/alarms': { method: 'GET', url: () => '/api/alarms', expect: { anonymous: 401 }, otherwise: 200 },
  'GET /api/alarms/{id}': { method: 'GET', url: () => '/api/alarms/nope', expect: { anonymous: 401 }, otherwise: 404 },
  // the recent-alarms list: those who see the school's alarms (alarm.view), by reach
  'GET /api/alarms/history': {
    method: 'GET',
    url: () => '/api/alarms/history',
    expect: { anonymous: 401, guard: 200, principal: 200, police: 200, admin: 200, city: 200 },
    otherwise: 403,
  },
  // a drill's alarms, at the schools whose drill records the caller sees (none: an empty list)
  'GET /api/notices/{id}/drill-alarms': { method: 'GET', url: () => '/api/notices/nope/drill-alarms', ...MANAGERS(200, { city: 200 }) },
  'PUT /api/alarms/{id}/details': {
    method: 'PUT',
    url: () => '/api/alarms/nope/details',
    payload: () => ({}),
    expect: { anonymous: 401, newcomer: 403, admin: 403, city: 403 },
    otherwise: 404,
  },
  // people on duty at the school respond too, whatever their role: the service decides, per alarm
  'POST /api/alarms/{id}/acknowledge': { method: 'POST', url: () => '/api/alarms/nope/acknowledge', expect: { anonymous: 401 }, otherwise: 404 },
  'POST /api/alarms/{id}/arrive': {
    method: 'POST',
    url: () => '/api/alarms/nope/arrive',
    payload: () => ({ lat: 28.6, lng: 115.9, accuracy: 10 }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  'POST /api/alarms/{id}/close': {
    method: 'POST',
    url: () => '/api/alarms/nope/close',
    payload: () => ({ outcome: 'handled' }),
    expect: { anonymous: 401, police: 404 },
    otherwise: 403,
  },
  'POST /api/alarms/{id}/cancel': { method: 'POST', url: () => '/api/alarms/nope/cancel', expect: { anonymous: 401, newcomer: 403, admin: 403, city: 403 }, otherwise: 404 },
  // 远程广播: police send; police, admins and the city read the station's; people on duty confirm what was sent to them
  'GET /api/broadcasts/targets': { method: 'GET', url: () => '/api/broadcasts/targets', expect: { anonymous: 401, police: 200 }, otherwise: 403 },
  'POST /api/broadcasts': {
    method: 'POST',
    url: () => '/api/broadcasts',
    payload: () => ({ clientKey: 'short', text: '' }),
    expect: { anonymous: 401, police: 400 },
    otherwise: 403,
  },
  'GET /api/broadcasts': { method: 'GET', url: () => '/api/broadcasts', expect: { anonymous: 401, police: 200, admin: 200, city: 200 }, otherwise: 403 },
  'GET /api/broadcasts/pending': { method: 'GET', url: () => '/api/broadcasts/pending', expect: { anonymous: 401 }, otherwise: 200 },
  'GET /api/broadcasts/{id}': { method: 'GET', url: () => '/api/broadcasts/nope', expect: { anonymous: 401 }, otherwise: 404 },
  'POST /api/broadcasts/{id}/confirm': {
    method: 'POST',
    url: () => '/api/broadcasts/nope/confirm',
    expect: { anonymous: 401, volunteer: 404, teacher: 404, guard: 404, police: 404 },
    otherwise: 403,
  },
  // last: it ends each caller's session
  'POST /api/auth/logout': { method: 'POST', url: () => '/api/auth/logout', ...SIGNED_IN(204) },
}

it('the table covers every route of the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, unknown>>
  }
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
  expect(routes.sort()).toEqual(Object.keys(CASES).sort())
})

describe.each(Object.entries(CASES))('%s', (_name, c) => {
  it.each(WHO)('as %s', async (who) => {
    const res = await t.call({
      method: c.method,
      url: c.url(),
      ...(c.payload ? { payload: c.payload() } : {}),
      ...(who === 'anonymous' ? {} : { as: PEOPLE[who] }),
    })
    expect({ who, status: res.statusCode }).toEqual({ who, status: c.expect[who] ?? c.otherwise })
    if (res.statusCode >= 400) expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
  })
})

it('nothing the table sent changed the pending request or the shifts', async () => {
  const row = await t.ctx.db.selectFrom('memberships').select('status').where('id', '=', pendingMembershipId).executeTakeFirstOrThrow()
  expect(row.status).toBe('pending')
  const signups = await t.ctx.db.selectFrom('signups').select('id').where('shift_id', '=', shiftId).where('source', '!=', 'self').execute()
  expect(signups).toEqual([])
  expect(inviteId).toBeTruthy()
})
