// Drills that measure response, the recent-alarms list and the reviewers' numbers, through the API
// on a frozen clock in the demo city: a drill alarm only during a scheduled drill at one of its
// schools, linked to it, its response times on the drill record; the list by reach, paged; the
// numbers per school, station and district the same on screen (API), in the Excel export and
// when computed from the raw alarm events; another district's people see none of it.
import ExcelJS from 'exceljs'
import type { Alarm, AlarmPage, AlarmReviewNumbers, AlarmSummary } from '../../types/alarms'
import type { AreaCoverage, SchoolCoverage } from '../../types/coverage'
import type { Drill, Notice } from '../../types/notices'
import type { Clock } from '../../server/src/lib/clock'
import { alarmFigures, durationText, reviewNumbers, shareText, timesOf } from '../../domain/alarms'
import { eventRows, snapshotOf, alarmQuery, settingsOf } from '../../server/src/modules/alarms/repository'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-11-30T12:00:00Z')
const clock: Clock = { now: () => now }
const later = (sec: number) => (now = new Date(now.getTime() + sec * 1000))
let t: TestApp
let keySeq = 0
const key = () => `review-key-${keySeq++}-${Date.now()}`
const ids: Record<string, string> = {}
const gates: Record<string, { lat: number; lng: number }> = {}

const raise = (as: string, payload: Record<string, unknown> = {}) => t.call({ method: 'POST', url: '/api/alarms', as, payload: { clientKey: key(), ...payload } })
const act = async (as: string, id: string, what: string, payload?: Record<string, unknown>) => {
  const res = await t.call({ method: 'POST', url: `/api/alarms/${id}/${what}`, as, ...(payload ? { payload } : {}) })
  expect(res.statusCode).toBe(200)
  return res.json() as Alarm
}
const arrive = (as: string, id: string, school: string) => act(as, id, 'arrive', { ...gates[school], accuracy: 10 })
const get = (url: string, as: string) => t.call({ method: 'GET', url, as })

/** A drill notice from the station's officer to a school, published at once. */
async function drillNotice(as: string, school: string, startMin: number, endMin: number | null): Promise<Notice> {
  const created = await t.call({
    method: 'POST',
    url: '/api/notices',
    as,
    payload: {
      type: 'drill',
      title: '校门口防冲撞演练',
      body: '听从民警指挥。',
      eventAt: new Date(now.getTime() + startMin * 60_000).toISOString(),
      eventEndAt: endMin === null ? null : new Date(now.getTime() + endMin * 60_000).toISOString(),
      place: '校门口',
      location: { ...gates[school], radiusM: 150 },
      audience: { schoolIds: [ids[school]], roles: ['principal', 'guard'] },
      ackRequired: false,
      rsvpCapacity: null,
      rsvpDeadline: null,
      attachmentIds: [],
    },
  })
  expect(created.statusCode).toBe(200)
  const published = await t.call({ method: 'POST', url: `/api/notices/${created.json().id}/publish`, as, payload: {} })
  return published.json() as Notice
}

beforeAll(async () => {
  t = await createTestApp({}, clock)
  for (const name of ['青云谱区京山小学', '青云谱区洪都小学', '西湖区站前路小学']) {
    const s = await t.ctx.db
      .selectFrom('schools')
      .innerJoin('posts', 'posts.school_id', 'schools.id')
      .select(['schools.id', 'posts.lat', 'posts.lng'])
      .where('schools.name', '=', name)
      .orderBy('posts.name')
      .executeTakeFirstOrThrow()
    ids[name] = s.id
    gates[name] = { lat: Number(s.lat), lng: Number(s.lng) }
  }
  // 10:00 on a school day, local time
  const first = await t.ctx.db.selectFrom('shifts').select('starts_at').where('school_id', '=', ids['青云谱区京山小学']).orderBy('starts_at').executeTakeFirstOrThrow()
  now = new Date(Date.parse(first.starts_at) + 160 * 60_000)
})
afterAll(() => t.close())

const JS = '青云谱区京山小学'
const HD = '青云谱区洪都小学'

