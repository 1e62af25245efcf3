// Police on peak duty with real objects of two districts: the demo city's primary schools ask for
// 民警 1 at the main gate's morning peak. The officer of the school's station signs up and checks
// in like everyone (window, fence, exceptions, retries); officers of another station or district
// can neither sign up, be assigned, nor check in there, and change nothing trying. Police places
// are the station's roster: a principal asks, the police and the district assign. The duty board
// shows 警力 and coverage counts 警力到岗 on its own, the same on screen (API) and in the export,
// checked against the raw rows.
import ExcelJS from 'exceljs'
import type { DutyBoard, Attendance } from '../../types/attendance'
import type { AreaCoverage, SchoolCoverage } from '../../types/coverage'
import type { Gap, Shift, ShiftDetail } from '../../types/shifts'
import { percentText } from '../../domain/coverage'
import type { Clock } from '../../server/src/lib/clock'
import { closeShifts } from '../../server/src/modules/attendance/jobs'
import { createTestApp, type TestApp } from './support/test-app'

// Monday 30 November 2026, 20:00 in Nanchang
let now = new Date('2026-11-30T12:00:00Z')
const clock: Clock = { now: () => now }
const localTime = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)

let t: TestApp
const ids: Record<string, string> = {}
let gate: { lat: number; lng: number }

