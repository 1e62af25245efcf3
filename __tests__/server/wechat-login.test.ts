// WeChat login against a small local fake of code2Session: the app's code goes in, a session
// token comes out, and the session_key stays on the server. And the phone number a person shares
// through the getPhoneNumber button, exchanged on the server.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../../server/src/config'
import { createTestApp, type TestApp } from './support/test-app'

let t: TestApp
let fake: http.Server
const seen: URLSearchParams[] = []

beforeAll(async () => {
  fake = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    seen.push(url.searchParams)
    const code = url.searchParams.get('js_code')
    res.setHeader('content-type', 'application/json')
    if (url.pathname === '/cgi-bin/stable_token') return res.end(JSON.stringify({ access_token: 'phone-token', expires_in: 7200 }))
    if (url.pathname === '/wxa/business/getuserphonenumber') {
      let raw = ''
      req.on('data', (c) => (raw += c))
      req.on('end', () => {
        const { code: phoneCode } = JSON.parse(raw) as { code: string }
        if (url.searchParams.get('access_token') !== 'phone-token') return res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }))
        if (phoneCode === 'phone-ok') return res.end(JSON.stringify({ errcode: 0, phone_info: { phoneNumber: '13907910001', purePhoneNumber: '13907910001', countryCode: '86' } }))
        if (phoneCode === 'phone-hk') return res.end(JSON.stringify({ errcode: 0, phone_info: { phoneNumber: '+852 91234567', purePhoneNumber: '91234567', countryCode: '852' } }))
        res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }))
      })
      return
    }
    if (url.pathname !== '/sns/jscode2session') return res.end(JSON.stringify({ errcode: 404 }))
    if (code?.startsWith('good-')) {
      return res.end(JSON.stringify({ openid: `openid-${code.slice(5)}`, session_key: 'SECRET-SESSION-KEY' }))
    }
    if (code === 'busy') return res.end(JSON.stringify({ errcode: 45011, errmsg: 'api minute-quota reach limit' }))
    return res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }))
  })
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve))
  const port = (fake.address() as AddressInfo).port
  t = await createTestApp({ wx: { ...loadConfig({}).wx, appid: 'wx-test-appid', secret: 'wx-test-secret', apiBase: `http://127.0.0.1:${port}` } })
})
afterAll(async () => {
  await t.close()
  await new Promise((resolve) => fake.close(resolve))
})

const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code } })

it('exchanges the code with the configured appid and secret and returns a session token', async () => {
  const res = await login('good-alice')
  expect(res.statusCode).toBe(200)
  expect(seen.at(-1)?.get('appid')).toBe('wx-test-appid')
  expect(seen.at(-1)?.get('secret')).toBe('wx-test-secret')
  expect(seen.at(-1)?.get('grant_type')).toBe('authorization_code')
  const body = res.json()
  expect(body.token).toEqual(expect.any(String))
  expect(body.me.memberships).toEqual([])
  expect(res.body).not.toContain('SECRET-SESSION-KEY')
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${body.token}` } })
  expect(me.statusCode).toBe(200)
  expect(me.body).not.toContain('SECRET-SESSION-KEY')
  const stored = await t.ctx.db.selectFrom('people').select('wx_session_key').where('wx_openid', '=', 'openid-alice').executeTakeFirst()
  expect(stored?.wx_session_key).toBe('SECRET-SESSION-KEY')
})

it('the same WeChat user logging in again, even twice at once, is one person', async () => {
  const [a, b] = await Promise.all([login('good-bob'), login('good-bob')])
  expect(a.json().me.person.id).toBe(b.json().me.person.id)
  const again = await login('good-bob')
  expect(again.json().me.person.id).toBe(a.json().me.person.id)
  expect(again.json().token).not.toBe(a.json().token)
})

it.each([
  ['bad', 401, '微信登录失败，请重新进入小程序'],
  ['busy', 401, '登录太频繁，请稍后再试'],
])('a code WeChat refuses (%s) is a Chinese %i', async (code, status, message) => {
  const res = await login(code)
  expect(res.statusCode).toBe(status)
  expect(res.json()).toEqual({ code: 'WECHAT_LOGIN_FAILED', message })
})

it('without WeChat credentials the server says how to sign in instead', async () => {
  const plain = await createTestApp()
  const res = await plain.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'good-x' } })
  expect(res.statusCode).toBe(503)
  expect(res.json().message).toMatch(/WX_APPID/)
  await plain.close()
})

it('a new WeChat user takes the name they give when joining a school', async () => {
  const { token, me } = (await login('good-carol')).json()
  expect(me.person.name).toBe('微信用户')
  const school = (await t.ctx.db.selectFrom('schools').select('id').where('name', '=', '青云谱区京山小学').executeTakeFirstOrThrow()).id
  const invite = (await t.call({ method: 'POST', url: '/api/invites', as: '黄丽萍', payload: { schoolId: school, role: 'volunteer', validDays: 7, maxUses: 5 } })).json()
  const auth = { authorization: `Bearer ${token}` }
  await t.app.inject({ method: 'POST', url: '/api/memberships/join', headers: auth, payload: { code: invite.code, name: '赵敏（一年级一班 赵小宝妈妈）' } })
  const after = (await t.app.inject({ method: 'GET', url: '/api/me', headers: auth })).json()
  expect(after.person.name).toBe('赵敏（一年级一班 赵小宝妈妈）')
})

it('a phone number shared through getPhoneNumber is exchanged on the server and kept on the person', async () => {
  const res = await t.call({ method: 'POST', url: '/api/me/wechat-phone', as: '林小雨', payload: { code: 'phone-ok' } })
  expect(res.statusCode).toBe(200)
  expect(res.json().person.phone).toBe('13907910001')
  const stored = await t.ctx.db.selectFrom('people').select('phone').where('name', '=', '林小雨').executeTakeFirstOrThrow()
  expect(stored.phone).toBe('13907910001')
})

it.each([
  ['phone-used', '手机号授权已失效，请重新点击或手动填写'],
  ['phone-hk', '只支持中国大陆手机号，请手动填写'],
])('a phone code WeChat refuses, or a number from elsewhere (%s), is a 400 that changes nothing', async (code, message) => {
  const before = await t.ctx.db.selectFrom('people').select('phone').where('name', '=', '高雅').executeTakeFirstOrThrow()
  const res = await t.call({ method: 'POST', url: '/api/me/wechat-phone', as: '高雅', payload: { code } })
  expect(res.statusCode).toBe(400)
  expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', message, field: 'code' })
  const after = await t.ctx.db.selectFrom('people').select('phone').where('name', '=', '高雅').executeTakeFirstOrThrow()
  expect(after.phone).toBe(before.phone)
})

it('without WeChat credentials, sharing a phone number says to type it in', async () => {
  const plain = await createTestApp()
  const res = await plain.call({ method: 'POST', url: '/api/me/wechat-phone', as: '林小雨', payload: { code: 'phone-ok' } })
  expect(res.statusCode).toBe(503)
  expect(res.json()).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: expect.stringContaining('手动填写') })
  await plain.close()
})
