// The test clock (TEST_CLOCK=1): the e2e tests move the server's time forward instead of waiting
// for a shift to end; answers carry that time in their Date header for the app. Never in
// production: the server refuses to start with it there.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ConfigError, loadConfig } from '../../server/src/config'
import { TestClock } from '../../server/src/lib/clock'
import { createTestApp, type TestApp } from './support/test-app'

const ROOT = path.resolve(__dirname, '../..')
const MIN = 60_000

describe('with TEST_CLOCK=1', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ testClock: true })
  })
  afterAll(() => t.close())

  const serverTime = async () => new Date((await t.call({ method: 'GET', url: '/api/health' })).json().time).getTime()

  it('moves the server clock forward: the rules, the health check and every Date header follow it', async () => {
    expect(t.ctx.clock).toBeInstanceOf(TestClock)
    const before = await serverTime()
    const res = await t.call({ method: 'POST', url: '/api/test/clock', payload: { advanceMs: 90 * MIN } })
    expect(res.statusCode).toBe(200)
    expect(res.json().offsetMs).toBe(90 * MIN)
    const after = await serverTime()
    expect(after - before).toBeGreaterThanOrEqual(90 * MIN)
    expect(after - before).toBeLessThan(91 * MIN)
    const date = new Date(String((await t.call({ method: 'GET', url: '/api/health' })).headers.date)).getTime()
    expect(Math.abs(date - after)).toBeLessThan(5_000)
  })

  it('sets it to a later instant; never back (leases and daily keys assume time runs forward)', async () => {
    const target = new Date((await serverTime()) + 24 * 60 * MIN)
    const res = await t.call({ method: 'POST', url: '/api/test/clock', payload: { to: target.toISOString() } })
    expect(res.statusCode).toBe(200)
    expect(Math.abs(new Date(res.json().now).getTime() - target.getTime())).toBeLessThan(5_000)
    const offset = res.json().offsetMs
    const back = await t.call({ method: 'POST', url: '/api/test/clock', payload: { to: new Date(Date.now()).toISOString() } })
    expect(back.statusCode).toBe(400)
    expect(back.json().message).toBe('测试时钟只能向前拨')
    expect((await t.call({ method: 'POST', url: '/api/test/clock', payload: { advanceMs: -1 } })).statusCode).toBe(400)
    expect((t.ctx.clock as TestClock).offset).toBe(offset)
  })

  it("sends a no-op down the live channel to the people named (the alarm benchmark's anchor)", async () => {
    const heard: unknown[] = []
    const stop = t.ctx.live!.subscribe((event) => heard.push(event))
    try {
      const res = await t.call({ method: 'POST', url: '/api/test/live', payload: { tag: 'anchor', people: ['p1', 'p2'] } })
      expect(res.statusCode).toBe(204)
      // on PostgreSQL it comes back through NOTIFY
      for (let i = 0; i < 100 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
      expect(heard).toEqual([{ type: 'echo', tag: 'anchor', people: ['p1', 'p2'] }])
    } finally {
      stop()
    }
  })
})

it('without TEST_CLOCK there is no such route and the clock is the system clock', async () => {
  const t = await createTestApp()
  try {
    expect(t.ctx.clock).not.toBeInstanceOf(TestClock)
    expect((await t.call({ method: 'POST', url: '/api/test/clock', payload: { advanceMs: 1 } })).statusCode).toBe(404)
    expect((await t.call({ method: 'POST', url: '/api/test/live', payload: { tag: 'x', people: [] } })).statusCode).toBe(404)
  } finally {
    await t.close()
  }
})

describe('in production', () => {
  const production = { NODE_ENV: 'production', WX_APPID: 'a', WX_SECRET: 'b', SECRET: 'x'.repeat(32) }

  it('the configuration refuses TEST_CLOCK', () => {
    expect(loadConfig(production).testClock).toBe(false)
    expect(() => loadConfig({ ...production, TEST_CLOCK: '1' })).toThrow(ConfigError)
    expect(() => loadConfig({ ...production, TEST_CLOCK: '1' })).toThrow('生产环境不能开启测试时钟（TEST_CLOCK）')
  })

  it('the server refuses to start with it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...production, TEST_CLOCK: '1', PORT: '0', H5_DIR: '', DATABASE_URL: 'file:/nonexistent/never-opened.sqlite' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(out).toContain('配置错误：生产环境不能开启测试时钟（TEST_CLOCK）')
  }, 60_000)
})