async function idOf(table: 'people' | 'schools', name: string): Promise<string> {
  return (await t.ctx.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}

/** The main gate's morning peak of 京山小学 on a date: the shift that asks for an officer. */
async function morningPeak(date: string): Promise<Shift> {
  const res = await t.call({ method: 'GET', url: `/api/schools/${ids.school}/shifts?from=${date}&to=${date}`, as: '陈志强' })
  const shift = (res.json().items as Shift[]).find((s) => s.templateName === '早高峰' && s.roles.some((r) => r.role === 'police' && r.required === 1))
  if (!shift) throw new Error(`no police place on ${date}`)
  return shift
}

const policeSignups = async () =>
  (await t.ctx.db.selectFrom('signups').select(['id', 'shift_id', 'person_id', 'status']).where('role', '=', 'police').orderBy('id').execute()).map((r) => JSON.stringify(r))
const attendanceRows = async () => (await t.ctx.db.selectFrom('attendance').select(['signup_id', 'check_in_at']).orderBy('signup_id').execute()).map((r) => JSON.stringify(r))

beforeAll(async () => {
  t = await createTestApp({}, clock)
  ids.school = await idOf('schools', '青云谱区京山小学')
  ids.chen = await idOf('people', '陈志强')
  ids.liu = await idOf('people', '刘卫东')
  ids.wang = await idOf('people', '王海涛')
  const tuesday = await morningPeak('2026-12-01')
  ids.tuesday = tuesday.id
  ids.wednesday = (await morningPeak('2026-12-02')).id
  ids.thursday = (await morningPeak('2026-12-03')).id
  const post = await t.ctx.db.selectFrom('posts').select(['lat', 'lng']).where('id', '=', tuesday.postId).executeTakeFirstOrThrow()
  gate = { lat: Number(post.lat), lng: Number(post.lng) }
})
afterAll(() => t.close())

describe('the demo city asks for police at the gates', () => {
  it('a primary school main gate asks for 民警 1 at the morning peak, a kindergarten does not', async () => {
    const rows = await t.ctx.db
      .selectFrom('shift_templates as tp')
      .innerJoin('schools as s', 's.id', 'tp.school_id')
      .select(['s.name', 's.kind', 'tp.name as template', 'tp.headcount'])
      .where('tp.name', '=', '早高峰')
      .where('tp.headcount', 'like', '%"teacher":1%')
      .execute()
    for (const r of rows) expect([r.name, JSON.parse(r.headcount).police]).toEqual([r.name, r.kind === 'primary' ? 1 : 0])
  })
})

describe('signing up for a police place', () => {
  it('officers of another station or district cannot sign up, and nothing changes', async () => {
    const before = await policeSignups()
    for (const outsider of ['刘卫东', '王海涛']) {
      const res = await t.call({ method: 'POST', url: `/api/shifts/${ids.tuesday}/signups`, as: outsider, payload: { role: 'police' } })
      expect([outsider, res.statusCode]).toEqual([outsider, 403])
    }
    // nor does anyone take a police place without being an officer of the station
    const parent = await t.call({ method: 'POST', url: `/api/shifts/${ids.thursday}/signups`, as: '张伟', payload: { role: 'police' } })
    expect(parent.statusCode).toBe(409)
    expect(parent.json().message).toBe('你在该校没有这个身份，不能报名该岗位')
    expect(await policeSignups()).toEqual(before)
  })

  it("the station's officer signs up; a retry answers with the same place", async () => {
    const first = await t.call({ method: 'POST', url: `/api/shifts/${ids.tuesday}/signups`, as: '陈志强', payload: { role: 'police' } })
    expect(first.statusCode).toBe(200)
    expect((first.json() as Shift).mine).toMatchObject({ role: 'police', status: 'active' })
    const again = await t.call({ method: 'POST', url: `/api/shifts/${ids.tuesday}/signups`, as: '陈志强', payload: { role: 'police' } })
    expect((again.json() as Shift).mine!.signupId).toBe((first.json() as Shift).mine!.signupId)
    ids.signup = (first.json() as Shift).mine!.signupId
    // the officer's 值守: their own duties, across their schools
    const mine = (await t.call({ method: 'GET', url: '/api/me/shifts?when=upcoming', as: '陈志强' })).json().items as Shift[]
    expect(mine.map((s) => s.id)).toContain(ids.tuesday)
  })
})

describe('assigning police: the station and the district, not the principal', () => {
  it('the principal cannot put an officer on a police place (she asks the police), nor take one off', async () => {
    const before = await policeSignups()
    const res = await t.call({ method: 'POST', url: `/api/shifts/${ids.wednesday}/assignments`, as: '黄丽萍', payload: { personId: ids.chen, role: 'police' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toContain('派出所')
    const off = await t.call({ method: 'POST', url: `/api/signups/${ids.signup}/remove`, as: '黄丽萍', payload: { reason: '测试' } })
    expect(off.statusCode).toBe(403)
    expect(await policeSignups()).toEqual(before)
  })

  it('nobody can be assigned to a school they are not responsible for: officers of another station or district', async () => {
    const before = await policeSignups()
    for (const [by, officer] of [
      ['陈志强', ids.liu],
      ['陈志强', ids.wang],
      ['周建国', ids.wang],
    ]) {
      const res = await t.call({ method: 'POST', url: `/api/shifts/${ids.wednesday}/assignments`, as: by, payload: { personId: officer, role: 'police' } })
      expect([by, res.statusCode, res.json().message]).toEqual([by, 403, '对方不是该校通过审核的责任民警，不能指派'])
    }
    // and people of another station or district cannot assign here at all
    for (const by of ['刘卫东', '吴秀兰', '王海涛']) {
      const res = await t.call({ method: 'POST', url: `/api/shifts/${ids.wednesday}/assignments`, as: by, payload: { personId: ids.chen, role: 'police' } })
      expect([by, res.statusCode]).toEqual([by, 403])
    }
    expect(await policeSignups()).toEqual(before)
  })

  it("the district admin assigns the station's officer, who is told", async () => {
    const res = await t.call({ method: 'POST', url: `/api/shifts/${ids.wednesday}/assignments`, as: '周建国', payload: { personId: ids.chen, role: 'police' } })
    expect(res.statusCode).toBe(200)
    expect((res.json() as ShiftDetail).signups.find((s) => s.role === 'police')).toMatchObject({ person: { name: '陈志强' }, source: 'assigned', status: 'active' })
  })

  it('补位: the officer sees police places with the station’s officers proposed; the principal sees them without names', async () => {
    const police = (await t.call({ method: 'GET', url: `/api/schools/${ids.school}/gaps?days=7`, as: '陈志强' })).json().items as Gap[]
    const thursday = police.find((g) => g.shift.id === ids.thursday && g.role === 'police')!
    expect(thursday.candidates.map((c) => c.person.name)).toEqual(['陈志强'])
    const principal = (await t.call({ method: 'GET', url: `/api/schools/${ids.school}/gaps?days=7`, as: '黄丽萍' })).json().items as Gap[]
    expect(principal.find((g) => g.shift.id === ids.thursday && g.role === 'police')).toMatchObject({ missing: 1, candidates: [] })
    expect(principal.find((g) => g.shift.id === ids.thursday && g.role === 'volunteer')!.candidates.length).toBeGreaterThan(0)
  })
})

describe('checking in and out at the gate', () => {
  const body = (over: Record<string, unknown> = {}) => ({ ...gate, accuracy: 12, idempotencyKey: 'police-in-1', ...over })

  it('nobody checks in on the officer’s signup but the officer', async () => {
    now = localTime('2026-12-01', '07:12')
    const before = await attendanceRows()
    for (const other of ['刘卫东', '王海涛', '黄丽萍']) {
      const res = await t.call({ method: 'POST', url: `/api/signups/${ids.signup}/check-in`, as: other, payload: body() })
      expect([other, res.statusCode]).toEqual([other, 403])
    }
    expect(await attendanceRows()).toEqual(before)
  })

  it('the same window as everyone: not before 30 minutes ahead', async () => {
    now = localTime('2026-12-01', '06:40')
    const res = await t.call({ method: 'POST', url: `/api/signups/${ids.signup}/check-in`, as: '陈志强', payload: body() })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('OUT_OF_WINDOW')
  })

  it('the same fence: refused with the distance, accepted with a reason as an exception someone else reviews', async () => {
    now = localTime('2026-12-01', '07:12')
    const far = { lat: gate.lat + 0.01, lng: gate.lng }
    const refused = await t.call({ method: 'POST', url: `/api/signups/${ids.signup}/check-in`, as: '陈志强', payload: body(far) })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('OUTSIDE_FENCE')
    const accepted = await t.call({ method: 'POST', url: `/api/signups/${ids.signup}/check-in`, as: '陈志强', payload: body({ ...far, reason: '路口疏导车辆' }) })
    expect(accepted.statusCode).toBe(200)
    const first = accepted.json() as Attendance
    expect(first.exceptions).toEqual([expect.objectContaining({ kind: 'outside_fence', status: 'pending' })])
    // a retry (same key, or a second tap) returns the first result and stores nothing new
    const retry = await t.call({ method: 'POST', url: `/api/signups/${ids.signup}/check-in`, as: '陈志强', payload: body({ ...far, reason: '路口疏导车辆' }) })
    expect(retry.json()).toEqual(first)
    expect(await t.ctx.db.selectFrom('attendance').select('signup_id').where('signup_id', '=', ids.signup).execute()).toHaveLength(1)
    // the officer does not review their own exception; the principal does
    const own = await t.call({ method: 'POST', url: `/api/exceptions/${first.exceptions[0].id}/review`, as: '陈志强', payload: { decision: 'accept' } })
    expect(own.statusCode).toBe(403)
    const review = await t.call({ method: 'POST', url: `/api/exceptions/${first.exceptions[0].id}/review`, as: '黄丽萍', payload: { decision: 'accept', note: '情况属实' } })
    expect(review.statusCode).toBe(200)
  })

  it('the duty board shows 警力: the officer present on the police place', async () => {
    now = localTime('2026-12-01', '07:15')
    const board = (await t.call({ method: 'GET', url: `/api/schools/${ids.school}/duty-board`, as: '黄丽萍' })).json() as DutyBoard
    // the day's police places: the morning peak's (the officer is there) and the afternoon's (nobody yet)
    expect(board.police).toEqual({ required: 2, filled: 1, present: 1 })
    const person = board.posts.flatMap((p) => p.shifts.flatMap((s) => s.people)).find((p) => p.role === 'police')!
    expect(person).toMatchObject({ person: { name: '陈志强' }, state: 'on_duty' })
  })

  it('checks out with the same rules, once', async () => {
    now = localTime('2026-12-01', '07:58')
    const out = await t.call({ method: 'POST', url: `/api/signups/${ids.signup}/check-out`, as: '陈志强', payload: { ...gate, accuracy: 10, idempotencyKey: 'police-out-1' } })
    expect(out.statusCode).toBe(200)
    expect((out.json() as Attendance).checkOutAt).not.toBeNull()
    const again = await t.call({ method: 'POST', url: `/api/signups/${ids.signup}/check-out`, as: '陈志强', payload: { ...gate, accuracy: 10, idempotencyKey: 'police-out-1' } })
    expect(again.json()).toEqual(out.json())
  })
})

describe('警力到岗 in coverage: screen (API) and export agree with the raw rows', () => {
  /** The police places of some shifts, counted straight from shifts, signups and attendance. */
  async function rawPolice(schoolIds: string[], from: string, to: string) {
    const shifts = await t.ctx.db
      .selectFrom('shifts')
      .select(['id', 'headcount', 'ends_at'])
      .where('school_id', 'in', schoolIds)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('status', '=', 'scheduled')
      .execute()
    const signups = await t.ctx.db
      .selectFrom('signups as g')
      .leftJoin('attendance as a', 'a.signup_id', 'g.id')
      .select(['g.shift_id', 'a.signup_id as checked'])
      .where('g.role', '=', 'police')
      .where('g.status', '=', 'active')
      .execute()
    const sum = { required: 0, filled: 0, due: 0, attended: 0, all: 0, allAttended: 0 }
    for (const s of shifts) {
      const need = JSON.parse(s.headcount).police as number
      const on = signups.filter((g) => g.shift_id === s.id)
      sum.required += need
      sum.filled += Math.min(on.length, need)
      if (new Date(s.ends_at) <= now) {
        sum.due += need
        sum.attended += Math.min(on.filter((g) => g.checked).length, need)
      }
      sum.all += need
    }
    return { required: sum.required, filled: sum.filled, due: sum.due, attended: sum.attended, rate: sum.due ? Math.round((sum.attended / sum.due) * 1000) / 1000 : null }
  }

  beforeAll(async () => {
    // Wednesday noon: Tuesday's officer came; Wednesday's assigned officer did not
    now = localTime('2026-12-02', '12:00')
    await closeShifts(t.ctx)
  })

  it('the school view counts the police places apart, and keeps them in the places and rates', async () => {
    const c = (await t.call({ method: 'GET', url: `/api/coverage/schools/${ids.school}?range=week`, as: '黄丽萍' })).json() as SchoolCoverage
    const expected = await rawPolice([ids.school], c.from, c.to)
    expect(c.totals.police).toEqual(expected)
    // over by Wednesday noon: Tuesday's two peaks and Wednesday's morning; the officer came once
    expect(c.totals.police).toMatchObject({ due: 3, attended: 1, rate: 0.333 })
    // the police places are among the places of the 报名率 and 到岗率
    expect(c.totals.required).toBeGreaterThanOrEqual(expected.required)
    // the peaks add up to the totals
    const sumOf = (k: 'required' | 'filled' | 'due' | 'attended') => c.byPeriod.reduce((n, p) => n + p.police[k], 0)
    expect({ required: sumOf('required'), filled: sumOf('filled'), due: sumOf('due'), attended: sumOf('attended') }).toEqual({
      required: expected.required,
      filled: expected.filled,
      due: expected.due,
      attended: expected.attended,
    })
    // Tuesday: the officer at the morning peak, nobody at the afternoon's
    expect(c.daily.find((d) => d.date === '2026-12-01')!.police).toMatchObject({ due: 2, attended: 1, rate: 0.5 })
    expect(c.daily.find((d) => d.date === '2026-12-02')!.police).toMatchObject({ due: 1, attended: 0, rate: 0 })

    const res = await t.call({ method: 'GET', url: `/api/coverage/schools/${ids.school}/export?range=week`, as: '黄丽萍' })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('汇总')!
    const header = sheet.getRow(1).values as unknown[]
    const row = sheet.getRow(2).values as unknown[]
    const cell = (title: string) => row[header.indexOf(title)]
    expect([cell('民警岗位（人次）'), cell('民警已报名'), cell('警力应到'), cell('警力到岗'), cell('警力到岗率')]).toEqual([
      expected.required,
      expected.filled,
      expected.due,
      expected.attended,
      percentText(expected.rate),
    ])
    expect([cell('应到（人次）'), cell('到岗率')]).toEqual([c.totals.required, percentText(c.totals.attendanceRate)])
  })

  it('the station and the district see the same police figures, school by school and in total', async () => {
    const station = (await t.call({ method: 'GET', url: '/api/coverage/area?range=week', as: '陈志强' })).json() as AreaCoverage
    const stationSchools = await t.ctx.db
      .selectFrom('schools as s')
      .innerJoin('stations as st', 'st.id', 's.station_id')
      .select('s.id')
      .where('st.name', '=', '京山派出所')
      .execute()
    expect(station.totals.police).toEqual(
      await rawPolice(
        stationSchools.map((s) => s.id),
        station.from,
        station.to,
      ),
    )
    expect(station.schools.find((s) => s.schoolId === ids.school)!.police).toEqual(await rawPolice([ids.school], station.from, station.to))
    const district = (await t.call({ method: 'GET', url: '/api/coverage/area?range=week', as: '周建国' })).json() as AreaCoverage
    const districtSchools = await t.ctx.db.selectFrom('schools as s').innerJoin('districts as d', 'd.id', 's.district_id').select('s.id').where('d.name', '=', '青云谱区').execute()
    expect(district.totals.police).toEqual(
      await rawPolice(
        districtSchools.map((s) => s.id),
        district.from,
        district.to,
      ),
    )
    expect(district.totals.police.required).toBe(district.schools.reduce((n, s) => n + s.police.required, 0))

    const res = await t.call({ method: 'GET', url: '/api/coverage/area/export?range=week', as: '周建国' })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('学校排名')!
    const header = sheet.getRow(1).values as unknown[]
    const total = sheet.getRow(district.schools.length + 2).values as unknown[]
    expect([total[header.indexOf('警力应到')], total[header.indexOf('警力到岗')], total[header.indexOf('警力到岗率')]]).toEqual([
      district.totals.police.due,
      district.totals.police.attended,
      percentText(district.totals.police.rate),
    ])
  })
})
