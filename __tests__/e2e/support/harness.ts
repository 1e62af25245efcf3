// The real server (node --import tsx server/src/main.ts) on a fresh database, serving the H5 build, and
// Debian's Chromium driven by playwright-core at a phone-sized viewport.
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { freshDatabase, type FreshDatabase } from '../../server/support/test-db'
import { freePort, startServerProcess } from '../../../scripts/lib/server-process'

export const ROOT = path.resolve(__dirname, '../../..')
export const SHOTS = path.join(ROOT, 'test-artifacts', 'e2e')

export interface RunningServer {
  url: string
  stop(): Promise<void>
}

/**
 * `history`: the demo city with its term so far (off by default: most flows start from a clean city);
 * `env`: settings of the server process (e.g. a short re-alert interval, instead of waiting minutes).
 */
export async function startServer(options: { history?: boolean; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const database: FreshDatabase = await freshDatabase()
  const server = await startServerProcess(
    {
      DATABASE_URL: database.url,
      H5_DIR: process.env.E2E_H5_DIR || 'dist/h5',
      DEMO: '1',
      DEMO_HISTORY: options.history ? '1' : '0',
      JOBS: '1',
      // the server's clock moves when a test says so (serverClock below), never on its own
      TEST_CLOCK: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      ...options.env,
    },
    await freePort(),
    // seeding the term so far takes a while on a busy machine (minutes on PostgreSQL under load)
    { startTimeoutMs: options.history ? 480_000 : 120_000 },
  )
  return {
    url: server.url,
    async stop() {
      server.child.kill('SIGTERM')
      if (server.child.exitCode === null) await new Promise((r) => server.child.once('exit', r))
      await database.drop()
    },
  }
}

/** The test server's clock (TEST_CLOCK=1): read it, or move it forward and let its jobs run. */
export function serverClock(url: string) {
  return {
    async now(): Promise<Date> {
      const res = await fetch(`${url}/api/health`)
      return new Date(((await res.json()) as { time: string }).time)
    },
    async advance(body: { advanceMs: number } | { to: string }): Promise<Date> {
      const res = await fetch(`${url}/api/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      if (!res.ok) throw new Error(`测试时钟：${res.status} ${await res.text()}`)
      return new Date(((await res.json()) as { now: string }).now)
    },
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface E2eEnv {
  server: RunningServer
  browser: Browser
}

/**
 * The real server and Chromium for one test file: started before its tests (before any
 * beforeAll declared after this call), stopped after them.
 */
export function useServerAndBrowser(options: { history?: boolean; env?: Record<string, string> } = {}): E2eEnv {
  const env = {} as E2eEnv
  beforeAll(async () => {
    env.server = await startServer(options)
    env.browser = await launchBrowser()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.server?.stop()
  })
  return env
}

const phones = new Set<BrowserContext>()

/** Called by the e2e environment (environment.ts) when a step fails: a picture of every open phone. */
async function shootOpenPhones(label: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true })
  const name = label.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 60)
  let n = 0
  for (const context of phones) {
    for (const page of context.pages()) {
      if (page.isClosed()) continue
      await page.screenshot({ path: path.join(SHOTS, `FAILED-${name}-${++n}.png`), timeout: 5_000 }).catch(() => {})
    }
  }
}
Object.assign(globalThis, { __e2eShootOpenPhones: shootOpenPhones })

/** A phone: 375×812, touch, Chinese, in Nanchang. */
export async function phone(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: { latitude: 28.6423, longitude: 115.9125 },
    permissions: ['geolocation'],
  })
  phones.add(context)
  context.on('close', () => phones.delete(context))
  // an error thrown in the app (a blank page in a screenshot) is named in the test output
  context.on('weberror', (e) => console.error(`页面错误：${e.error().message}`))
  if (process.env.E2E_CONSOLE) context.on('console', (m) => ['error', 'warning'].includes(m.type()) && console.error(`页面 ${m.type()}：${m.text()}`))
  return context
}

/** Saves a screenshot named after the step, under the git-ignored test-artifacts/e2e. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}
