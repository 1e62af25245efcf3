// Outbox messages as WeChat subscribe messages, against a local fake of WeChat's API.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { enqueue } from '../../server/src/modules/outbox/outbox'
import { sendDueMessages } from '../../server/src/modules/outbox/sender'
import { categoryOf, wechatTransport } from '../../server/src/modules/outbox/wechat-transport'
import { createTestApp, type TestApp } from './support/test-app'

let fake: http.Server
let base: string
let t: TestApp
const sent: Record<string, unknown>[] = []
let tokensIssued = 0
let staleOnce = false

beforeAll(async () => {
  fake = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      res.setHeader('content-type', 'application/json')
      if (url.pathname === '/cgi-bin/stable_token') {
        tokensIssued++
        return res.end(JSON.stringify({ access_token: `token-${tokensIssued}`, expires_in: 7200 }))
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        const body = JSON.parse(raw) as { touser: string }
        if (staleOnce) {
          staleOnce = false
          return res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }))
        }
        if (body.touser === 'openid-unsubscribed') return res.end(JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg' }))
        sent.push({ ...body, token: url.searchParams.get('access_token') })
        return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
      }
      res.statusCode = 404
      res.end('{}')
    })
  })
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
  t = await createTestApp()
})
afterAll(async () => {
  await t.close()
  await new Promise((resolve) => fake.close(resolve))
})

let shared: ReturnType<typeof wechatTransport> | null = null
/** One transport for the whole file, as in the server: its access token is cached between sends. */
const transport = () =>
  (shared ??= wechatTransport({
    appid: 'wxa',
    secret: 's',
    apiBase: base,
    templates: { duty: 'TPL-DUTY', review: 'TPL-REVIEW', alarm: 'TPL-ALARM' },
    fields: ['thing1', 'thing2', 'time3'],
    alarmFields: ['thing4', 'thing7', 'time2'],
    state: 'trial',
  }))

async function personWithOpenid(name: string, openid: string | null) {
  const p = await t.ctx.db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  await t.ctx.db.updateTable('people').set({ wx_openid: openid }).where('id', '=', p.id).execute()
  return p.id
}

const status = (key: string) => t.ctx.db.selectFrom('outbox').select(['status', 'last_error', 'attempts']).where('dedupe_key', '=', key).executeTakeFirstOrThrow()

it('groups message kinds into template categories', () => {
  expect(categoryOf('membership.approve')).toBe('review')
  expect(categoryOf('shift.reminder.soon')).toBe('duty')
  expect(categoryOf('swap.offered')).toBe('duty')
  expect(categoryOf('notice.published')).toBe('notice')
  expect(categoryOf('alarm.raised')).toBe('alarm')
  expect(categoryOf('alarm.escalated')).toBe('alarm')
  expect(categoryOf('broadcast.sent')).toBe('alarm')
  expect(categoryOf('broadcast.realert')).toBe('alarm')
  expect(categoryOf('broadcast.call')).toBe('alarm')
})

it('sends a subscribe message with the template, the page and clipped fields', async () => {
  const personId = await personWithOpenid('王芳', 'openid-wang')
  const now = new Date().toISOString()
  await enqueue(t.ctx.db, now, [
    {
      personId,
      schoolId: null,
      kind: 'shift.reminder.soon',
      title: '护学岗 30 分钟后开始',
      body: '07:20–08:00 青云谱区京山小学 南门（京山北路），到岗后记得签到',
      payload: { page: '/pages/duty/index' },
      dedupeKey: 'w1',
    },
  ])
  await sendDueMessages(t.ctx, transport())
  expect(await status('w1')).toMatchObject({ status: 'sent' })
  expect(sent[0]).toMatchObject({ touser: 'openid-wang', template_id: 'TPL-DUTY', page: 'pages/duty/index', miniprogram_state: 'trial', token: 'token-1' })
  const data = sent[0].data as Record<string, { value: string }>
  expect(data.thing1.value).toBe('护学岗 30 分钟后开始')
  expect(data.thing2.value.length).toBeLessThanOrEqual(20)
  expect(data.time3.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
})

it('refreshes a stale access token once and sends', async () => {
  const personId = await personWithOpenid('张伟', 'openid-zhang')
  staleOnce = true
  await enqueue(t.ctx.db, new Date().toISOString(), [{ personId, schoolId: null, kind: 'membership.approve', title: '入校审核结果', body: '已通过', dedupeKey: 'w2' }])
  await sendDueMessages(t.ctx, transport())
  expect(await status('w2')).toMatchObject({ status: 'sent', attempts: 1 })
  expect(sent.at(-1)).toMatchObject({ template_id: 'TPL-REVIEW', token: 'token-2' })
})

it.each([
  ['a person who did not subscribe', 'openid-unsubscribed', 'shift.fill', /用户未订阅/],
  ['a person without WeChat', null, 'shift.fill', /未绑定微信/],
  ['a category without a template', 'openid-x', 'notice.published', /未配置/],
])('%s fails at once, with the reason, and is not retried', async (_name, openid, kind, reason) => {
  const personId = await personWithOpenid('刘洋', openid)
  const key = `w-${kind}-${openid}`
  await enqueue(t.ctx.db, new Date().toISOString(), [{ personId, schoolId: null, kind, title: '补位', body: '有空缺', dedupeKey: key }])
  await sendDueMessages(t.ctx, transport())
  const row = await status(key)
  expect(row).toMatchObject({ status: 'failed', attempts: 1 })
  expect(row.last_error).toMatch(reason)
})

it('alarms and broadcasts use the alarm template and its fields: the place, the content, the time', async () => {
  const personId = await personWithOpenid('刘洋', 'openid-liu')
  await enqueue(t.ctx.db, new Date().toISOString(), [
    {
      personId,
      schoolId: null,
      kind: 'broadcast.sent',
      title: '人员预警',
      body: '留意穿灰色夹克的男子',
      payload: { page: '/packages/alarm/pages/broadcast/index', broadcastId: 'b1', place: '京山派出所' },
      dedupeKey: 'w-alarm',
    },
  ])
  await sendDueMessages(t.ctx, transport())
  expect(await status('w-alarm')).toMatchObject({ status: 'sent' })
  const message = sent.at(-1)!
  expect(message).toMatchObject({ template_id: 'TPL-ALARM', page: 'packages/alarm/pages/broadcast/index' })
  const data = message.data as Record<string, { value: string }>
  expect(Object.keys(data).sort()).toEqual(['thing4', 'thing7', 'time2'])
  expect(data.thing4.value).toBe('人员预警 · 京山派出所')
  expect(data.thing7.value).toBe('留意穿灰色夹克的男子')
})
