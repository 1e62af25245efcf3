// Bad input gets a Chinese 400 that names the field, and changes nothing (issue 11): coordinates,
// instants, dates, text, NUL and invisible characters, and a stream of garbage at a few routes.
import type { Me } from '../../types/api'
import { createTestApp, type TestApp } from './support/test-app'

let t: TestApp
let school: string
let station: string

beforeAll(async () => {
  t = await createTestApp()
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  school = (me.memberships[0].scope as { schoolId: string }).schoolId
  const police = (await t.call({ method: 'GET', url: '/api/me', as: '陈志强' })).json() as Me
  station = (police.memberships.find((m) => m.scope.kind === 'station')!.scope as { stationId: string }).stationId
})
afterAll(() => t.close())

/** Every table a bad request could have touched, counted. */
async function counts(): Promise<Record<string, number>> {
  const tables = ['people', 'posts', 'notices', 'hazards', 'hazard_events', 'drills', 'school_calendar', 'memberships', 'attendance'] as const
  const out: Record<string, number> = {}
  for (const table of tables) {
    const row = await t.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow()
    out[table] = Number(row.n)
  }
  return out
}

async function expectRefused(as: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, field: string, payload?: unknown) {
  const before = await counts()
  const res = await t.call({ method, url, as, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
  expect([method, url, res.statusCode]).toEqual([method, url, 400])
  const body = res.json() as { code: string; message: string; field?: string }
  expect(body.code).toBe('BAD_REQUEST')
  expect(body.field).toBe(field)
  expect(body.message).toMatch(/[\u4e00-\u9fff]/)
  expect(body.message).toContain(field)
  expect(await counts()).toEqual(before)
  return body
}

const fix = { lat: 28.6401, lng: 115.9174, accuracy: 10 }

describe('coordinates', () => {
  it.each([['Infinity'], ['-Infinity'], ['1e999'], ['NaN'], ['28.6abc']])('%s as a latitude is a 400 naming lat, everywhere', async (lat) => {
    await expectRefused('王芳', 'POST', '/api/signups/nope/check-in', 'lat', { ...fix, lat, idempotencyKey: 'key-00000001' })
    await expectRefused('王芳', 'POST', '/api/signups/nope/check-out', 'lat', { ...fix, lat, idempotencyKey: 'key-00000001' })
    await expectRefused('王芳', 'POST', '/api/notices/nope/attend', 'lat', { ...fix, lat })
    await expectRefused('陈志强', 'POST', `/api/schools/${school}/posts`, 'lat', { name: '东门', lat, lng: 115.9, radiusM: 100 })
    await expectRefused('王芳', 'POST', '/api/hazards', 'lat', { lat, lng: 115.9, categoryId: 'other', description: '路口积水', photoIds: [], clientKey: 'report-0001' })
  })
})

describe('instants', () => {
  it.each([['next tuesday'], ['2026-02-30T08:00:00Z'], ['2026-12-01'], ['10000-01-01T00:00:00Z'], ['2026-12-01T25:00:00Z']])('%s is not an instant', async (when) => {
    await expectRefused('陈志强', 'POST', '/api/hazards/nope/transition', 'deadline', { action: 'assign', department: 'school', deadline: when })
    await expectRefused('陈志强', 'POST', '/api/notices/nope/publish', 'publishAt', { publishAt: when })
    const notice = {
      type: 'drill',
      title: '消防演练',
      body: '全体参加',
      eventAt: null,
      eventEndAt: null,
      place: null,
      location: null,
      audience: { schoolIds: [school], roles: ['volunteer'] },
      ackRequired: true,
      rsvpCapacity: null,
      rsvpDeadline: null,
      attachmentIds: [],
    }
    await expectRefused('陈志强', 'POST', '/api/notices', 'eventAt', { ...notice, eventAt: when })
    await expectRefused('陈志强', 'POST', '/api/notices', 'rsvpDeadline', { ...notice, rsvpCapacity: 20, rsvpDeadline: when })
    await expectRefused('王芳', 'POST', '/api/signups/nope/check-in', 'clientAt', { ...fix, idempotencyKey: 'key-00000001', clientAt: when })
  })
})

describe('dates', () => {
  it.each([['2026-13-45'], ['2026-02-30'], ['2027-02-29'], ['9999-12-31'], ['10000-01-01'], ['2026-1-5']])(
    '%s is refused by shift lists, calendar, drills and the ledger',
    async (date) => {
      await expectRefused('王芳', 'GET', `/api/schools/${school}/shifts?from=${date}&to=2026-12-31`, 'from')
      await expectRefused('陈志强', 'GET', `/api/schools/${school}/shifts?from=2026-12-01&to=${date}`, 'to')
      await expectRefused('陈志强', 'PUT', `/api/schools/${school}/calendar/${date}`, 'date', { kind: 'holiday', note: '放假' })
      await expectRefused('陈志强', 'POST', '/api/drills', 'date', {
        noticeId: null,
        date,
        schoolIds: [school],
        participants: 10,
        durationMin: 30,
        scenario: '火灾疏散',
        wentWell: '',
        toFix: '',
        photoIds: [],
        clientKey: 'drill-key-0001',
      })
      await expectRefused('陈志强', 'GET', `/api/hazards/ledger.xlsx?stationId=${station}&from=2026-09-01&to=${date}`, 'to')
    },
  )

  it('a leap day is a real day', async () => {
    const res = await t.call({ method: 'GET', url: `/api/schools/${school}/shifts?from=2028-02-29&to=2028-02-29`, as: '王芳' })
    expect(res.statusCode).toBe(200)
  })
})

describe('text', () => {
  it.each([
    ['spaces', '   '],
    ['a full-width space and a tab', '\u3000\t '],
    ['zero-width characters only', '\u200B\u200B\uFEFF'],
    ['an RTL override only', '\u202E\u202D'],
    ['a NUL only', '\u0000'],
  ])('%s is an empty name, title or description', async (_name, text) => {
    await expectRefused('王芳', 'PUT', '/api/me', 'name', { name: text })
    await expectRefused('陈志强', 'POST', `/api/schools/${school}/posts`, 'name', { name: text, lat: 28.64, lng: 115.91, radiusM: 100 })
    const notice = {
      type: 'general',
      title: text,
      body: '内容',
      eventAt: null,
      eventEndAt: null,
      place: null,
      location: null,
      audience: { schoolIds: [school], roles: ['volunteer'] },
      ackRequired: false,
      rsvpCapacity: null,
      rsvpDeadline: null,
      attachmentIds: [],
    }
    await expectRefused('陈志强', 'POST', '/api/notices', 'title', notice)
    await expectRefused('陈志强', 'POST', '/api/notices', 'body', { ...notice, title: '通知', body: text })
    await expectRefused('王芳', 'POST', '/api/hazards', 'description', {
      lat: 28.64,
      lng: 115.91,
      categoryId: 'other',
      description: `${text}${text}`,
      photoIds: [],
      clientKey: 'report-0002',
    })
  })

  it('is stored trimmed, without control characters, NUL or direction overrides (no 500 on PostgreSQL)', async () => {
    const res = await t.call({ method: 'PUT', url: '/api/me', as: '王芳', payload: { name: '  王\u0000芳\u202E（三年级\u200B二班）\n ' } })
    expect(res.statusCode).toBe(200)
    expect((res.json() as Me).person.name).toBe('王芳（三年级二班）')
    const post = await t.call({ method: 'POST', url: `/api/schools/${school}/posts`, as: '陈志强', payload: { name: '\t北门\r\n', lat: 28.64, lng: 115.91, radiusM: 100 } })
    expect(post.json()).toMatchObject({ name: '北门' })
    // a description keeps its line breaks
    const hazard = await t.call({
      method: 'POST',
      url: '/api/hazards',
      as: '王芳',
      payload: { lat: 28.63972, lng: 115.91741, categoryId: 'other', description: '  井盖松动\r\n靠近南门\u0007  ', photoIds: [], clientKey: 'report-0003' },
    })
    expect(hazard.statusCode).toBe(200)
    expect(hazard.json()).toMatchObject({ description: '井盖松动\n靠近南门' })
  })

  it('a NUL or a space in an id is a 400, not a database error', async () => {
    for (const id of ['%00', 'a%00b', 'a%20b']) {
      const res = await t.call({ method: 'GET', url: `/api/shifts/${id}`, as: '王芳' })
      expect([id, res.statusCode]).toEqual([id, 400])
      expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field: 'id' })
    }
  })
})

