// 一键报警 through the API on a frozen clock, during the morning peak at 京山小学: raising with
// retries, who is notified and who may see and act, 收到 / 到场 against the fence, the 1-3-5
// marks, 误触 within 10 s, closing, escalations (real and drill), and polling with ETag.
import type { Alarm } from '../../types/alarms'
import type { Clock } from '../../server/src/lib/clock'
import { escalateAlarms } from '../../server/src/modules/alarms/service'
import { firstShiftOf } from './support/first-shift'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-11-30T12:00:00Z')
const clock: Clock = { now: () => now }
const later = (sec: number) => (now = new Date(now.getTime() + sec * 1000))
let t: TestApp
let schoolId: string
let gate: { lat: number; lng: number }
const north = (m: number) => ({ lat: gate.lat + m / 111_195, lng: gate.lng })
let keySeq = 0
const newKey = () => `alarm-key-${keySeq++}-${Date.now()}`

const raise = (as: string, payload: Record<string, unknown>) => t.call({ method: 'POST', url: '/api/alarms', as, payload })
const post = (as: string, id: string, what: string, payload?: Record<string, unknown>) =>
  t.call({ method: 'POST', url: `/api/alarms/${id}/${what}`, as, ...(payload ? { payload } : {}) })
const get = (as: string, id: string) => t.call({ method: 'GET', url: `/api/alarms/${id}`, as })
const personId = async (name: string) => (await t.ctx.db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
const outboxFor = async (alarmId: string, kind: string) =>
  (
    await t.ctx.db
      .selectFrom('outbox')
      .innerJoin('people', 'people.id', 'outbox.person_id')
      .select('people.name')
      .where('outbox.kind', '=', kind)
      .where('outbox.payload', 'like', `%${alarmId}%`)
      .execute()
  )
    .map((r) => r.name)
    .sort()

beforeAll(async () => {
  t = await createTestApp({}, clock)
  const shift = await firstShiftOf(t, '张伟', '京山小学')
  schoolId = shift.school_id
  gate = { lat: Number(shift.lat), lng: Number(shift.lng) }
  // 07:22 on the first school morning: 张伟 is on duty at the gate.
  now = new Date(Date.parse(shift.starts_at) + 2 * 60_000)
  const checkIn = await t.call({
    method: 'POST',
    url: `/api/signups/${shift.signup_id}/check-in`,
    as: '张伟',
    payload: { ...north(5), accuracy: 10, idempotencyKey: 'checkin-zhangwei-1' },
  })
  expect(checkIn.statusCode).toBe(200)
})
afterAll(() => t.close())

describe('raising', () => {
  let alarm: Alarm
  const key = 'first-alarm-key-0001'

  it('a volunteer raises without a fix: the alarm is there at once, at her school', async () => {
    const res = await raise('王芳', { clientKey: key, clientAt: now.toISOString() })
    expect(res.statusCode).toBe(200)
    alarm = res.json()
    expect(alarm).toMatchObject({ schoolId, status: 'raised', drill: false, location: null, mine: true, raisedAt: now.toISOString() })
    expect(alarm.cancellableUntil).toBe(new Date(now.getTime() + 10_000).toISOString())
    expect(alarm.marks.map((m) => [m.minutes, m.state])).toEqual([
      [1, 'pending'],
      [3, 'pending'],
      [5, 'pending'],
    ])
    expect(alarm.events.map((e) => [e.action, e.actor])).toEqual([['raise', '我']])
  })

  it('retries with the same key (five at once, too) return the first alarm and create nothing', async () => {
    const again = await Promise.all(Array.from({ length: 5 }, () => raise('王芳', { clientKey: key, location: { ...north(10), accuracy: 20 } })))
    expect(again.map((r) => r.json().id)).toEqual(Array(5).fill(alarm.id))
    const pid = await personId('王芳')
    expect(await t.ctx.db.selectFrom('alarms').select('id').where('raiser_id', '=', pid).execute()).toHaveLength(1)
    expect(await t.ctx.db.selectFrom('alarm_events').select('id').where('alarm_id', '=', alarm.id).execute()).toHaveLength(1)
  })

  it('notifies at once the police of the station, the principal, the guard and the people on duty — not the raiser', async () => {
    expect(await outboxFor(alarm.id, 'alarm.raised')).toEqual(['张伟', '赵德福', '陈志强', '黄丽萍'].sort())
    const reasons = await t.ctx.db
      .selectFrom('alarm_recipients as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select(['p.name', 'r.reason'])
      .where('r.alarm_id', '=', alarm.id)
      .execute()
    expect(Object.fromEntries(reasons.map((r) => [r.name, r.reason]))).toEqual({ 陈志强: 'responsible', 黄丽萍: 'principal', 赵德福: 'guard', 张伟: 'on_duty' })
  })

  it('the fix, type and note come later, each on the timeline; a worse fix does not replace a better one', async () => {
    later(3)
    let res = await t.call({ method: 'PUT', url: `/api/alarms/${alarm.id}/details`, as: '王芳', payload: { location: { ...north(10), accuracy: 25 } } })
    expect(res.json().location).toEqual({ ...north(10), accuracy: 25 })
    res = await t.call({
      method: 'PUT',
      url: `/api/alarms/${alarm.id}/details`,
      as: '王芳',
      payload: { location: { ...north(900), accuracy: 200 }, type: 'suspicious_person', note: '灰衣男子在校门徘徊' },
    })
    alarm = res.json()
    expect(alarm).toMatchObject({ type: 'suspicious_person', note: '灰衣男子在校门徘徊', location: { ...north(10), accuracy: 25 } })
    expect(alarm.events.map((e) => [e.action, e.note])).toEqual([
      ['raise', null],
      ['locate', null],
      ['describe', '可疑人员；灰衣男子在校门徘徊'],
    ])
    // The same details again change nothing.
    res = await t.call({ method: 'PUT', url: `/api/alarms/${alarm.id}/details`, as: '王芳', payload: { type: 'suspicious_person', note: '灰衣男子在校门徘徊' } })
    expect(res.json().events).toHaveLength(3)
  })

  it('only the raiser adds details', async () => {
    const res = await t.call({ method: 'PUT', url: `/api/alarms/${alarm.id}/details`, as: '赵德福', payload: { note: '我来补充' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toBe('你不能对该报警执行「补充情况」')
  })

  it.each([
    ['a volunteer of the school who is not on duty', '刘洋'],
    ['police of another station', '刘卫东'],
    ['police of another district', '王海涛'],
    ['a volunteer of another school', '徐丽'],
  ])('%s neither sees nor acts on it, and nothing changes', async (_n, who) => {
    const before = (await get('王芳', alarm.id)).json()
    expect((await get(who, alarm.id)).statusCode).toBe(404)
    expect((await post(who, alarm.id, 'acknowledge')).statusCode).toBe(404)
    expect([404, 403]).toContain((await post(who, alarm.id, 'arrive', { lat: 28.6401, lng: 115.9174, accuracy: 10 })).statusCode)
    expect([404, 403]).toContain((await post(who, alarm.id, 'close', { outcome: 'handled' })).statusCode)
    expect([404, 403]).toContain((await post(who, alarm.id, 'cancel')).statusCode)
    expect([404, 403]).toContain((await t.call({ method: 'PUT', url: `/api/alarms/${alarm.id}/details`, as: who, payload: { note: '别人的报警' } })).statusCode)
    expect((await get('王芳', alarm.id)).json()).toEqual(before)
  })

  it('a school the raiser names must be one of theirs: another school is refused, not swapped for theirs', async () => {
    const other = (await t.call({ method: 'GET', url: '/api/me', as: '罗文华' })).json() as { memberships: { scope: { schoolId?: string } }[] }
    const otherSchool = other.memberships[0].scope.schoolId!
    const before = await t.ctx.db
      .selectFrom('alarms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const res = await raise('王芳', { clientKey: newKey(), schoolId: otherSchool })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe('只能为你所在的学校报警')
    const after = await t.ctx.db
      .selectFrom('alarms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it.each([
    ['a newcomer', '高雅', 403],
    ['a district admin', '周建国', 403],
  ])('%s cannot raise', async (_n, who, status) => {
    const res = await raise(who, { clientKey: newKey() })
    expect(res.statusCode).toBe(status)
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('refuses bad input and changes nothing', async () => {
    const before = (await t.ctx.db.selectFrom('alarms').select('id').execute()).length
    for (const payload of [
      { clientKey: newKey(), type: 'bomb' },
      { clientKey: newKey(), location: { lat: 91, lng: 115.9, accuracy: 10 } },
      { clientKey: newKey(), schoolId: 'nope' },
    ]) {
      const res = await raise('王芳', payload)
      expect(res.statusCode).toBe(400)
    }
    expect((await t.ctx.db.selectFrom('alarms').select('id').execute()).length).toBe(before)
  })

  describe('responding', () => {
    it('the guard acknowledges (once, however often he taps) and arrives at the gate within a minute: mark 1 green', async () => {
      later(7)
      let res = await post('赵德福', alarm.id, 'acknowledge')
      expect(res.json().status).toBe('acknowledged')
      res = await post('赵德福', alarm.id, 'acknowledge')
      expect(res.json().events.filter((e: Alarm['events'][number]) => e.action === 'acknowledge')).toHaveLength(1)
      later(30)
      res = await post('赵德福', alarm.id, 'arrive', { ...north(20), accuracy: 15 })
      alarm = res.json()
      expect(alarm.status).toBe('on_site')
      expect(alarm.marks[0]).toMatchObject({ state: 'met', atSec: 40 })
      expect(alarm.responders.find((r) => r.name === '赵德福')).toMatchObject({ kind: 'school', acknowledgedAt: expect.any(String), arrivedAt: now.toISOString() })
      expect(alarm.events.at(-1)).toMatchObject({ action: 'arrive', distanceM: 20, outsideFence: false })
    })

    it('a volunteer on duty at the school may acknowledge', async () => {
      const res = await post('张伟', alarm.id, 'acknowledge')
      expect(res.statusCode).toBe(200)
      expect(res.json().status).toBe('on_site')
    })

    it('the officer "arriving" far from the school needs a reason, then counts as outside the fence', async () => {
      later(60)
      const far = await post('陈志强', alarm.id, 'arrive', { ...north(800), accuracy: 10 })
      expect(far.statusCode).toBe(422)
      expect(far.json()).toMatchObject({ code: 'OUTSIDE_FENCE', field: 'reason' })
      expect(far.json().message).toContain('不在学校范围')
      const blurry = await post('陈志强', alarm.id, 'arrive', { ...north(0), accuracy: 500 })
      expect(blurry.json()).toMatchObject({ code: 'LOCATION_INACCURATE', message: '定位不准，请到开阔处重试' })
      const res = await post('陈志强', alarm.id, 'arrive', { ...north(800), accuracy: 10, reason: '在后门控制嫌疑人' })
      alarm = res.json()
      expect(alarm.events.at(-1)).toMatchObject({ action: 'arrive', note: '在后门控制嫌疑人', outsideFence: true })
      expect(alarm.events.at(-1)!.distanceM).toBeGreaterThan(600)
      expect(alarm.marks[1]).toMatchObject({ state: 'met', atSec: 100 })
    })

    it('the 5-minute mark goes red when no second officer came', async () => {
      later(300)
      const res = await get('王芳', alarm.id)
      expect(res.json().marks[2]).toMatchObject({ state: 'missed', atSec: null })
    })

    it("while it is open, those taking part have each other's numbers to call (domain/phone.ts)", async () => {
      const phoneOf = async (name: string) => (await t.ctx.db.selectFrom('people').select('phone').where('name', '=', name).executeTakeFirstOrThrow()).phone
      const asOfficer = (await get('陈志强', alarm.id)).json() as Alarm
      expect(asOfficer.raiser.phone).toBe(await phoneOf('王芳'))
      const asRaiser = (await get('王芳', alarm.id)).json() as Alarm
      expect(asRaiser.responders.find((r) => r.name === '赵德福')!.phone).toBe(await phoneOf('赵德福'))
    })

    it('polling: an unchanged alarm answers 304', async () => {
      const first = await get('王芳', alarm.id)
      const again = await t.call({ method: 'GET', url: `/api/alarms/${alarm.id}`, as: '王芳', headers: { 'if-none-match': first.headers.etag as string } })
      expect(again.statusCode).toBe(304)
    })

    it('the raiser can no longer cancel after 10 s', async () => {
      const res = await post('王芳', alarm.id, 'cancel')
      expect(res.statusCode).toBe(409)
      expect(res.json().message).toBe('报警已超过 10 秒，不能取消；请等待民警处置')
    })

    it('only police close, with an outcome; a retry answers the same; afterwards nothing more happens', async () => {
      expect((await post('黄丽萍', alarm.id, 'close', { outcome: 'handled' })).statusCode).toBe(403)
      expect((await post('陈志强', alarm.id, 'close', {})).statusCode).toBe(400)
      const drillOver = await post('陈志强', alarm.id, 'close', { outcome: 'drill_over' })
      expect(drillOver.json()).toMatchObject({ field: 'outcome', message: '「演练结束」只用于演练报警' })
      let res = await post('陈志强', alarm.id, 'close', { outcome: 'handled', note: '已带离，移交派出所' })
      alarm = res.json()
      expect(alarm).toMatchObject({ status: 'closed', outcome: 'handled', closedAt: now.toISOString() })
      expect(alarm.events.at(-1)).toMatchObject({ action: 'close', note: '已处置：已带离，移交派出所', actor: '我' })
      res = await post('陈志强', alarm.id, 'close', { outcome: 'handled' })
      expect(res.json().events).toHaveLength(alarm.events.length)
      const late = await post('赵德福', alarm.id, 'acknowledge')
      expect(late.json()).toMatchObject({ code: 'CONFLICT', message: '报警已处置完毕，不能收到' })
    })

    it('once closed, nobody is shown a number to call', async () => {
      const asOfficer = (await get('陈志强', alarm.id)).json() as Alarm
      expect(asOfficer.raiser.phone).toBeNull()
      expect(asOfficer.responders.filter((r) => r.phone !== null).map((r) => r.name)).toEqual(['陈志强'])
    })

    it('everyone involved sees the same timeline, with names', async () => {
      const asPrincipal = (await get('黄丽萍', alarm.id)).json() as Alarm
      expect(asPrincipal.events.map((e) => `${e.action}:${e.actor}`)).toEqual([
        'raise:家长志愿者 王芳',
        'locate:家长志愿者 王芳',
        'describe:家长志愿者 王芳',
        'acknowledge:保安 赵德福',
        'arrive:保安 赵德福',
        'acknowledge:家长志愿者 张伟',
        'arrive:责任民警 陈志强',
        'close:责任民警 陈志强',
      ])
      expect(asPrincipal.can).toEqual({ acknowledge: false, arrive: false, close: false, cancel: false, describe: false })
    })
  })
})

describe('误触', () => {
  it('the raiser cancels within 10 s: recorded, marks void, no escalation', async () => {
    later(600)
    const a = (await raise('王芳', { clientKey: newKey() })).json() as Alarm
    later(6)
    const res = await post('王芳', a.id, 'cancel')
    expect(res.json()).toMatchObject({ status: 'cancelled', cancellableUntil: null })
    expect(res.json().marks.map((m: { state: string }) => m.state)).toEqual(['void', 'void', 'void'])
    expect((await post('王芳', a.id, 'cancel')).statusCode).toBe(200)
    later(300)
    await escalateAlarms(t.ctx)
    expect(await outboxFor(a.id, 'alarm.escalated')).toEqual([])
    expect(await t.ctx.db.selectFrom('alarms').select('status').where('id', '=', a.id).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled' })
  })

  it('nobody else may cancel', async () => {
    const a = (await raise('王芳', { clientKey: newKey() })).json() as Alarm
    expect((await post('陈志强', a.id, 'cancel')).statusCode).toBe(403)
    await post('陈志强', a.id, 'close', { outcome: 'false_alarm' })
  })
})

describe('escalations', () => {
  it('no police acknowledgement in 60 s: every officer of the station and the district admin; no police on site in 3 min: again', async () => {
    later(600)
    // A second officer at the station, not responsible for this school.
    const second = await t.ctx.db
      .selectFrom('memberships')
      .select(['station_id', 'district_id'])
      .where('role', '=', 'police')
      .where('person_id', '=', await personId('陈志强'))
      .executeTakeFirstOrThrow()
    const mid = 'test-second-officer'
    await t.ctx.db
      .insertInto('memberships')
      .values({
        id: mid,
        person_id: await personId('林小雨'),
        role: 'police',
        status: 'approved',
        school_id: null,
        station_id: second.station_id,
        district_id: second.district_id,
        invite_id: null,
        display_name: null,
        reason: null,
        decided_by: null,
        decided_at: now.toISOString(),
        created_at: now.toISOString(),
      })
      .execute()
    const a = (await raise('李红梅', { clientKey: newKey(), type: 'fight' })).json() as Alarm
    expect(a.schoolId).toBe(schoolId)
    later(30)
    await post('赵德福', a.id, 'acknowledge')
    later(29)
    expect(await escalateAlarms(t.ctx)).toBe(0)
    later(1)
    expect(await escalateAlarms(t.ctx)).toBe(1)
    expect(await escalateAlarms(t.ctx)).toBe(0)
    expect(await outboxFor(a.id, 'alarm.escalated')).toEqual(['周建国', '林小雨', '陈志强'].sort())
    let view = (await get('周建国', a.id)).json() as Alarm
    expect(view.events.at(-1)).toMatchObject({ action: 'escalate', level: 1, actor: '系统', note: '60 秒内无民警确认收到，已通知全所民警和区县管理员' })
    // The admin now sees it but cannot act on it.
    expect((await post('周建国', a.id, 'acknowledge')).statusCode).toBe(403)

    // The second officer acknowledges; nobody arrives by 3 minutes: level 2.
    later(20)
    await post('林小雨', a.id, 'acknowledge')
    later(100)
    expect(await escalateAlarms(t.ctx)).toBe(1)
    later(1)
    view = (await get('林小雨', a.id)).json() as Alarm
    expect(view.events.filter((e) => e.action === 'escalate').map((e) => e.level)).toEqual([1, 2])
    expect(view.marks[1].state).toBe('missed')
    // Two officers on site: 5-minute mark decided by the second arrival.
    later(29)
    await post('林小雨', a.id, 'arrive', { ...north(0), accuracy: 10 })
    later(20)
    view = (await post('陈志强', a.id, 'arrive', { ...north(30), accuracy: 10 })).json()
    expect(view.marks.map((m) => m.state)).toEqual(['missed', 'missed', 'met'])
    expect(
      view.responders
        .filter((r) => r.kind === 'officer')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['林小雨', '陈志强'].sort())
    await post('陈志强', a.id, 'close', { outcome: 'handled' })
    await t.ctx.db.deleteFrom('memberships').where('id', '=', mid).execute()
  })

  it('a drill (police or principal only, during a scheduled drill) never reaches the district admin', async () => {
    later(600)
    expect((await raise('王芳', { clientKey: newKey(), drill: true })).statusCode).toBe(403)
    // the station schedules a drill at the school now (alarm-review.test.ts: only then)
    const notice = await t.call({
      method: 'POST',
      url: '/api/notices',
      as: '陈志强',
      payload: {
        type: 'drill',
        title: '防冲撞演练',
        body: '听从民警指挥。',
        eventAt: new Date(now.getTime() - 60_000).toISOString(),
        eventEndAt: new Date(now.getTime() + 3_600_000).toISOString(),
        place: '校门口',
        location: { ...gate, radiusM: 150 },
        audience: { schoolIds: [schoolId], roles: ['principal'] },
        ackRequired: false,
        rsvpCapacity: null,
        rsvpDeadline: null,
        attachmentIds: [],
      },
    })
    await t.call({ method: 'POST', url: `/api/notices/${notice.json().id}/publish`, as: '陈志强', payload: {} })
    const a = (await raise('黄丽萍', { clientKey: newKey(), drill: true })).json() as Alarm
    expect(a.drill).toBe(true)
    expect(await outboxFor(a.id, 'alarm.raised')).not.toContain('周建国')
    later(200)
    expect(await escalateAlarms(t.ctx)).toBe(2)
    // each level once to the station's officer; never the district admin
    expect(await outboxFor(a.id, 'alarm.escalated')).toEqual(['陈志强', '陈志强'])
    expect((await get('周建国', a.id)).statusCode).toBe(200) // the district admin may look, unasked
    const closed = await post('陈志强', a.id, 'close', { outcome: 'drill_over' })
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'drill_over' })
  })
})

describe('racing taps', () => {
  it('five 收到 taps each from two people at once: two acknowledgements, one ending from two closes', async () => {
    later(600)
    const a = (await raise('王芳', { clientKey: newKey() })).json() as Alarm
    later(5)
    const taps = await Promise.all([
      ...Array.from({ length: 5 }, () => post('赵德福', a.id, 'acknowledge')),
      ...Array.from({ length: 5 }, () => post('陈志强', a.id, 'acknowledge')),
    ])
    expect(taps.map((r) => r.statusCode)).toEqual(Array(10).fill(200))
    const acks = await t.ctx.db.selectFrom('alarm_events').select(['actor_id', 'seq']).where('alarm_id', '=', a.id).where('action', '=', 'acknowledge').execute()
    expect(acks).toHaveLength(2)
    const closes = await Promise.all([post('陈志强', a.id, 'close', { outcome: 'handled' }), post('陈志强', a.id, 'close', { outcome: 'handled' })])
    expect(closes.map((r) => r.statusCode)).toEqual([200, 200])
    const seqs = (await t.ctx.db.selectFrom('alarm_events').select('seq').where('alarm_id', '=', a.id).orderBy('seq').execute()).map((r) => r.seq)
    expect(seqs).toEqual([1, 2, 3, 4])
  })
})

describe('lists', () => {
  it('active alarms for a responder; recent ones include the closed', async () => {
    later(60)
    const a = (await raise('王芳', { clientKey: newKey(), location: { ...north(5), accuracy: 12 } })).json() as Alarm
    const active = (await t.call({ method: 'GET', url: '/api/alarms?scope=active', as: '赵德福' })).json().items as Alarm[]
    expect(active.map((x) => x.id)).toEqual([a.id])
    const recent = (await t.call({ method: 'GET', url: '/api/alarms?scope=recent', as: '王芳' })).json().items as Alarm[]
    expect(recent.length).toBeGreaterThan(1)
    expect((await t.call({ method: 'GET', url: '/api/alarms?scope=active', as: '刘卫东' })).json().items).toEqual([])
  })
})
