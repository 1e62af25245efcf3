// The live channel: one socket per app, signed in with the session token; every change of an
// alarm reaches the sockets of everyone involved within 2 s, and nobody else's. On PostgreSQL a
// second server instance on the same database delivers what the first one wrote (LISTEN/NOTIFY).
import type { FastifyInstance } from 'fastify'
import type WebSocket from 'ws'
import type { AlarmPushMessage, LiveMessage } from '../../types/alarms'
import { buildApp } from '../../server/src/app'
import { createTestApp, type TestApp } from './support/test-app'

let t: TestApp
const sockets: WebSocket[] = []

interface Phone {
  ws: WebSocket
  messages: LiveMessage[]
  /** Resolves with the first message matching, or rejects after `ms`. */
  next(match: (m: LiveMessage) => boolean, ms?: number): Promise<LiveMessage>
  closed: Promise<number>
}

async function connect(app: FastifyInstance, token: string | null): Promise<Phone> {
  const ws = await app.injectWS('/api/live')
  sockets.push(ws)
  const messages: LiveMessage[] = []
  const waiters: { match: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }[] = []
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as LiveMessage
    messages.push(m)
    for (const w of [...waiters]) {
      if (!w.match(m)) continue
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve(m)
    }
  })
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  const phone: Phone = {
    ws,
    messages,
    closed,
    next: (match, ms = 2000) =>
      new Promise((resolve, reject) => {
        const seen = messages.find(match)
        if (seen) return resolve(seen)
        const timer = setTimeout(() => reject(new Error(`no matching message within ${ms} ms; got ${JSON.stringify(messages)}`)), ms)
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) })
      }),
  }
  if (token !== null) {
    ws.send(JSON.stringify({ type: 'hello', token }))
    await phone.next((m) => m.type === 'ready')
  }
  return phone
}

const isAlarm = (id: string | null, action: string) => (m: LiveMessage) => m.type === 'alarm' && (id === null || m.alarmId === id) && m.action === action

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  for (const s of sockets) s.terminate()
  await t.close()
})

it('pushes the raise to the police and the school within 2 s, each step back to the raiser, and nothing to others', async () => {
  const police = await connect(t.app, await t.tokenOf('陈志强'))
  const guard = await connect(t.app, await t.tokenOf('赵德福'))
  const raiser = await connect(t.app, await t.tokenOf('王芳'))
  const stranger = await connect(t.app, await t.tokenOf('刘卫东'))

  const started = Date.now()
  const res = await t.call({ method: 'POST', url: '/api/alarms', as: '王芳', payload: { clientKey: 'live-alarm-key-1', type: 'fight' } })
  const alarmId = res.json().id as string
  const pushed = (await police.next(isAlarm(alarmId, 'raise'))) as AlarmPushMessage
  expect(Date.now() - started).toBeLessThan(2000)
  expect(pushed).toMatchObject({ type: 'alarm', alarmId, action: 'raise', status: 'raised', drill: false, alarmType: 'fight', mine: false })
  expect(pushed.schoolName).toContain('京山小学')
  await guard.next(isAlarm(alarmId, 'raise'))
  expect(await raiser.next(isAlarm(alarmId, 'raise'))).toMatchObject({ mine: true })

  await t.call({ method: 'POST', url: `/api/alarms/${alarmId}/acknowledge`, as: '陈志强' })
  expect(await raiser.next(isAlarm(alarmId, 'acknowledge'))).toMatchObject({ status: 'acknowledged' })
  await guard.next(isAlarm(alarmId, 'acknowledge'))

  await t.call({ method: 'POST', url: `/api/alarms/${alarmId}/close`, as: '陈志强', payload: { outcome: 'false_alarm' } })
  expect(await raiser.next(isAlarm(alarmId, 'close'))).toMatchObject({ status: 'closed' })

  // A retried tap writes nothing and pushes nothing.
  const before = raiser.messages.length
  await t.call({ method: 'POST', url: `/api/alarms/${alarmId}/close`, as: '陈志强', payload: { outcome: 'false_alarm' } })
  await new Promise((r) => setTimeout(r, 200))
  expect(raiser.messages.length).toBe(before)
  expect(stranger.messages.filter((m) => m.type === 'alarm')).toEqual([])
})

it('a socket with a bad token is closed with 4401 (sign in again)', async () => {
  const phone = await connect(t.app, null)
  phone.ws.send(JSON.stringify({ type: 'hello', token: 'not-a-session' }))
  expect(await phone.closed).toBe(4401)
})

it('a plain GET of the live route explains itself', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/live' })
  expect(res.statusCode).toBe(426)
  expect(res.json().message).toBe('这是实时通道，请用 WebSocket 连接')
})

const onPostgres = (process.env.TEST_DATABASE_URL ?? '').startsWith('postgres')
;(onPostgres ? it : it.skip)('on PostgreSQL, an alarm raised on one instance reaches a socket on another', async () => {
  const second = await buildApp({ config: t.ctx.config, logger: false })
  try {
    const police = await connect(second.app, await t.tokenOf('陈志强'))
    const started = Date.now()
    const res = await t.call({ method: 'POST', url: '/api/alarms', as: '张伟', payload: { clientKey: 'live-alarm-key-2' } })
    const alarmId = res.json().id as string
    await police.next(isAlarm(alarmId, 'raise'))
    expect(Date.now() - started).toBeLessThan(2000)
    // …and back: acknowledged on the second instance, seen by the raiser on the first.
    const raiser = await connect(t.app, await t.tokenOf('张伟'))
    await second.app.inject({ method: 'POST', url: `/api/alarms/${alarmId}/acknowledge`, headers: { authorization: `Bearer ${await t.tokenOf('陈志强')}` } })
    expect(await raiser.next(isAlarm(alarmId, 'acknowledge'))).toMatchObject({ mine: true })
  } finally {
    for (const s of sockets) s.terminate()
    await second.app.close()
  }
})
