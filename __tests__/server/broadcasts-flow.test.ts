// 远程广播 / 人员预警 through the API on a frozen clock, during a shift at 京山小学 with two people
// on duty: sending (with a photo, retried), who receives it, 确认 (repeated), the re-alerts every
// minute and the call list, police and admins of another station and district, and bad input.
import sharp from 'sharp'
import type { Broadcast, BroadcastTarget } from '../../types/broadcasts'
import type { Clock } from '../../server/src/lib/clock'
import { followUpBroadcasts } from '../../server/src/modules/broadcasts/service'
import type WebSocket from 'ws'
import type { LiveMessage } from '../../types/alarms'
import { connectPhone, type Phone } from './support/live-phone'
import { multipartFile } from './support/multipart'
import { firstShiftOf } from './support/first-shift'
import { createTestApp, type TestApp } from './support/test-app'

let now = new Date('2026-11-30T12:00:00Z')
const clock: Clock = { now: () => now }
const later = (sec: number) => (now = new Date(now.getTime() + sec * 1000))
let t: TestApp
let jingshan: string
let shiyan: string
let onDuty: string[]

const send = (as: string, payload: Record<string, unknown>) => t.call({ method: 'POST', url: '/api/broadcasts', as, payload })
const get = (as: string, id: string) => t.call({ method: 'GET', url: `/api/broadcasts/${id}`, as })
const confirm = (as: string, id: string) => t.call({ method: 'POST', url: `/api/broadcasts/${id}/confirm`, as })
const pending = async (as: string) => ((await t.call({ method: 'GET', url: '/api/broadcasts/pending', as })).json() as { items: Broadcast[] }).items
const count = async (table: 'broadcasts' | 'broadcast_recipients' | 'broadcast_schools') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const outbox = async (kind: string) =>
  (await t.ctx.db.selectFrom('outbox').innerJoin('people', 'people.id', 'outbox.person_id').select(['people.name', 'outbox.payload']).where('outbox.kind', '=', kind).execute())
    .map((r) => r.name)
    .sort()

async function upload(as: string, key: string): Promise<string> {
  const data = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#345' } })
    .jpeg()
    .toBuffer()
  const { payload, headers } = multipartFile('file', 'person.jpg', 'image/jpeg', data)
  const res = await t.call({ method: 'POST', url: '/api/uploads', as, payload, headers: { ...headers, 'idempotency-key': key } })
  expect(res.statusCode).toBe(200)
  return res.json().id
}

beforeAll(async () => {
  t = await createTestApp({}, clock)
  const shift = await firstShiftOf(t, '张伟', '京山小学')
  jingshan = shift.school_id
  shiyan = (await t.ctx.db.selectFrom('schools').select('id').where('name', 'like', '%实验学校').executeTakeFirstOrThrow()).id
  // five minutes before the shift: check-in is open; 张伟 and a second volunteer on the same shift check in
  now = new Date(Date.parse(shift.starts_at) - 5 * 60_000)
  const gate = { lat: Number(shift.lat), lng: Number(shift.lng), accuracy: 10 }
  onDuty = ['张伟']
  for (const name of ['刘洋', '王芳']) {
    const res = await t.call({ method: 'POST', url: `/api/shifts/${shift.shift_id}/signups`, as: name, payload: { role: 'volunteer' } })
    if (res.statusCode === 200) {
      onDuty.push(name)
      break
    }
  }
  expect(onDuty).toHaveLength(2)
  const signups = await t.ctx.db
    .selectFrom('signups as su')
    .innerJoin('people as p', 'p.id', 'su.person_id')
    .select(['su.id', 'p.name'])
    .where('su.shift_id', '=', shift.shift_id)
    .where('p.name', 'in', onDuty)
    .execute()
  for (const s of signups) {
    const res = await t.call({ method: 'POST', url: `/api/signups/${s.id}/check-in`, as: s.name, payload: { ...gate, idempotencyKey: `checkin-${s.name}-bc` } })
    expect(res.statusCode).toBe(200)
  }
})
const sockets: WebSocket[] = []
afterAll(async () => {
  for (const s of sockets) s.terminate()
  await t.close()
})

