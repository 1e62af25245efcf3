// Steps people take in every e2e test, written once.
import gcoord from 'gcoord'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { phone, shot } from './harness'

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
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background: colour } }).jpeg().toBuffer()
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
  const login = await fetch(`${baseUrl}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: person.personId }) })
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

/** The dialog or bottom popup showing now. */
export const overlay = (page: Page) => page.locator('.nut-popup:visible, .nut-dialog:visible').last()

/** The dialog showing now. */
export const dialog = (page: Page) => page.locator('.nut-dialog:visible').last()

const SHANGHAI_MS = 8 * 3_600_000

/** Local (Asia/Shanghai) date, time and ISO weekday of an instant: "YYYY-MM-DD", "HH:mm", 1–7 (a template's fields). */
export function localOf(ms: number): { date: string; time: string; weekday: number } {
  const d = new Date(ms + SHANGHAI_MS)
  const iso = d.toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay() }
}
