// Steps people take in every e2e test, written once.
import gcoord from 'gcoord'
import type { Browser, Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { local } from '../../../domain/time'
import { phone, serverClock, shot } from './harness'

/**
 * Opens the app as a new phone (standing at `at`, GCJ-02, when given) and signs in as a demo
 * person from the login screen; returns once 首页 has loaded what it shows.
 */
export async function signInAs(browser: Browser, baseUrl: string, name: string, shotName?: string, at?: { lat: number; lng: number }): Promise<Page> {
  const context = await phone(browser)
  if (at) await context.setGeolocation({ ...wgs84Of(at), accuracy: 10 })
  const page = await context.newPage()
  await page.goto(`${baseUrl}/#/packages/account/pages/login/index`)
  await page.getByText(name, { exact: true }).first().click()
  // tapping a person before ticking the consent box asks for consent first
  await page.getByText('同意并登录').click()
  await page.locator('.taro-tabbar__tabbar').waitFor()
  // 首页's sections arrive one by one and push each other down: act once they have
  await page.waitForLoadState('networkidle')
  if (shotName) await shot(page, shotName)
  return page
}

export async function openTab(page: Page, tab: '首页' | '值守' | '上报' | '通知' | '我的'): Promise<void> {
  await page.locator('.taro-tabbar__tabbar').getByText(tab, { exact: true }).click()
}

/** Puts the phone at a GCJ-02 point: the browser reports WGS-84, so the point is converted (gcoord). */
export async function moveTo(page: Page, point: { lat: number; lng: number }): Promise<void> {
  await page.context().setGeolocation({ ...wgs84Of(point), accuracy: 10 })
}

function wgs84Of(point: { lat: number; lng: number }): { latitude: number; longitude: number } {
  const [longitude, latitude] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return { latitude, longitude }
}

/** A small photo (a coloured JPEG) to give a file input, as a camera would. */
export async function photoFile(name: string, colour: { r: number; g: number; b: number }): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
    .jpeg()
    .toBuffer()
  return { name, mimeType: 'image/jpeg', buffer }
}

/** A demo person signed in through the API (no browser): for setting up what a test needs. */
export interface ApiSession {
  token: string
  call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: object): Promise<T>
}

export async function apiAs(baseUrl: string, name: string): Promise<ApiSession> {
  const people = (await (await fetch(`${baseUrl}/api/auth/demo-people`)).json()) as { items: { personId: string; name: string }[] }
  const person = people.items.find((p) => p.name === name)
  if (!person) throw new Error(`no demo person ${name}`)
  const login = await fetch(`${baseUrl}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId: person.personId }),
  })
  const { token } = (await login.json()) as { token: string }
  return {
    token,
    async call<T>(method: string, path: string, body?: object): Promise<T> {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      const data = await res.json().catch(() => null)
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(data)}`)
      return data as T
    },
  }
}

/** The visible page's copy of what may exist on several (hidden) tab pages at once. */
export function visible(page: Page, selector: string, hasText?: string | RegExp) {
  return page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true })
}

/**
 * Before a screenshot: waits until the page is still — no request in flight, no transition or
 * animation that ends still running (page slide-in, closing popup), no toast showing. Events, not a fixed sleep,
 * so a busy machine makes it slower, never wrong.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(
    () =>
      // a spinner's endless animation never finishes: only those that end count
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity) &&
      !Array.from(document.querySelectorAll('.nut-toast')).some((t) => (t as HTMLElement).offsetParent !== null),
    undefined,
    { polling: 100 },
  )
}

/**
 * Waits until `check` resolves to a value that `done` accepts, asking again every `everyMs` (a
 * server-side condition a test cannot be told about: a job's result, a summary refreshed); throws
 * with `what` and the last value when it has not come within `timeoutMs`.
 */