describe('garbage at a handful of routes', () => {
  // a seeded generator: the same garbage on every run, so that a failure can be replayed
  let seed = 20261202
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const atoms: unknown[] = [
    null,
    true,
    0,
    -1,
    1e308,
    -1e308,
    3.5,
    '',
    ' ',
    '\u0000',
    '\u202E',
    '\u200B',
    'Infinity',
    'NaN',
    '2026-02-30',
    'next tuesday',
    '9999-12-31',
    '10000-01-01T00:00:00Z',
    '<script>alert(1)</script>',
    "'; drop table people; --",
    'é'.repeat(300),
    '中'.repeat(6000),
    [],
    {},
    [null],
    { $gt: '' },
  ]
  const garbage = (depth = 0): unknown => (depth < 2 && random() < 0.25 ? (random() < 0.5 ? [garbage(depth + 1)] : { x: garbage(depth + 1) }) : pick(atoms))
  const routes: { as: string; method: 'POST' | 'PUT'; url: () => string; fields: string[] }[] = [
    { as: '王芳', method: 'PUT', url: () => '/api/me', fields: ['name', 'phone'] },
    { as: '王芳', method: 'POST', url: () => '/api/hazards', fields: ['lat', 'lng', 'categoryId', 'description', 'photoIds', 'clientKey'] },
    { as: '王芳', method: 'POST', url: () => '/api/signups/nope/check-in', fields: ['lat', 'lng', 'accuracy', 'idempotencyKey', 'reason', 'clientAt'] },
    { as: '陈志强', method: 'POST', url: () => `/api/schools/${school}/posts`, fields: ['name', 'lat', 'lng', 'radiusM'] },
    { as: '陈志强', method: 'POST', url: () => '/api/notices', fields: ['type', 'title', 'body', 'eventAt', 'place', 'audience', 'ackRequired', 'rsvpDeadline', 'attachmentIds'] },
    { as: '陈志强', method: 'POST', url: () => '/api/drills', fields: ['noticeId', 'date', 'schoolIds', 'participants', 'durationMin', 'scenario', 'clientKey'] },
    { as: '陈志强', method: 'PUT', url: () => `/api/schools/${school}/calendar/2026-12-25`, fields: ['kind', 'note', 'asWeekday'] },
  ]

  it('never answers 5xx, always says in Chinese what is wrong, and stores nothing it refused', async () => {
    const before = await counts()
    let refused = 0
    for (let i = 0; i < 300; i++) {
      const route = pick(routes)
      const payload: Record<string, unknown> = {}
      for (const f of route.fields) if (random() < 0.8) payload[f] = garbage()
      const res = await t.call({ method: route.method, url: route.url(), as: route.as, payload })
      expect([route.url(), JSON.stringify(payload).slice(0, 200), res.statusCode < 500]).toEqual([route.url(), JSON.stringify(payload).slice(0, 200), true])
      if (res.statusCode >= 400) {
        refused++
        expect(res.json().message).toMatch(/[\u4e00-\u9fff]/)
      }
    }
    expect(refused).toBeGreaterThan(250)
    // PUT /api/me may accept a garbage name that is valid text; nothing else may appear
    const after = await counts()
    expect({ ...after, people: 0, posts: 0 }).toEqual({ ...before, people: 0, posts: 0 })
    expect(after.people).toBe(before.people)
  })
})
