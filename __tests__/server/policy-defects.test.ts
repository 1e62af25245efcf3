// The holes found when the API was tried from outside with real ids of another district, each
// closed by the one policy (domain/authorization.ts): the outbox, the city-wide categories, ids a
// request names (an assignee, a duplicate, a drill's notice) and full phone numbers.
import type { HazardCategory, HazardDetail } from '../../types/hazards'
import type { Gap, ShiftDetail } from '../../types/shifts'
import { createTestApp, type TestApp } from './support/test-app'

let t: TestApp
let jingshan: string // 青云谱区 · 京山派出所
let zhanqian: string // 西湖区 · 系马桩派出所

const jingshanGate = { lat: 28.63972, lng: 115.91741 }
const zhanqianGate = { lat: 28.66351, lng: 115.90177 }

async function schoolId(name: string): Promise<string> {
  return (await t.ctx.db.selectFrom('schools').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}
async function personId(name: string): Promise<string> {
  return (await t.ctx.db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}
async function report(as: string, at: { lat: number; lng: number }, school: string, key: string): Promise<HazardDetail> {
  const res = await t.call({
    method: 'POST',
    url: '/api/hazards',
    as,
    payload: { ...at, schoolId: school, categoryId: 'other', description: `${as}上报的隐患`, photoIds: [], clientKey: key },
  })
  expect(res.statusCode).toBe(200)
  return res.json()
}
const transition = (as: string, id: string, payload: Record<string, unknown>) => t.call({ method: 'POST', url: `/api/hazards/${id}/transition`, as, payload })
const hazardRow = (id: string) => t.ctx.db.selectFrom('hazards').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

beforeAll(async () => {
  t = await createTestApp()
  jingshan = await schoolId('青云谱区京山小学')
  zhanqian = await schoolId('西湖区站前路小学')
})
afterAll(() => t.close())

describe('outbox: by where the message comes from', () => {
  it("a district admin sees her district's schools' messages, not those of people who merely also belong there", async () => {
    // 陈静 asks to join 京山小学 (青云谱区) and already belongs to a 西湖区 school too
    const chenjing = await personId('陈静')
    const xihuDistrict = (await t.ctx.db.selectFrom('schools').select('district_id').where('id', '=', zhanqian).executeTakeFirstOrThrow()).district_id
    await t.ctx.db
      .insertInto('memberships')
      .values({
        id: 'm-chenjing-xihu',
        person_id: chenjing,
        role: 'volunteer',
        status: 'approved',
        school_id: zhanqian,
        station_id: null,
        district_id: null,
        invite_id: null,
        display_name: null,
        reason: null,
        decided_by: null,
        decided_at: null,
        created_at: new Date().toISOString(),
      })
      .execute()
    const pending = await t.ctx.db.selectFrom('memberships').select('id').where('person_id', '=', chenjing).where('school_id', '=', jingshan).executeTakeFirstOrThrow()
    expect((await t.call({ method: 'POST', url: `/api/memberships/${pending.id}/decision`, as: '黄丽萍', payload: { decision: 'approve' } })).statusCode).toBe(200)

    const kinds = async (as: string) =>
      ((await t.call({ method: 'GET', url: '/api/admin/outbox', as })).json().items as { personName: string; kind: string }[])
        .filter((m) => m.personName === '陈静')
        .map((m) => m.kind)
    expect(await kinds('周建国')).toContain('membership.approve') // 青云谱区: the approval came from its school
    expect(await kinds('吴秀兰')).not.toContain('membership.approve') // 西湖区: not its business
    expect(await kinds('孙明')).toContain('membership.approve') // 市局: every district
    expect(xihuDistrict).toBeTruthy()
  })
})

describe('hazard categories: city-wide, owned by the city role', () => {
  const list = async () => (await t.call({ method: 'GET', url: '/api/hazard-categories', as: '王芳' })).json().items as HazardCategory[]

  it('a district admin cannot add or change them, and nothing changes', async () => {
    const before = await list()
    const existing = before[0]
    const other = existing.defaultSeverity === 'high' ? 'low' : 'high'
    for (const payload of [
      { name: existing.name, defaultSeverity: other },
      { name: '区里自定义', defaultSeverity: 'low' },
    ]) {
      const res = await t.call({ method: 'POST', url: '/api/hazard-categories', as: '周建国', payload })
      expect(res.statusCode).toBe(403)
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(await list()).toEqual(before)
  })

  it('the city adds one; an existing name is a 409 in Chinese and keeps its severity', async () => {
    const before = await list()
    const existing = before[0]
    const other = existing.defaultSeverity === 'high' ? 'low' : 'high'
    const dup = await t.call({ method: 'POST', url: '/api/hazard-categories', as: '孙明', payload: { name: existing.name, defaultSeverity: other } })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().message).toBe(`类别「${existing.name}」已存在`)
    expect(await list()).toEqual(before)
    const added = await t.call({ method: 'POST', url: '/api/hazard-categories', as: '孙明', payload: { name: '校车安全', defaultSeverity: 'high' } })
    expect(added.statusCode).toBe(200)
    expect((await list()).find((c) => c.name === '校车安全')).toMatchObject({ defaultSeverity: 'high' })
  })
})

describe('ids a request names are checked against the actor’s scope', () => {
  let hazard: HazardDetail
  let westHazard: HazardDetail

  beforeAll(async () => {
    hazard = await report('王芳', jingshanGate, jingshan, 'policy-hazard-1')
    westHazard = await report('蒋丽', zhanqianGate, zhanqian, 'policy-hazard-2')
    expect((await transition('陈志强', hazard.id, { action: 'accept' })).statusCode).toBe(200)
  })

  it("police cannot hand a hazard to another district's principal, who then cannot read it", async () => {
    const yecuihua = await personId('叶翠华') // principal of 西湖区朝阳幼儿园
    const res = await transition('陈志强', hazard.id, { action: 'assign', department: 'school', assigneePersonId: yecuihua })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toBe('只能交办给该校通过审核的校长')
    expect(await hazardRow(hazard.id)).toMatchObject({ status: 'accepted', assignee_id: null })
    expect((await t.call({ method: 'GET', url: `/api/hazards/${hazard.id}`, as: '叶翠华' })).statusCode).toBe(404)
    // a volunteer of the school itself is no assignee either
    expect((await transition('陈志强', hazard.id, { action: 'assign', department: 'school', assigneePersonId: await personId('张伟') })).statusCode).toBe(403)
  })

  it("the school's own principal can be named", async () => {
    const res = await transition('陈志强', hazard.id, { action: 'assign', department: 'school', assigneePersonId: await personId('黄丽萍') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'assigned', assignee: { personName: '黄丽萍' } })
  })

  it("a hazard cannot be marked a duplicate of another district's hazard", async () => {
    const fresh = await report('张伟', jingshanGate, jingshan, 'policy-hazard-3')
    for (const as of ['陈志强', '周建国']) {
      const res = await transition(as, fresh.id, { action: 'duplicate', duplicateOf: westHazard.id, note: '重复' })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ field: 'duplicateOf', message: '重复的隐患不存在' })
    }
    expect(await hazardRow(fresh.id)).toMatchObject({ status: 'submitted', duplicate_of: null })
    // within the district it works
    expect((await transition('陈志强', fresh.id, { action: 'duplicate', duplicateOf: hazard.id, note: '重复' })).statusCode).toBe(200)
  })

  it("a drill cannot link another district's notice; its own station's notice is fine", async () => {
    const notice = (audience: string, as: string) =>
      t.call({
        method: 'POST',
        url: '/api/notices',
        as,
        payload: {
          type: 'drill',
          title: `${as}的演练`,
          body: '演练',
          eventAt: '2026-12-20T01:00:00.000Z',
          eventEndAt: null,
          place: null,
          location: null,
          ackRequired: true,
          rsvpCapacity: null,
          rsvpDeadline: null,
          attachmentIds: [],
          audience: { schoolIds: [audience], roles: ['volunteer'] },
        },
      })
    const west = await notice(zhanqian, '王海涛')
    expect(west.statusCode).toBe(200)
    const own = await notice(jingshan, '陈志强')
    expect(own.statusCode).toBe(200)
    const drill = (noticeId: string, key: string) =>
      t.call({
        method: 'POST',
        url: '/api/drills',
        as: '陈志强',
        payload: {
          noticeId,
          date: '2026-12-20',
          schoolIds: [jingshan],
          participants: 30,
          durationMin: 30,
          scenario: '防暴演练',
          wentWell: '到位及时',
          toFix: '无',
          photoIds: [],
          clientKey: key,
        },
      })
    const refused = await drill(west.json().id, 'policy-drill-0001')
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({ field: 'noticeId', message: '关联的通知不存在' })
    expect(await t.ctx.db.selectFrom('drills').select('id').where('notice_id', '=', west.json().id).execute()).toEqual([])
    expect((await drill(own.json().id, 'policy-drill-0002')).statusCode).toBe(200)
  })
})