export async function until<T>(check: () => Promise<T>, done: (value: T) => boolean, what: string, { timeoutMs = 60_000, everyMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value)})`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/** The dialog or bottom popup showing now. */
export const overlay = (page: Page) => page.locator('.nut-popup:visible, .nut-dialog:visible').last()

/** The dialog showing now. */
export const dialog = (page: Page) => page.locator('.nut-dialog:visible').last()

/**
 * Waits until the page a person sees is `route` (e.g. '/packages/manage/pages/members/index'):
 * Taro's H5 router has finished bringing it in (`taro_page_stationed`), it is what lies under the
 * middle of the screen (no other page drawn over it), and it shows `selector` (with `text`, when
 * given). A title in the navigation bar alone is not enough: the bar can name a page that stays
 * hidden under 首页.
 */
export async function waitForDisplayedPage(page: Page, route: string, selector: string, text = '', timeout = 15_000): Promise<void> {
  const onScreen = ([route, selector, text]: readonly [string, string, string]) => {
    const shown = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2)?.closest('.taro_page') as HTMLElement | null | undefined
    return (
      !!shown &&
      shown.id.split('?')[0] === route &&
      shown.classList.contains('taro_page_stationed') &&
      !shown.classList.contains('taro_page_shade') &&
      Array.from(shown.querySelectorAll(selector)).some((el) => (el as HTMLElement).offsetParent !== null && (el.textContent ?? '').includes(text))
    )
  }
  await page.waitForFunction(onScreen, [route, selector, text] as const, { timeout, polling: 100 }).catch(async (e: Error) => {
    // say what is on screen instead: each page of the router with Taro's classes
    const pages = await page.evaluate(() => {
      const shown = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2)?.closest('.taro_page')
      return Array.from(document.querySelectorAll('.taro_page')).map((p) => `${p === shown ? '→ ' : '  '}${p.id.split('?')[0]} [${p.className}]`)
    })
    throw new Error(`${route} is not the page on screen:\n${pages.join('\n')}\n${e.message}`)
  })
}

/**
 * A finger on a button (the long-press alarm buttons): touch events on the button itself. (CDP's
 * synthetic touches reach only the first browser context, and tests open several phones.)
 * Returns the lift; after a long press the page may have moved on and the button be gone.
 */
export async function press(button: Locator): Promise<() => Promise<void>> {
  const box = (await button.boundingBox())!
  const touch = { identifier: 1, clientX: Math.round(box.x + box.width / 2), clientY: Math.round(box.y + box.height / 2) }
  await button.dispatchEvent('touchstart', { touches: [touch], changedTouches: [touch] })
  return async () => void (await button.dispatchEvent('touchend', { touches: [], changedTouches: [touch] }, { timeout: 1000 }).catch(() => {}))
}

/** The server's clock moved to the next 10:00 local (TEST_CLOCK); a shift from 10:10 to 10:50 that day. */
export async function openWindow(baseUrl: string): Promise<{ date: string; weekday: number; startTime: string; endTime: string }> {
  const clock = serverClock(baseUrl)
  let ten = local(await clock.now())
    .hour(10)
    .minute(0)
    .second(0)
    .millisecond(0)
  if (!ten.isAfter(local(await clock.now()))) ten = ten.add(1, 'day')
  const now = local(await clock.advance({ to: ten.toISOString() }))
  return { date: now.format('YYYY-MM-DD'), weekday: now.isoWeekday(), startTime: '10:10', endTime: '10:50' }
}

/**
 * The police officer's set-up: the server's clock at the next 10:00, a post at the school's south gate
 * and a shift there starting at 10:10 (check-in is open). Returns the gate (GCJ-02) and the shift.
 */
export async function shiftOpenNow(
  baseUrl: string,
  schoolName: string,
  names: { post: string; template: string },
  headcount: { volunteer: number; teacher?: number; guard?: number; police?: number },
): Promise<{ schoolId: string; gate: { lat: number; lng: number }; shiftId: string }> {
  const chen = await apiAs(baseUrl, '陈志强')
  const { items: schools } = await chen.call<{ items: { id: string; name: string; posts: { name: string; lat: number; lng: number }[] }[] }>('GET', '/api/schools')
  const school = schools.find((s) => s.name === schoolName)!
  const south = school.posts.find((p) => p.name.startsWith('南门'))!
  const gate = { lat: south.lat, lng: south.lng }
  const post = await chen.call<{ id: string }>('POST', `/api/schools/${school.id}/posts`, { name: names.post, lat: gate.lat, lng: gate.lng, radiusM: 150 })
  const w = await openWindow(baseUrl)
  await chen.call('POST', `/api/schools/${school.id}/templates`, {
    postId: post.id,
    name: names.template,
    weekdays: [w.weekday],
    startTime: w.startTime,
    endTime: w.endTime,
    headcount: { teacher: 0, guard: 0, police: 0, ...headcount },
    termStart: w.date,
    termEnd: w.date,
  })
  const { items: shifts } = await chen.call<{ items: { id: string; postId: string }[] }>('GET', `/api/schools/${school.id}/shifts?from=${w.date}&to=${w.date}`)
  return { schoolId: school.id, gate, shiftId: shifts.find((s) => s.postId === post.id)!.id }
}

const SHANGHAI_MS = 8 * 3_600_000

/** Local (Asia/Shanghai) date, time and ISO weekday of an instant: "YYYY-MM-DD", "HH:mm", 1–7 (a template's fields). */
export function localOf(ms: number): { date: string; time: string; weekday: number } {
  const d = new Date(ms + SHANGHAI_MS)
  const iso = d.toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay() }
}