describe('drill alarms belong to a scheduled drill', () => {
  let drill: Notice
  let alarm: Alarm

  it('without a drill scheduled at the school now, a drill alarm is refused and nothing is stored', async () => {
    const before = await t.ctx.db.selectFrom('alarms').select('id').execute()
    const res = await raise('黄丽萍', { drill: true, schoolId: ids[JS] })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toContain('没有已安排的应急演练')
    // a drill this afternoon is not yet open: its notice named, the reason said
    const afternoon = await drillNotice('陈志强', JS, 120, 180)
    const early = await raise('黄丽萍', { drill: true, schoolId: ids[JS], drillNoticeId: afternoon.id })
    expect(early.statusCode).toBe(409)
    expect(early.json()).toMatchObject({ field: 'drillNoticeId', message: '演练开始前 30 分钟起才能发起演练报警' })
    expect((await raise('黄丽萍', { drill: true, schoolId: ids[JS] })).statusCode).toBe(409)
    // another school's drill is not this school's
    const elsewhere = await drillNotice('刘卫东', HD, -5, 40)
    expect((await raise('黄丽萍', { drill: true, schoolId: ids[JS], drillNoticeId: elsewhere.id })).statusCode).toBe(400)
    expect(await t.ctx.db.selectFrom('alarms').select('id').execute()).toEqual(before)
  })

  it('during the drill the principal raises one: linked to the drill, marked 演练, the volunteer may not', async () => {
    drill = await drillNotice('陈志强', JS, -5, 40)
    expect((await raise('王芳', { drill: true, schoolId: ids[JS] })).statusCode).toBe(403)
    const res = await raise('黄丽萍', { drill: true, schoolId: ids[JS] })
    expect(res.statusCode).toBe(200)
    alarm = res.json()
    expect(alarm.drill).toBe(true)
    const row = await t.ctx.db.selectFrom('alarms').select(['drill_notice_id', 'drill']).where('id', '=', alarm.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ drill_notice_id: drill.id, drill: 1 })
  })

  it('a withdrawn drill takes no more drill alarms', async () => {
    const other = await drillNotice('陈志强', JS, -5, 40)
    await t.call({ method: 'POST', url: `/api/notices/${other.id}/withdraw`, as: '陈志强' })
    const res = await raise('黄丽萍', { drill: true, schoolId: ids[JS], drillNoticeId: other.id })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toBe('这次演练的通知未发布或已撤回，不能发起演练报警')
  })

  it('the guard acknowledges at 10 s and is at the gate at 30 s; the officer ends it with 演练结束 at 100 s', async () => {
    later(10)
    await act('赵德福', alarm.id, 'acknowledge')
    later(20)
    await arrive('赵德福', alarm.id, JS)
    later(70)
    const closed = await act('陈志强', alarm.id, 'close', { outcome: 'drill_over' })
    expect(closed).toMatchObject({ status: 'closed', outcome: 'drill_over' })
  })

  it('the drill record made from the drill notice carries its response times and 1-3-5 marks; so does the school’s ledger', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/drills',
      as: '陈志强',
      payload: {
        noticeId: drill.id,
        date: drill.eventAt!.slice(0, 10),
        schoolIds: [ids[JS]],
        participants: 12,
        durationMin: 45,
        scenario: '校门口防冲撞',
        wentWell: '',
        toFix: '',
        photoIds: [],
        clientKey: key(),
      },
    })
    expect(res.statusCode).toBe(200)
    const record = res.json() as Drill
    const expected = {
      id: alarm.id,
      kind: 'drill',
      status: 'closed',
      outcome: 'drill_over',
      firstAckSec: 10,
      schoolOnSiteSec: 30,
      policeOnSiteSec: null,
      secondPoliceOnSiteSec: null,
    }
    expect(record.responses).toHaveLength(1)
    expect(record.responses[0]).toMatchObject(expected)
    // closed at 100 s with no police: the 3- and 5-minute marks never came due
    expect(record.responses[0].marks.map((m) => m.state)).toEqual(['met', 'void', 'void'])
    const ledger = (await get(`/api/schools/${ids[JS]}/drills`, '黄丽萍')).json().items as Drill[]
    expect(ledger.find((d) => d.id === record.id)!.responses).toEqual(record.responses)
    const ofNotice = (await get(`/api/notices/${drill.id}/drill-alarms`, '黄丽萍')).json().items as AlarmSummary[]
    expect(ofNotice).toEqual(record.responses)
    // the police of another station and another district's admin see none of them
    expect((await get(`/api/notices/${drill.id}/drill-alarms`, '刘卫东')).json().items).toEqual([])
    expect((await get(`/api/notices/${drill.id}/drill-alarms`, '吴秀兰')).json().items).toEqual([])
  })
})

