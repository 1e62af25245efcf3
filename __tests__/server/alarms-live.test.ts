// The live channel: one socket per app, signed in with the session token; every change of an
// alarm reaches the sockets of everyone involved within 2 s, and nobody else's. On PostgreSQL a
// second server instance on the same database delivers what the first one wrote (LISTEN/NOTIFY).
import type WebSocket from 'ws'
import type { AlarmPushMessage, LiveMessage } from '../../types/alarms'
import { buildApp } from '../../server/src/app'
import { connectPhone } from './support/live-phone'
import { createTestApp, type TestApp } from './support/test-app'

let t: TestApp
const sockets: WebSocket[] = []

const isAlarm = (id: string | null, action: string) => (m: LiveMessage) => m.type === 'alarm' && (id === null || m.alarmId === id) && m.action === action

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  for (const s of sockets) s.terminate()
  await t.close()
})

it('pushes the raise to the police and the school within 2 s, each step back to the raiser, and nothing to others', async () => {
  const police = await connectPhone(t.app, await t.tokenOf('陈志强'), sockets)
  const guard = await connectPhone(t.app, await t.tokenOf('赵德福'), sockets)
  const raiser = await connectPhone(t.app, await t.tokenOf('王芳'), sockets)
  const stranger = await connectPhone(t.app, await t.tokenOf('刘卫东'), sockets)

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
  const phone = await connectPhone(t.app, null, sockets)
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
    const police = await connectPhone(second.app, await t.tokenOf('陈志强'), sockets)
    const started = Date.now()
    const res = await t.call({ method: 'POST', url: '/api/alarms', as: '张伟', payload: { clientKey: 'live-alarm-key-2' } })
    const alarmId = res.json().id as string
    await police.next(isAlarm(alarmId, 'raise'))
    expect(Date.now() - started).toBeLessThan(2000)
    // …and back: acknowledged on the second instance, seen by the raiser on the first.
    const raiser = await connectPhone(t.app, await t.tokenOf('张伟'), sockets)
    await second.app.inject({ method: 'POST', url: `/api/alarms/${alarmId}/acknowledge`, headers: { authorization: `Bearer ${await t.tokenOf('陈志强')}` } })
    expect(await raiser.next(isAlarm(alarmId, 'acknowledge'))).toMatchObject({ mine: true })
  } finally {
    for (const s of sockets) s.terminate()
    await second.app.close()
  }
})