describe('phone numbers: one rule everywhere', () => {
  const masked = /^1\d{2}\*{4}\d{4}$/

  it('the shift detail masks everyone but the person looking at their own', async () => {
    const signup = await t.ctx.db
      .selectFrom('signups as g')
      .innerJoin('shifts as s', 's.id', 'g.shift_id')
      .innerJoin('people as p', 'p.id', 'g.person_id')
      .select(['g.shift_id', 'p.name', 'p.phone'])
      .where('s.school_id', '=', jingshan)
      .where('g.status', '=', 'active')
      .where('p.phone', 'is not', null)
      .executeTakeFirstOrThrow()
    for (const as of ['黄丽萍', '陈志强', '周建国']) {
      const detail = (await t.call({ method: 'GET', url: `/api/shifts/${signup.shift_id}`, as })).json() as ShiftDetail
      expect(detail.signups.length).toBeGreaterThan(0)
      for (const s of detail.signups) if (s.person.phone) expect(s.person.phone).toMatch(masked)
    }
    const own = (await t.call({ method: 'GET', url: `/api/shifts/${signup.shift_id}`, as: signup.name })).json() as ShiftDetail
    expect(own.signups.find((s) => s.person.name === signup.name)?.person.phone).toBe(signup.phone)
  })

  it('gap candidates are masked', async () => {
    const gaps = (await t.call({ method: 'GET', url: `/api/schools/${jingshan}/gaps`, as: '黄丽萍' })).json().items as Gap[]
    const phones = gaps.flatMap((g) => g.candidates.map((c) => c.person.phone)).filter(Boolean)
    expect(phones.length).toBeGreaterThan(0)
    for (const p of phones) expect(p).toMatch(masked)
  })
})