describe('the reviewers’ numbers', () => {
  it('real alarms, a 误触 and one at another station of the district', async () => {
    // R1: guard acknowledges at 20 s, on site at 45 s; the officer on site at 150 s
    later(600)
    const r1 = (await raise('王芳', { schoolId: ids[JS] })).json() as Alarm
    later(20)
    await act('赵德福', r1.id, 'acknowledge')
    later(25)
    await arrive('赵德福', r1.id, JS)
    later(105)
    await arrive('陈志强', r1.id, JS)
    await act('陈志强', r1.id, 'close', { outcome: 'handled' })
    // R2: acknowledged at 40 s, the officer on site at 240 s (late for 3, within 5)
    later(600)
    const r2 = (await raise('王芳', { schoolId: ids[JS] })).json() as Alarm
    later(40)
    await act('赵德福', r2.id, 'acknowledge')
    later(200)
    await arrive('陈志强', r2.id, JS)
    await act('陈志强', r2.id, 'close', { outcome: 'false_alarm' })
    // M1: cancelled by the raiser within 10 s
    later(600)
    const m1 = (await raise('王芳', { schoolId: ids[JS] })).json() as Alarm
    later(5)
    await act('王芳', m1.id, 'cancel')
    // H1 at 洪都小学: the officer acknowledges at 30 s and is there at 100 s
    later(600)
    const h1 = (await raise('谢娜', { schoolId: ids[HD] })).json() as Alarm
    later(30)
    await act('刘卫东', h1.id, 'acknowledge')
    later(70)
    await arrive('刘卫东', h1.id, HD)
    await act('刘卫东', h1.id, 'close', { outcome: 'handled' })
    later(60)
  })

  /** The numbers computed again from the raw alarm events, through the event-based domain path. */
  async function fromEvents(schoolIds: string[]): Promise<AlarmReviewNumbers> {
    const rows = await alarmQuery(t.ctx.db).where('a.school_id', 'in', schoolIds).execute()
    const events = await eventRows(
      t.ctx.db,
      rows.map((r) => r.id),
    )
    return reviewNumbers(
      rows.map((r) =>
        alarmFigures(
          timesOf(
            snapshotOf(
              r,
              events.filter((e) => e.alarm_id === r.id),
            ),
          ),
          now,
          settingsOf(r),
        ),
      ),
    )
  }

  const JINGSHAN: AlarmReviewNumbers = {
    real: 2,
    drill: 1,
    mistaken: 1,
    acknowledged: 3,
    // acknowledged at 20, 40 and 10 s (the drill's)
    medianAckSec: 20,
    // R1 at 150 s (within 3 and 5), R2 at 240 s (within 5 only); the drill ended before 3 min with no police: not decided
    policeWithin3: { met: 1, decided: 2, rate: 0.5 },
    policeWithin5: { met: 2, decided: 2, rate: 1 },
  }

  it('a school’s view: the numbers by hand, and the same from the raw events', async () => {
    const c = (await get(`/api/coverage/schools/${ids[JS]}?range=week`, '黄丽萍')).json() as SchoolCoverage
    expect(c.alarms).toEqual(JINGSHAN)
    expect(await fromEvents([ids[JS]])).toEqual(JINGSHAN)
  })

  it('the station’s and the district’s views: per school, per station and in total, each as from the raw events', async () => {
    const station = (await get('/api/coverage/area?range=week', '陈志强')).json() as AreaCoverage
    expect(station.schools.find((s) => s.schoolId === ids[JS])!.alarms).toEqual(JINGSHAN)
    expect(station.alarms).toEqual(JINGSHAN)
    const district = (await get('/api/coverage/area?range=week', '周建国')).json() as AreaCoverage
    const hongdu = await fromEvents([ids[HD]])
    expect(hongdu).toMatchObject({ real: 1, medianAckSec: 30, policeWithin3: { met: 1, decided: 1 } })
    expect(district.schools.find((s) => s.schoolId === ids[HD])!.alarms).toEqual(hongdu)
    expect(district.alarms).toEqual(await fromEvents([ids[JS], ids[HD]]))
    expect(district.alarms).toMatchObject({ real: 3, drill: 1, mistaken: 1, medianAckSec: 25, policeWithin3: { met: 2, decided: 3 } })
    expect(Object.fromEntries(district.alarmsByStation.map((s) => [s.stationName, s.alarms]))).toEqual({ 京山派出所: JINGSHAN, 洪都派出所: hongdu })
  })

  async function workbook(url: string, as: string) {
    const res = await get(url, as)
    expect(res.statusCode).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    return book
  }
  const cells = (n: AlarmReviewNumbers) => [
    n.real,
    n.drill,
    n.mistaken,
    n.medianAckSec ?? '—',
    durationText(n.medianAckSec),
    shareText(n.policeWithin3),
    shareText(n.policeWithin5),
  ]

  it('the exports carry the same numbers', async () => {
    const school = await workbook(`/api/coverage/schools/${ids[JS]}/export?range=week`, '黄丽萍')
    const sheet = school.getWorksheet('报警')!
    expect((sheet.getRow(1).values as unknown[]).slice(3)).toEqual(['真实报警', '演练', '误触', '首次响应中位数（秒）', '首次响应中位数', '3 分钟内民警到场', '5 分钟内民警到场'])
    expect((sheet.getRow(2).values as unknown[]).slice(3)).toEqual(cells(JINGSHAN))
    expect((sheet.getRow(2).values as unknown[]).slice(3)).toEqual([2, 1, 1, 20, '20 秒', '50%（1/2）', '100%（2/2）'])

    const district = (await get('/api/coverage/area?range=week', '周建国')).json() as AreaCoverage
    const area = await workbook('/api/coverage/area/export?range=week', '周建国')
    const bySchool = area.getWorksheet('报警（按学校）')!
    const rows = bySchool.getRows(2, district.schools.length + 1)!.map((r) => r.values as unknown[])
    district.schools.forEach((s, i) => expect(rows[i].slice(1)).toEqual([s.schoolName, s.stationName, ...cells(s.alarms)]))
    expect(rows[district.schools.length].slice(3)).toEqual(cells(district.alarms))
    const byStation = area.getWorksheet('报警（按派出所）')!
    expect(byStation.getRows(2, 2)!.map((r) => (r.values as unknown[]).slice(1))).toEqual(district.alarmsByStation.map((s) => [s.stationName, ...cells(s.alarms)]))
  })

  it('another district’s admin sees none of the school’s alarm numbers', async () => {
    expect((await get(`/api/coverage/schools/${ids[JS]}?range=week`, '吴秀兰')).statusCode).toBe(403)
    expect((await get(`/api/coverage/schools/${ids[JS]}/export?range=week`, '吴秀兰')).statusCode).toBe(403)
    const west = (await get('/api/coverage/area?range=week', '吴秀兰')).json() as AreaCoverage
    expect(west.schools.map((s) => s.schoolId)).not.toContain(ids[JS])
    expect(west.alarms).toMatchObject({ real: 0, drill: 0, mistaken: 0, medianAckSec: null })
    // and the other station of her own district does not see 京山's either
    const hongdu = (await get('/api/coverage/area?range=week', '刘卫东')).json() as AreaCoverage
    expect(hongdu.alarms).toMatchObject({ real: 1, drill: 0, mistaken: 0 })
  })
})

