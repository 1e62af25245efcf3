// The bulletin (简报) from real rows of two districts: every figure recomputed here from the raw
// tables (attendance, signups, memberships, shifts, hazards and their events, drills, notices and
// receipts, alarms) agrees with the API, and the Word and Excel downloads print the same; who may
// ask for which area follows the policy; nothing personal beyond counts and school names.
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Bulletin } from '../../types/bulletin'
import type { Me } from '../../types/api'
import type { Shift } from '../../types/shifts'
import type { Role } from '../../types/org'
import { coverageOf, ratio, shiftPlaces } from '../../domain/coverage'
import { bulletinReport } from '../../domain/bulletin-report'
import { participantKind } from '../../domain/bulletin'
import { localToInstant } from '../../domain/time'
import type { Clock } from '../../server/src/lib/clock'
import { closeShifts } from '../../server/src/modules/attendance/jobs'
import { refreshCoverage } from '../../server/src/modules/coverage/maintain'
import { parseHeadcount } from '../../server/src/modules/shifts/repository'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-11-30T00:00:00Z') // Monday 08:00 in Nanchang
const clock: Clock = { now: () => now }
let t: TestApp
let jingshan: { id: string; stationId: string; districtId: string }
let shiyan: string
let post: { id: string; lat: number; lng: number }
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)
const FROM = '2026-12-01'
const TO = '2026-12-04'
let qingyunpu: string
let xihu: string
let station: string
let otherStation: string

