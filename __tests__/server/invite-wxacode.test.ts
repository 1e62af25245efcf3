// Invites as mini-program codes, against a local fake of WeChat's API: the code opens the join
// page with the invite code as scene, is made once and kept, and WeChat's refusals are told.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import type { Invite, Me } from '../../types/api'
import { loadConfig } from '../../server/src/config'
import { JOIN_PAGE } from '../../server/src/modules/invites/wxacode'
import { ROUTES } from '../../src/utils/routes'
import { createTestApp, type TestApp } from './support/test-app'

let fake: http.Server
let t: TestApp
let png: Buffer
const asked: { token: string | null; body: Record<string, unknown> }[] = []
let tokensIssued = 0
let next: 'image' | 'stale' | 'refuse' = 'image'
let schoolId: string

beforeAll(async () => {
  png = await sharp({ create: { width: 43, height: 43, channels: 3, background: '#07c160' } })
    .png()
    .toBuffer()
  fake = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === '/cgi-bin/stable_token') {
        tokensIssued++
        res.setHeader('content-type', 'application/json')
        return res.end(JSON.stringify({ access_token: `token-${tokensIssued}`, expires_in: 7200 }))
      }
      if (url.pathname === '/wxa/getwxacodeunlimit') {
        asked.push({ token: url.searchParams.get('access_token'), body: JSON.parse(raw) })
        const mode = next
        next = 'image'
        if (mode !== 'image') {
          res.setHeader('content-type', 'application/json; charset=UTF-8')
          return res.end(JSON.stringify(mode === 'stale' ? { errcode: 40001, errmsg: 'invalid credential' } : { errcode: 45009, errmsg: 'reach max api daily quota limit' }))
        }
        res.setHeader('content-type', 'image/png')
        return res.end(png)
      }
      res.statusCode = 404
      res.end('{}')
    })
  })
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve))
  const apiBase = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
  t = await createTestApp({ wx: { ...loadConfig({}).wx, appid: 'wx-invite-test', secret: 's', apiBase, state: 'trial' } })
  const me = (await t.call({ method: 'GET', url: '/api/me', as: '黄丽萍' })).json() as Me
  schoolId = (me.memberships[0].scope as { schoolId: string }).schoolId
})
afterAll(async () => {
  await t.close()
  await new Promise((resolve) => fake.close(resolve))
})

const newInvite = async () =>
  (await t.call({ method: 'POST', url: '/api/invites', as: '黄丽萍', payload: { schoolId, role: 'volunteer', validDays: 7, maxUses: 50 } })).json() as Invite
const wxacode = (invite: Invite, as = '黄丽萍') => t.call({ method: 'GET', url: `/api/invites/${invite.id}/wxacode`, as })

it('gives the principal a mini-program code that opens the join page with the invite code', async () => {
  const invite = await newInvite()
  const res = await wxacode(invite)
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('image/png')
  expect(res.rawPayload.equals(png)).toBe(true)
  expect(asked.at(-1)?.body).toEqual({ scene: invite.code, page: JOIN_PAGE, check_path: false, env_version: 'trial', width: 430 })
  expect(asked.at(-1)?.token).toBe(`token-${tokensIssued}`)
  // the page is the app's join page, which reads that scene (params.scene) and fills in the code
  expect(`/${JOIN_PAGE}`).toBe(ROUTES.join)
})

it('is made once per invite: asking again (the police officer too) does not call WeChat', async () => {
  const invite = await newInvite()
  await wxacode(invite)
  const calls = asked.length
  const again = await wxacode(invite, '陈志强')
  expect(again.statusCode).toBe(200)
  expect(again.rawPayload.equals(png)).toBe(true)
  expect(asked.length).toBe(calls)
})

it('a stale access token is refreshed once and the code still comes', async () => {
  const invite = await newInvite()
  const before = tokensIssued
  next = 'stale'
  const res = await wxacode(invite)
  expect(res.statusCode).toBe(200)
  expect(tokensIssued).toBe(before + 1)
  expect(asked.at(-1)?.token).toBe(`token-${tokensIssued}`)
})

it('when WeChat refuses, the manager is told in Chinese, and the next try asks WeChat again', async () => {
  const invite = await newInvite()
  next = 'refuse'
  const refused = await wxacode(invite)
  expect(refused.statusCode).toBe(502)
  expect(refused.json()).toEqual({ code: 'WECHAT_UNAVAILABLE', message: '微信暂时无法生成小程序码，请稍后重试（微信错误码 45009）' })
  const calls = asked.length
  const retried = await wxacode(invite)
  expect(retried.statusCode).toBe(200)
  expect(asked.length).toBe(calls + 1)
})

it('not for a revoked invite, nor for another school’s manager or a volunteer', async () => {
  const invite = await newInvite()
  await t.call({ method: 'POST', url: `/api/invites/${invite.id}/revoke`, as: '黄丽萍' })
  expect((await wxacode(invite)).statusCode).toBe(409)
  const other = await newInvite()
  expect((await wxacode(other, '胡晓东')).statusCode).toBe(403) // principal of 实验学校
  expect((await wxacode(other, '王海涛')).statusCode).toBe(403) // police of another station
  expect((await wxacode(other, '王芳')).statusCode).toBe(403)
  expect((await t.call({ method: 'GET', url: '/api/invites/no-such-invite/wxacode', as: '黄丽萍' })).statusCode).toBe(404)
})