describe('the recent-alarms list', () => {
  const all = async (as: string, limit = 2) => {
    const items: AlarmSummary[] = []
    let before: string | null = null
    for (let page = 0; page < 10; page++) {
      const res = await get(`/api/alarms/history?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`, as)
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toContain('no-store')
      const body = res.json() as AlarmPage
      items.push(...body.items)
      before = body.nextCursor
      if (!before) break
    }
    return items
  }

  it('the guard sees his school’s alarms, newest first, page by page, each with kind, state and marks', async () => {
    const items = await all('赵德福')
    expect(items.map((a) => [a.kind, a.status])).toEqual([
      ['mistaken', 'cancelled'],
      ['real', 'closed'],
      ['real', 'closed'],
      ['drill', 'closed'],
    ])
    expect(items.every((a) => a.schoolName === JS && a.marks.length === 3)).toBe(true)
    expect(items[2]).toMatchObject({ firstAckSec: 20, schoolOnSiteSec: 45, policeOnSiteSec: 150, outcome: 'handled', raiserName: '王芳' })
    expect(items[2].marks.map((m) => m.state)).toEqual(['met', 'met', 'void'])
    expect(items[0].marks.map((m) => m.state)).toEqual(['void', 'void', 'void'])
  })

  it('by reach: the station’s officer his schools, the district admin the district, the other district’s admin none of them', async () => {
    expect((await all('陈志强', 50)).map((a) => a.schoolName)).toEqual([JS, JS, JS, JS])
    expect((await all('刘卫东', 50)).map((a) => a.schoolName)).toEqual([HD])
    expect(await all('周建国', 3)).toHaveLength(5)
    expect(await all('吴秀兰')).toEqual([])
  })

  it('a volunteer may not list alarms; a bad cursor is a clear 400', async () => {
    const res = await get('/api/alarms/history', '王芳')
    expect(res.statusCode).toBe(403)
    const bad = await get('/api/alarms/history?before=yesterday', '赵德福')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('翻页参数不正确，请刷新后重试')
  })
})
