// WeChat login against a small local fake of code2Session: the app's code goes in, a session
// token comes out, and the session_key stays on the server.
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