async function idOf(name: string): Promise<string> {
  return (await t.ctx.db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}

beforeAll(async () => {
  t = await createTestApp({}, clock)
  // no demo signups: the figures are this test's own (and the summaries are refreshed to match)
  await t.ctx.db.deleteFrom('signups').execute()
  await refreshCoverage(
    t.ctx.db,
    (await t.ctx.db.selectFrom('shifts').select('id').execute()).map((s) => s.id),
  )
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  const schoolId = (me.memberships[0].scope as { schoolId: string }).schoolId
  const row = await t.ctx.db.selectFrom('schools').select(['id', 'station_id', 'district_id']).where('id', '=', schoolId).executeTakeFirstOrThrow()
  jingshan = { id: row.id, stationId: row.station_id, districtId: row.district_id }
  qingyunpu = row.district_id
  station = row.station_id
  shiyan = (await t.ctx.db.selectFrom('schools').select('id').where('name', '=', '青云谱区实验学校').executeTakeFirstOrThrow()).id
  xihu = (await t.ctx.db.selectFrom('districts').select('id').where('id', '!=', qingyunpu).executeTakeFirstOrThrow()).id
  otherStation = (await t.ctx.db.selectFrom('stations').select('id').where('district_id', '=', qingyunpu).where('id', '!=', station).executeTakeFirstOrThrow()).id
  // a society volunteer joins 京山小学 (林小雨), a parent volunteer is there already (王芳)
  const invite = (await t.call({ method: 'POST', url: '/api/invites', as: '黄丽萍', payload: { schoolId: jingshan.id, role: 'volunteer', validDays: 7, maxUses: 5 } })).json()
  const joined = await t.call({ method: 'POST', url: '/api/memberships/join', as: '林小雨', payload: { code: invite.code, name: '林小雨（社区）', volunteerKind: 'society' } })
  expect(joined.statusCode).toBe(200)
  expect((await t.call({ method: 'POST', url: `/api/memberships/${joined.json().id}/decision`, as: '黄丽萍', payload: { decision: 'approve' } })).statusCode).toBe(200)
  // a post and a morning template needing 2 volunteers, a teacher and a police officer
  post = (
    await t.call({ method: 'POST', url: `/api/schools/${jingshan.id}/posts`, as: '陈志强', payload: { name: '简报测试岗', lat: 28.6401, lng: 115.9174, radiusM: 150 } })
  ).json()
  await t.call({
    method: 'POST',
    url: `/api/schools/${jingshan.id}/templates`,
    as: '陈志强',
    payload: {
      postId: post.id,
      name: '早高峰',
      weekdays: [1, 2, 3, 4, 5],
      startTime: '07:20',
      endTime: '08:00',
      headcount: { volunteer: 2, teacher: 1, guard: 0, police: 1 },
      termStart: '2026-09-01',
      termEnd: '2027-01-22',
    },
  })
  const shifts = ((await t.call({ method: 'GET', url: `/api/schools/${jingshan.id}/shifts?from=${FROM}&to=${TO}`, as: '王芳' })).json().items as Shift[]).filter(
    (s) => s.postId === post.id,
  )
  const policeId = await idOf('陈志强')
  for (const [as, role] of [
    ['王芳', 'volunteer'],
    ['林小雨', 'volunteer'],
    ['李红梅', 'teacher'],
  ] as const) {
    for (const shift of shifts.slice(0, 2)) {
      const res = await t.call({ method: 'POST', url: `/api/shifts/${shift.id}/signups`, as, payload: { role } })
      expect([as, shift.date, res.statusCode, res.json().message]).toEqual([as, shift.date, 200, undefined])
    }
  }
  // the police on the peak: a signup with the role police on Tue and Wed, as everyone's
  for (const shift of shifts.slice(0, 2)) {
    await t.ctx.db
      .insertInto('signups')
      .values({
        id: `police-${shift.id}`,
        shift_id: shift.id,
        person_id: policeId,
        role: 'police',
        status: 'active',
        source: 'assigned',
        reason: null,
        changed_by: policeId,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        outcome: null,
      })
      .execute()
  }
  const atGate = async (action: 'check-in' | 'check-out', as: string, shift: Shift, hhmm: string) => {
    now = at(shift.date, hhmm)
    const signup = await t.ctx.db
      .selectFrom('signups')
      .select('id')
      .where('shift_id', '=', shift.id)
      .where('person_id', '=', await idOf(as))
      .executeTakeFirstOrThrow()
    const res = await t.call({
      method: 'POST',
      url: `/api/signups/${signup.id}/${action}`,
      as,
      payload: { lat: post.lat, lng: post.lng, accuracy: 10, idempotencyKey: `bul-${action}-${as}-${shift.date}` },
    })
    expect(res.statusCode).toBe(200)
  }
  for (const shift of shifts.slice(0, 2)) {
    for (const as of ['王芳', '林小雨', '李红梅', '陈志强']) await atGate('check-in', as, shift, '07:15')
    for (const as of ['王芳', '林小雨']) await atGate('check-out', as, shift, '08:00')
  }
  // hazards: one inside rectified and closed, one around left overdue
  now = at('2026-12-01', '09:00')
  const report = async (as: string, locationKind: 'inside' | 'around', key: string) =>
    (
      await t.call({
        method: 'POST',
        url: '/api/hazards',
        as,
        payload: { lat: 28.6401, lng: 115.9174, categoryId: 'facility', description: '校门口护栏松动', schoolId: jingshan.id, locationKind, photoIds: [], clientKey: key },
      })
    ).json()
  const inside = await report('王芳', 'inside', 'bulletin-hazard-1')
  const around = await report('李红梅', 'around', 'bulletin-hazard-2')
  const principalId = await idOf('黄丽萍')
  const step = async (as: string, id: string, payload: Record<string, unknown>) =>
    expect((await t.call({ method: 'POST', url: `/api/hazards/${id}/transition`, as, payload })).statusCode).toBe(200)
  for (const h of [inside, around]) {
    await step('陈志强', h.id, { action: 'accept' })
    await step('陈志强', h.id, { action: 'assign', department: 'school', assigneePersonId: principalId, deadline: at('2026-12-02', '09:00').toISOString() })
  }
  now = at('2026-12-02', '08:30')
  await step('黄丽萍', inside.id, { action: 'resolve', note: '已加固' })
  await step('陈志强', inside.id, { action: 'close' })
  // a drill of two schools on 消防, and a training on 防溺水 attended by two people
  await t.call({
    method: 'POST',
    url: '/api/drills',
    as: '陈志强',
    payload: {
      noticeId: null,
      date: '2026-12-02',
      schoolIds: [jingshan.id, shiyan],
      participants: 80,
      durationMin: 40,
      scenario: '火情疏散',
      wentWell: '',
      toFix: '',
      photoIds: [],
      themeId: 'fire',
      clientKey: 'bulletin-drill-1',
    },
  })
  const training = (
    await t.call({
      method: 'POST',
      url: '/api/notices',
      as: '陈志强',
      payload: {
        type: 'training',
        title: '防溺水安全培训',
        body: '请准时参加',
        eventAt: at('2026-12-03', '15:00').toISOString(),
        eventEndAt: at('2026-12-03', '16:00').toISOString(),
        place: '报告厅',
        location: null,
        audience: { schoolIds: [jingshan.id], roles: ['volunteer', 'teacher'] },
        ackRequired: false,
        rsvpCapacity: 50,
        rsvpDeadline: null,
        attachmentIds: [],
        themeId: 'drowning',
      },
    })
  ).json()
  expect((await t.call({ method: 'POST', url: `/api/notices/${training.id}/publish`, as: '陈志强', payload: {} })).statusCode).toBe(200)
  const receipts = await t.ctx.db.selectFrom('notice_receipts').select('person_id').where('notice_id', '=', training.id).limit(2).execute()
  for (const r of receipts)
    await t.ctx.db
      .updateTable('notice_receipts')
      .set({ attended_at: at('2026-12-03', '15:05').toISOString() })
      .where('notice_id', '=', training.id)
      .where('person_id', '=', r.person_id)
      .execute()
  // a drill alarm: acknowledged after 40 s, the police on site after 200 s
  // (during the drill scheduled at the school: a drill alarm belongs to one)
  now = at('2026-12-03', '10:00')
  const drillNotice = (
    await t.call({
      method: 'POST',
      url: '/api/notices',
      as: '陈志强',
      payload: {
        type: 'drill',
        title: '校门口防冲撞演练',
        body: '听从民警指挥',
        eventAt: at('2026-12-03', '09:55').toISOString(),
        eventEndAt: at('2026-12-03', '10:30').toISOString(),
        place: '校门口',
        location: null,
        audience: { schoolIds: [jingshan.id], roles: ['principal', 'guard'] },
        ackRequired: false,
        rsvpCapacity: null,
        rsvpDeadline: null,
        attachmentIds: [],
        themeId: 'terror',
      },
    })
  ).json()
  expect((await t.call({ method: 'POST', url: `/api/notices/${drillNotice.id}/publish`, as: '陈志强', payload: {} })).statusCode).toBe(200)
  const alarm = (
    await t.call({
      method: 'POST',
      url: '/api/alarms',
      as: '黄丽萍',
      payload: { clientKey: 'bulletin-alarm-1', schoolId: jingshan.id, drill: true, drillNoticeId: drillNotice.id },
    })
  ).json()
  now = new Date(now.getTime() + 40_000)
  expect((await t.call({ method: 'POST', url: `/api/alarms/${alarm.id}/acknowledge`, as: '陈志强' })).statusCode).toBe(200)
  now = new Date(now.getTime() + 160_000)
  expect((await t.call({ method: 'POST', url: `/api/alarms/${alarm.id}/arrive`, as: '陈志强', payload: { lat: post.lat, lng: post.lng, accuracy: 10 } })).statusCode).toBe(200)
  now = at('2026-12-05', '12:00') // Saturday: the week's shifts are over
  await closeShifts(t.ctx)
}, 120_000)
afterAll(() => t.close())

const url = (level: string, id?: string, from = FROM, to = TO, kind = '') => `/api/bulletin${kind}?from=${from}&to=${to}&level=${level}${id ? `&id=${id}` : ''}`

/** The figures recomputed from the raw tables for a district and [from, to]. */
async function rawFigures(districtId: string, from: string, to: string) {
  const db = t.ctx.db
  const schools = await db.selectFrom('schools').select(['id', 'name']).where('district_id', '=', districtId).execute()
  const ids = schools.map((s) => s.id)
  const shifts = await db
    .selectFrom('shifts as s')
    .innerJoin('posts as p', 'p.id', 's.post_id')
    .select(['s.id', 's.school_id', 's.date', 's.headcount', 'p.active'])
    .where('s.school_id', 'in', ids)
    .where('s.status', '=', 'scheduled')
    .where('s.date', '>=', from)
    .where('s.date', '<=', to)
    .execute()
  const signups = await db
    .selectFrom('signups as g')
    .leftJoin('attendance as a', 'a.signup_id', 'g.id')
    .select(['g.shift_id', 'g.role', 'g.outcome', 'a.signup_id as checked', 'a.late'])
    .where('g.status', '=', 'active')
    .execute()
  const places = shifts.map((s) => {
    const mine = signups.filter((g) => g.shift_id === s.id)
    const per = (pred: (g: (typeof mine)[number]) => boolean) => {
      const out: Record<string, number> = {}
      for (const g of mine.filter(pred)) out[g.role] = (out[g.role] ?? 0) + 1
      return out
    }
    return shiftPlaces({ headcount: parseHeadcount(s.headcount), active: per(() => true), checkedIn: per((g) => g.checked !== null), late: 0, noShow: 0 })
  })
  const coverage = coverageOf(places)
  const attendance = await db
    .selectFrom('attendance as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .innerJoin('signups as g', 'g.id', 'a.signup_id')
    .select(['a.person_id', 'a.school_id', 's.date', 'g.role', 'a.hours'])
    .where('a.school_id', 'in', ids)
    .where('s.date', '>=', from)
    .where('s.date', '<=', to)
    .execute()
  const memberships = await db.selectFrom('memberships').select(['person_id', 'school_id', 'role', 'volunteer_kind']).execute()
  const kindOf = (a: (typeof attendance)[number]) =>
    participantKind(a.role as Role, memberships.find((m) => m.person_id === a.person_id && m.school_id === a.school_id && m.role === a.role)?.volunteer_kind)
  const people = (kind: string) => new Set(attendance.filter((a) => kindOf(a) === kind).map((a) => a.person_id)).size
  const hours = (kind: string) => Math.round(attendance.filter((a) => kindOf(a) === kind).reduce((t, a) => t + Number(a.hours ?? 0), 0) * 10) / 10
  const schoolDays = [...new Set(shifts.map((s) => s.date))]
  const policePerDay = schoolDays.map((d) => new Set(attendance.filter((a) => a.date === d && kindOf(a) === 'police').map((a) => a.person_id)).size)
  const fromIso = localToInstant(from)
  const toIso = localToInstant(new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
  const hazards = await db.selectFrom('hazards').select(['id', 'location_kind', 'created_at']).where('school_id', 'in', ids).execute()
  const events = await db.selectFrom('hazard_events').select(['hazard_id', 'to_status', 'created_at']).where('created_at', '>=', fromIso).where('created_at', '<', toIso).execute()
  const hazardFigure = (kind: string, status: string) =>
    new Set(events.filter((e) => e.to_status === status && hazards.find((h) => h.id === e.hazard_id)?.location_kind === kind).map((e) => e.hazard_id)).size
  const drills = await db
    .selectFrom('drills as d')
    .innerJoin('drill_schools as ds', 'ds.drill_id', 'd.id')
    .select(['d.id', 'ds.school_id'])
    .where('ds.school_id', 'in', ids)
    .where('d.date', '>=', from)
    .where('d.date', '<=', to)
    .execute()
  const trainings = await db
    .selectFrom('notices as n')
    .select('n.id')
    .where('n.type', '=', 'training')
    .where('n.status', '=', 'published')
    .where('n.event_at', '>=', fromIso)
    .where('n.event_at', '<', toIso)
    .execute()
  const attended = await db
    .selectFrom('notice_receipts')
    .select('person_id')
    .where('notice_id', 'in', trainings.length ? trainings.map((n) => n.id) : ['none'])
    .where('school_id', 'in', ids)
    .where('attended_at', 'is not', null)
    .execute()
  return {
    schools: schools.length,
    withPosts: new Set(shifts.filter((s) => s.active === 1).map((s) => s.school_id)).size,
    fillRate: coverage.fillRate,
    attendanceRate: coverage.attendanceRate,
    people: { parent: people('parent'), society: people('society'), teacher: people('teacher'), guard: people('guard'), police: people('police') },
    total: new Set(attendance.map((a) => a.person_id)).size,
    volunteerHours: Math.round((hours('parent') + hours('society')) * 10) / 10,
    policeAverage: schoolDays.length ? Math.round((policePerDay.reduce((x, y) => x + y, 0) / schoolDays.length) * 10) / 10 : null,
    policeMax: schoolDays.length ? Math.max(...policePerDay) : null,
    reported: {
      inside: hazards.filter((h) => h.location_kind === 'inside' && h.created_at >= fromIso && h.created_at < toIso).length,
      around: hazards.filter((h) => h.location_kind === 'around' && h.created_at >= fromIso && h.created_at < toIso).length,
    },
    rectified: { inside: hazardFigure('inside', 'resolved'), around: hazardFigure('around', 'resolved') },
    closed: { inside: hazardFigure('inside', 'closed'), around: hazardFigure('around', 'closed') },
    drillsHeld: new Set(drills.map((d) => d.id)).size,
    drillSchools: new Set(drills.map((d) => d.school_id)).size,
    trainings: trainings.length,
    attended: attended.length,
  }
}

describe('the figures', () => {
  it('agree with the raw rows, beside the period before', async () => {
    const res = await t.call({ method: 'GET', url: url('district', qingyunpu), as: '周建国' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const b = res.json() as Bulletin
    const raw = await rawFigures(qingyunpu, FROM, TO)
    const before = await rawFigures(qingyunpu, '2026-11-27', '2026-11-30')
    expect([b.previousFrom, b.previousTo]).toEqual(['2026-11-27', '2026-11-30'])
    expect(b.posts.schools).toEqual({ current: raw.schools, previous: before.schools })
    expect(b.posts.withPosts).toEqual({ current: raw.withPosts, previous: before.withPosts })
    expect(b.posts.rate.current).toBe(ratio(raw.withPosts, raw.schools))
    expect(b.posts.schoolsWithout).toHaveLength(raw.schools - raw.withPosts)
    expect(b.coverage.fillRate).toEqual({ current: raw.fillRate, previous: before.fillRate })
    expect(b.coverage.attendanceRate).toEqual({ current: raw.attendanceRate, previous: before.attendanceRate })
    for (const k of b.people.byKind) expect([k.kind, k.people.current]).toEqual([k.kind, raw.people[k.kind]])
    expect(raw.people).toMatchObject({ parent: 1, society: 1, teacher: 1, police: 1 })
    expect(b.people.total.current).toBe(raw.total)
    expect(b.people.volunteerHours.current).toBe(raw.volunteerHours)
    expect(raw.volunteerHours).toBeGreaterThan(0)
    expect(b.police.average.current).toBe(raw.policeAverage)
    expect(b.police.max).toEqual({ current: raw.policeMax, previous: before.policeMax })
    expect(raw.policeMax).toBe(1)
    for (const h of b.hazards.byLocation) {
      expect([h.kind, h.reported.current, h.rectified.current, h.closed.current]).toEqual([h.kind, raw.reported[h.kind], raw.rectified[h.kind], raw.closed[h.kind]])
    }
    expect(raw.reported).toEqual({ inside: 1, around: 1 })
    expect(raw.closed.inside).toBe(1)
    expect(b.hazards.overdue.map((o) => [o.schoolName, o.locationKind])).toEqual([['青云谱区京山小学', 'around']])
    expect(b.drills.held.current).toBe(raw.drillsHeld)
    expect(b.drills.schoolsReached.current).toBe(raw.drillSchools)
    expect(b.drills.byTheme.map((d) => [d.themeName, d.held.current])).toEqual([['消防', 1]])
    expect(b.drills.alarms.count.current).toBe(1)
    expect(b.drills.alarms.medianFirstAckSec.current).toBe(40)
    expect(b.drills.alarms.policeWithin3MinRate.current).toBe(0)
    expect(b.drills.alarms.policeWithin5MinRate.current).toBe(1)
    expect(b.education.held.current).toBe(raw.trainings)
    expect(b.education.attended.current).toBe(raw.attended)
    expect(b.education.byTheme.map((e) => [e.themeName, e.held.current, e.attended.current])).toEqual([['防溺水', 1, 2]])
  })

  it('agree with the raw rows over whole months too (the month rows without their day masks)', async () => {
    const b = (await t.call({ method: 'GET', url: url('district', qingyunpu, '2026-11-01', '2026-12-31'), as: '周建国' })).json() as Bulletin
    const raw = await rawFigures(qingyunpu, '2026-11-01', '2026-12-31')
    expect(b.posts.withPosts.current).toBe(raw.withPosts)
    expect(b.coverage.fillRate.current).toBe(raw.fillRate)
    for (const k of b.people.byKind) expect([k.kind, k.people.current]).toEqual([k.kind, raw.people[k.kind]])
    expect(b.people.total.current).toBe(raw.total)
    expect(raw.volunteerHours).toBeGreaterThan(0)
    expect(b.people.volunteerHours.current).toBe(raw.volunteerHours)
    expect([b.police.average.current, b.police.max.current]).toEqual([raw.policeAverage, raw.policeMax])
  })

  it('the Word document and the Excel sheet print the very figures of the screen', async () => {
    const b = (await t.call({ method: 'GET', url: url('district', qingyunpu), as: '周建国' })).json() as Bulletin
    const report = bulletinReport(b)
    const docx = await t.call({ method: 'GET', url: url('district', qingyunpu, FROM, TO, '/docx'), as: '周建国' })
    expect(docx.statusCode).toBe(200)
    expect(docx.headers['content-type']).toContain('wordprocessingml')
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string')
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .map((s) => s.replace(/&amp;/g, '&'))
    expect(paragraphs).toContain(report.title)
    expect(paragraphs).toContain(report.period)
    for (const s of report.sections) {
      expect(paragraphs).toContain(s.heading)
      for (const p of s.paragraphs) expect(paragraphs).toContain(p)
      for (const table of s.tables) for (const row of table.rows) for (const cell of row) if (cell) expect(paragraphs).toContain(cell)
    }
    // the figures themselves are in the text as the API gave them
    expect(paragraphs.join('\n')).toContain(`护学岗设置率 ${Math.round(b.posts.rate.current! * 1000) / 10}%`)
    expect(paragraphs.join('\n')).toContain(`志愿服务 ${b.people.volunteerHours.current} 小时`)

    const xlsx = await t.call({ method: 'GET', url: url('district', qingyunpu, FROM, TO, '/xlsx'), as: '周建国' })
    expect(xlsx.statusCode).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const rows: string[][] = []
    book.getWorksheet('简报')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
    const expected = report.sections.flatMap((s) => [[s.heading], ...s.paragraphs.map((p) => [p]), ...s.tables.flatMap((tb) => [tb.headers, ...tb.rows])])
    const trim = (r: string[]) => {
      const out = [...r]
      while (out.length && out[out.length - 1] === '') out.pop()
      return out
    }
    expect(
      rows
        .slice(3)
        .map(trim)
        .filter((r) => r.length),
    ).toEqual(expected.map(trim))
  })

  it('the city adds the districts up; a station is its own schools', async () => {
    const city = (await t.call({ method: 'GET', url: url('city'), as: '孙明' })).json() as Bulletin
    const a = (await t.call({ method: 'GET', url: url('district', qingyunpu), as: '孙明' })).json() as Bulletin
    const b = (await t.call({ method: 'GET', url: url('district', xihu), as: '孙明' })).json() as Bulletin
    expect(city.scope).toEqual({ level: 'city', id: null, name: '全市' })
    expect(city.posts.schools.current).toBe(a.posts.schools.current! + b.posts.schools.current!)
    expect(city.drills.held.current).toBe(a.drills.held.current! + b.drills.held.current!)
    const st = (await t.call({ method: 'GET', url: url('station', station), as: '陈志强' })).json() as Bulletin
    expect(st.scope.level).toBe('station')
    expect(st.people.byKind.find((k) => k.kind === 'police')!.people.current).toBe(1)
  })

  it('a hazard is put inside or around by the police, not by a volunteer', async () => {
    const h = await t.ctx.db.selectFrom('hazards').select('id').where('location_kind', '=', 'around').executeTakeFirstOrThrow()
    expect((await t.call({ method: 'PUT', url: `/api/hazards/${h.id}/location-kind`, as: '王芳', payload: { locationKind: 'inside' } })).statusCode).toBe(403)
    const res = await t.call({ method: 'PUT', url: `/api/hazards/${h.id}/location-kind`, as: '陈志强', payload: { locationKind: 'inside' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().locationKind).toBe('inside')
    // the change is on the timeline: who, from what to what, the status unchanged
    const located = (res.json().events as { action: string; note: string | null; actor: string; fromStatus: string; toStatus: string }[]).filter((e) => e.action === 'locate')
    expect(located).toHaveLength(1)
    expect(located[0]).toMatchObject({ note: '校园周边 → 校内', fromStatus: res.json().status, toStatus: res.json().status })
    expect(located[0].actor).toBe('我') // the officer reads his own step as 我
    // setting it again changes nothing and adds no step
    const again = await t.call({ method: 'PUT', url: `/api/hazards/${h.id}/location-kind`, as: '陈志强', payload: { locationKind: 'inside' } })
    expect((again.json().events as { action: string }[]).filter((e) => e.action === 'locate')).toHaveLength(1)
    const back = await t.call({ method: 'PUT', url: `/api/hazards/${h.id}/location-kind`, as: '陈志强', payload: { locationKind: 'around' } })
    expect(
      (back.json().events as { action: string; note: string }[])
        .filter((e) => e.action === 'locate')
        .map((e) => e.note)
        .sort(),
    ).toEqual(['校内 → 校园周边', '校园周边 → 校内'])
  })
})

describe('who may see which bulletin', () => {
  it.each([
    ['孙明', 'city', undefined, 200],
    ['孙明', 'district', 'xihu', 200],
    ['周建国', 'district', 'qingyunpu', 200],
    ['周建国', 'district', 'xihu', 403],
    ['吴秀兰', 'district', 'qingyunpu', 403],
    ['周建国', 'city', undefined, 403],
    ['周建国', 'station', 'station', 200],
    ['陈志强', 'station', 'station', 200],
    ['陈志强', 'station', 'otherStation', 403],
    ['陈志强', 'district', 'qingyunpu', 403],
    ['王海涛', 'station', 'station', 403],
    ['黄丽萍', 'station', 'station', 403],
    ['王芳', 'city', undefined, 403],
  ])('%s asking for %s %s → %i', async (as, level, which, status) => {
    const ids: Record<string, string> = { qingyunpu, xihu, station, otherStation }
    for (const kind of ['', '/docx', '/xlsx']) {
      const res = await t.call({ method: 'GET', url: url(level, which ? ids[which] : undefined, FROM, TO, kind), as })
      expect(res.statusCode).toBe(status)
    }
  })

  it('bad periods and areas are refused in Chinese', async () => {
    for (const [u, status] of [
      [`/api/bulletin?from=${TO}&to=${FROM}&level=city`, 400],
      ['/api/bulletin?from=2025-01-01&to=2026-12-31&level=city', 400],
      ['/api/bulletin?from=2026-02-30&to=2026-03-01&level=city', 400],
      ['/api/bulletin?from=2026-12-01&to=2026-12-04&level=district', 400],
      ['/api/bulletin?from=2026-12-01&to=2026-12-04&level=district&id=nope', 404],
      ['/api/bulletin?from=2026-12-01&to=2026-12-04&level=planet', 400],
    ] as const) {
      const res = await t.call({ method: 'GET', url: u, as: '孙明' })
      expect([u, res.statusCode]).toEqual([u, status])
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  it('says no one’s name or phone: counts and school names only', async () => {
    const body = (await t.call({ method: 'GET', url: url('city'), as: '孙明' })).body
    const people = await t.ctx.db.selectFrom('people').select(['name', 'phone']).execute()
    for (const p of people) {
      expect(body).not.toContain(p.name)
      if (p.phone) expect(body).not.toContain(p.phone)
    }
  })
})