const pushed = (id: string, action: string) => (m: LiveMessage) => m.type === 'broadcast' && m.broadcastId === id && m.action === action
const phones: Record<string, Phone> = {}
const [first, second] = [() => onDuty[0], () => onDuty[1]]
let broadcast: Broadcast
const key = 'broadcast-key-0001'

describe('sending', () => {
  it('the officer’s schools, with how many are on duty at each now', async () => {
    const res = await t.call({ method: 'GET', url: '/api/broadcasts/targets', as: '陈志强' })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as BroadcastTarget[]
    expect(items.find((s) => s.schoolId === jingshan)).toMatchObject({ responsible: true, onDuty: 2 })
    expect(items.find((s) => s.schoolId === shiyan)).toMatchObject({ onDuty: 0 })
    expect(res.headers['cache-control']).toContain('no-store')
  })

  it('a text and a photo to 京山小学: both people on duty receive it; five retries at once make one broadcast', async () => {
    for (const name of [...onDuty, '陈志强', '李红梅']) phones[name] = await connectPhone(t.app, await t.tokenOf(name), sockets)
    const photoId = await upload('陈志强', 'bc-photo-1')
    const body = { clientKey: key, text: '  留意一名穿灰色夹克、背黑色双肩包的中年男子，约 1 米 75，在校门附近徘徊。 ', photoId, schoolIds: [jingshan] }
    const all = await Promise.all(Array.from({ length: 5 }, () => send('陈志强', body)))
    expect(all.map((r) => r.statusCode)).toEqual(Array(5).fill(200))
    broadcast = all[0].json()
    expect(all.map((r) => r.json().id)).toEqual(Array(5).fill(broadcast.id))
    expect(broadcast).toMatchObject({
      mine: true,
      wholeStation: false,
      text: '留意一名穿灰色夹克、背黑色双肩包的中年男子，约 1 米 75，在校门附近徘徊。',
      counts: { total: 2, confirmed: 0, waiting: 2, call: 0 },
    })
    expect(broadcast.photo?.url).toMatch(/^\/api\/files\//)
    expect(broadcast.schools.map((s) => s.id)).toEqual([jingshan])
    expect(broadcast.recipients.map((r) => r.name).sort()).toEqual([...onDuty].sort())
    // numbers masked until someone must be called
    for (const r of broadcast.recipients) expect(r.phone ?? '').not.toMatch(/^1\d{10}$/)
    expect(await count('broadcasts')).toBe(1)
    expect(await outbox('broadcast.sent')).toEqual([...onDuty].sort())
    // live: on both recipients' sockets, once; not on a colleague's who is not on duty
    for (const name of onDuty) await phones[name].next(pushed(broadcast.id, 'send'))
    await new Promise((r) => setTimeout(r, 200))
    for (const name of onDuty) expect(phones[name].messages.filter(pushed(broadcast.id, 'send'))).toHaveLength(1)
    expect(phones['李红梅'].messages.filter((m) => m.type === 'broadcast')).toEqual([])
  })

  it('the recipients have it on their banner; others who are not on duty do not', async () => {
    for (const name of onDuty) {
      const items = await pending(name)
      expect(items.map((b) => b.id)).toEqual([broadcast.id])
      // a recipient sees the message and their own confirmation, not the list of others
      expect(items[0]).toMatchObject({ mine: false, myConfirmation: { confirmedAt: null }, recipients: [] })
    }
    expect(await pending('李红梅')).toEqual([])
    expect((await get('李红梅', broadcast.id)).statusCode).toBe(404)
  })

  it('nobody on duty at 实验学校: refused, nothing stored', async () => {
    const res = await send('陈志强', { clientKey: 'broadcast-key-0002', text: '测试', schoolIds: [shiyan] })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toContain('没有在岗人员')
    expect(await count('broadcasts')).toBe(1)
  })

  it('the whole station reaches everyone on duty at its schools', async () => {
    const res = await send('陈志强', { clientKey: 'broadcast-key-0003', text: '全所：放学时段加强巡查', wholeStation: true })
    expect(res.statusCode).toBe(200)
    const b = res.json() as Broadcast
    expect(b.wholeStation).toBe(true)
    expect(b.schools.length).toBeGreaterThanOrEqual(2)
    expect(b.recipients.map((r) => r.name).sort()).toEqual([...onDuty].sort())
    for (const name of onDuty) expect((await confirm(name, b.id)).statusCode).toBe(200)
  })
})

describe('确认', () => {
  it('the first person confirms; again changes nothing; the officer sees who has and has not', async () => {
    const res = await confirm(first(), broadcast.id)
    expect(res.statusCode).toBe(200)
    const at = res.json().myConfirmation.confirmedAt
    expect(at).toBe(now.toISOString())
    await phones['陈志强'].next(pushed(broadcast.id, 'confirm'))
    later(5)
    const again = await confirm(first(), broadcast.id)
    expect(again.json().myConfirmation.confirmedAt).toBe(at)
    expect(await pending(first())).toEqual([])
    const seen = (await get('陈志强', broadcast.id)).json() as Broadcast
    expect(seen.counts).toEqual({ total: 2, confirmed: 1, waiting: 1, call: 0 })
    expect(seen.recipients.find((r) => r.name === first())).toMatchObject({ state: 'confirmed', confirmedAt: at })
    expect(seen.recipients.find((r) => r.name === second())).toMatchObject({ state: 'waiting', confirmedAt: null, realerts: 0 })
  })

  it('someone it was not sent to cannot confirm it', async () => {
    expect((await confirm('李红梅', broadcast.id)).statusCode).toBe(404)
    expect((await confirm('赵德福', broadcast.id)).statusCode).toBe(404)
  })
})

describe('re-alerts every minute, three times, then the call list', () => {
  it('nothing before the minute', async () => {
    later(50)
    expect(await followUpBroadcasts(t.ctx)).toBe(0)
  })

  it('the second person is alerted again at 1, 2 and 3 minutes (twice-run jobs, two instances at once: once each)', async () => {
    for (const n of [1, 2, 3]) {
      now = new Date(Date.parse(broadcast.createdAt) + n * 60_000)
      const runs = await Promise.all([followUpBroadcasts(t.ctx), followUpBroadcasts(t.ctx)])
      expect(runs.reduce((a, b) => a + b, 0)).toBe(1)
      expect(await followUpBroadcasts(t.ctx)).toBe(0)
      const seen = (await get('陈志强', broadcast.id)).json() as Broadcast
      expect(seen.recipients.find((r) => r.name === second())).toMatchObject({ state: 'waiting', realerts: n })
    }
    const realerted = () => phones[second()].messages.filter(pushed(broadcast.id, 'realert')).length
    await phones[second()].next(() => realerted() >= 3)
    expect(phones[second()].messages.filter(pushed(broadcast.id, 'realert'))).toHaveLength(3)
    expect(phones[first()].messages.filter(pushed(broadcast.id, 'realert'))).toEqual([])
    const realerts = await t.ctx.db.selectFrom('outbox').select('dedupe_key').where('kind', '=', 'broadcast.realert').execute()
    expect(realerts.map((r) => r.dedupe_key.split(':').pop()).sort()).toEqual(['1', '2', '3'])
    expect(await outbox('broadcast.realert')).toEqual(Array(3).fill(second()))
  })

  it('a minute after the third: listed for a call, with the number in full for the officer only', async () => {
    now = new Date(Date.parse(broadcast.createdAt) + 4 * 60_000)
    expect(await followUpBroadcasts(t.ctx)).toBe(1)
    await phones['陈志强'].next(pushed(broadcast.id, 'call'))
    later(600)
    expect(await followUpBroadcasts(t.ctx)).toBe(0)
    const seen = (await get('陈志强', broadcast.id)).json() as Broadcast
    expect(seen.counts).toEqual({ total: 2, confirmed: 1, waiting: 0, call: 1 })
    const toCall = seen.recipients.find((r) => r.name === second())!
    expect(toCall.state).toBe('call')
    expect(toCall.phone).toMatch(/^1[3-9]\d{9}$/)
    // the confirmed one stays masked
    expect(seen.recipients.find((r) => r.name === first())!.phone ?? '').not.toMatch(/^1\d{10}$/)
    expect(await outbox('broadcast.call')).toEqual(['陈志强'])
    // the district admin oversees it: the list, masked
    const admin = (await get('周建国', broadcast.id)).json() as Broadcast
    expect(admin.recipients.find((r) => r.name === second())!.phone ?? '').not.toMatch(/^1\d{10}$/)
  })

  it('confirming late still counts', async () => {
    const res = await confirm(second(), broadcast.id)
    expect(res.statusCode).toBe(200)
    const seen = (await get('陈志强', broadcast.id)).json() as Broadcast
    expect(seen.counts).toEqual({ total: 2, confirmed: 2, waiting: 0, call: 0 })
  })
})

describe('another station, another district', () => {
  it('police of another station (same district) and of another district cannot read it or confirm it', async () => {
    for (const name of ['刘卫东', '王海涛']) {
      expect((await get(name, broadcast.id)).statusCode).toBe(404)
      expect((await confirm(name, broadcast.id)).statusCode).toBe(404)
      const list = (await t.call({ method: 'GET', url: '/api/broadcasts', as: name })).json().items as Broadcast[]
      expect(list.map((b) => b.id)).not.toContain(broadcast.id)
    }
    expect((await get('吴秀兰', broadcast.id)).statusCode).toBe(404)
    const mine = (await t.call({ method: 'GET', url: '/api/broadcasts', as: '陈志强' })).json().items as Broadcast[]
    expect(mine.map((b) => b.id)).toContain(broadcast.id)
    const admin = (await t.call({ method: 'GET', url: '/api/broadcasts', as: '周建国' })).json().items as Broadcast[]
    expect(admin.map((b) => b.id)).toContain(broadcast.id)
  })

  it('they cannot send to 京山小学 (one school, or with their whole station): refused, nothing stored', async () => {
    const before = await count('broadcasts')
    for (const [i, name] of ['刘卫东', '王海涛'].entries()) {
      const res = await send(name, { clientKey: `other-station-${i}-1`, text: '越权', schoolIds: [jingshan] })
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toBe('只能发给你负责的学校')
      // their own whole station does not reach 京山小学's people
      const whole = await send(name, { clientKey: `other-station-${i}-2`, text: '全所', wholeStation: true })
      expect(whole.statusCode).toBe(409)
    }
    expect(await count('broadcasts')).toBe(before)
    // and the school people cannot send at all
    expect((await send('黄丽萍', { clientKey: 'principal-0001', text: '试试', schoolIds: [jingshan] })).statusCode).toBe(403)
  })
})

describe('bad input: a Chinese 400 and nothing stored', () => {
  it.each([
    ['empty text', { clientKey: 'bad-000001', text: '   ', schoolIds: () => [jingshan] }],
    ['text too long', { clientKey: 'bad-000002', text: '长'.repeat(201), schoolIds: () => [jingshan] }],
    ['no text', { clientKey: 'bad-000003', schoolIds: () => [jingshan] }],
    ['short key', { clientKey: 'bad', text: '内容', schoolIds: () => [jingshan] }],
    ['unknown field', { clientKey: 'bad-000004', text: '内容', schoolIds: () => [jingshan], urgent: true }],
    ['schools not ids', { clientKey: 'bad-000005', text: '内容', schoolIds: () => [{ id: jingshan }] }],
    ['neither schools nor station', { clientKey: 'bad-000006', text: '内容' }],
    ['both schools and station', { clientKey: 'bad-000007', text: '内容', schoolIds: () => [jingshan], wholeStation: true }],
    ['a school that does not exist', { clientKey: 'bad-000008', text: '内容', schoolIds: () => ['no-such-school'] }],
    ['another person’s photo', { clientKey: 'bad-000009', text: '内容', schoolIds: () => [jingshan], photoId: 'theirs' }],
  ])('%s', async (_name, raw) => {
    const payload = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'function' ? v() : v]))
    if (payload.photoId === 'theirs') payload.photoId = await upload('王芳', 'bc-photo-theirs')
    const before = await Promise.all([count('broadcasts'), count('broadcast_recipients'), count('broadcast_schools')])
    const res = await send('陈志强', payload)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await Promise.all([count('broadcasts'), count('broadcast_recipients'), count('broadcast_schools')])).toEqual(before)
  })

  it('a malformed id is a 400, an unknown one a 404', async () => {
    expect((await t.call({ method: 'GET', url: `/api/broadcasts/${encodeURIComponent('a b')}`, as: '陈志强' })).statusCode).toBe(400)
    expect((await confirm('张伟', 'nope')).statusCode).toBe(404)
  })
})
