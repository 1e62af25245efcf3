// 一键报警 in a real browser with two phones: a volunteer long-presses the red button; the police
// officer's open app shows the alarm within 2 s, he acknowledges, arrives at the gate (the
// browser's geolocation) and closes it; the volunteer's alarm page shows each step live.
import type { Page } from 'playwright-core'
import { shot, useServerAndBrowser } from './support/harness'
import { moveTo, photoFile, press, settle, signInAs, visible } from './support/flows'

jest.setTimeout(180_000)

const env = useServerAndBrowser()

// GCJ-02: 京山小学's south gate (南门（京山北路）) and a street 1 km away
const AT_THE_GATE = { lat: 28.63975, lng: 115.91745 }
const DOWN_THE_ROAD = { lat: 28.6487, lng: 115.9174 }

let volunteer: Page
let police: Page

const hero = (page: Page) => page.getByTestId('alarm-hero')

/** A tap: the finger down and up again at once. */
async function tap(page: Page) {
  const lift = await press(page.getByTestId('alarm-button').first())
  await lift()
}

it('a tap alone does not raise: it explains the long press', async () => {
  police = await signInAs(env.browser, env.server.url, '陈志强', undefined, DOWN_THE_ROAD)
  volunteer = await signInAs(env.browser, env.server.url, '王芳', undefined, AT_THE_GATE)
  await volunteer.getByTestId('home-alarm').waitFor()
  await shot(volunteer, 'alarm-01-home-button')
  await tap(volunteer)
  await volunteer.getByText('长按才会报警').waitFor()
  await shot(volunteer, 'alarm-02-tap-explains')
  await volunteer.getByText('知道了').click()
})

it('a long press raises; the police officer’s open app shows it within 2 s', async () => {
  // the ring fills while the finger stays down
  const button = volunteer.getByTestId('alarm-button').first()
  const lift = await press(button)
  await volunteer.waitForFunction((el) => Number(el?.getAttribute('data-progress')) > 0.3, await button.elementHandle(), { polling: 'raf' })
  const progress = Number(await button.getAttribute('data-progress'))
  expect(progress).toBeGreaterThan(0.3)
  await shot(volunteer, 'alarm-03-holding')
  // it fires at 1.5 s, while the finger is still down
  await volunteer.getByTestId('alarm-sending').or(volunteer.getByTestId('alarm-hero')).waitFor({ timeout: 3000 })
  const fired = Date.now()
  await lift()

  await police.getByTestId('alarm-banner').waitFor({ timeout: 2000 })
  const delivered = Date.now() - fired
  expect(delivered).toBeLessThan(2000)
  await hero(volunteer).waitFor()
  await volunteer.getByText('报警已发出').waitFor()
  // 首页 says the same under the alarm button: the alarm page's own line, the visible one
  await volunteer.getByText('本应用不能代替 110', { exact: false }).filter({ visible: true }).first().waitFor()
  await volunteer.getByTestId('alarm-place').waitFor()
  await shot(volunteer, 'alarm-04-raised')
  await shot(police, 'alarm-05-police-banner')
})

it('the volunteer adds the type in one tap; the officer opens the alarm and acknowledges; she sees 已收到 live', async () => {
  await volunteer.getByTestId('alarm-type').getByText('可疑人员', { exact: true }).click()
  await volunteer.locator('[data-testid="alarm-event"][data-action="describe"]').waitFor()
  // a photo after raising: it joins the alarm as soon as it has uploaded
  await visible(volunteer, '[data-testid="photo-input"]').setInputFiles(await photoFile('suspect.jpg', { r: 70, g: 70, b: 80 }))
  await volunteer.getByTestId('alarm-photos').locator('img').waitFor()
  await volunteer.locator('[data-testid="alarm-event"][data-action="describe"]', { hasText: '照片 1 张' }).waitFor()

  await police.getByTestId('alarm-banner').click()
  await hero(police).waitFor()
  await police.locator('.alarm-hero__sub', { hasText: '王芳 报警' }).waitFor()
  await police.getByTestId('alarm-ack').click()
  await police.locator('[data-testid="alarm-hero"][data-status="acknowledged"]').waitFor()
  await shot(police, 'alarm-06-police-acknowledged')

  await volunteer.locator('[data-testid="alarm-hero"][data-status="acknowledged"]').waitFor({ timeout: 3000 })
  await volunteer
    .getByTestId('alarm-responder')
    .filter({ hasText: '陈志强' })
    .getByText(/已收到/)
    .waitFor()
  await shot(volunteer, 'alarm-07-volunteer-sees-ack')
  // the officer sees the photo with the place
  await police.getByTestId('alarm-photos').locator('img').waitFor()
})

it('the officer, still down the road, is asked for a reason; at the gate he arrives; she sees 已到场 live', async () => {
  await police.getByTestId('alarm-arrive').click()
  await police.getByText('不在学校范围内').waitFor()
  await shot(police, 'alarm-08-police-outside')
  await police.locator('.nut-dialog:visible').getByText('取消', { exact: true }).click()

  await moveTo(police, AT_THE_GATE)
  await police.getByTestId('alarm-arrive').click()
  await police.locator('[data-testid="alarm-hero"][data-status="on_site"]').waitFor()
  await volunteer.locator('[data-testid="alarm-hero"][data-status="on_site"]').waitFor({ timeout: 3000 })
  await volunteer
    .getByTestId('alarm-responder')
    .filter({ hasText: '陈志强' })
    .getByText(/已到场/)
    .waitFor()
  // the officer arrived within 3 minutes: that mark is green
  await volunteer.locator('[data-testid="alarm-marks"] [data-state="met"]').first().waitFor()
  await settle(volunteer)
  await shot(volunteer, 'alarm-09-volunteer-sees-arrival')
})

it('the officer closes it with an outcome; the volunteer sees 处置完毕 and the whole timeline', async () => {
  await police.getByTestId('alarm-close').click()
  await police.getByText('已处置', { exact: true }).click()
  await police.locator('[data-testid="alarm-hero"][data-status="closed"]').waitFor()
  await volunteer.locator('[data-testid="alarm-hero"][data-status="closed"]').waitFor({ timeout: 3000 })
  const actions = await volunteer.locator('[data-testid="alarm-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
  expect(actions).toEqual(expect.arrayContaining(['raise', 'describe', 'acknowledge', 'arrive', 'close']))
  await settle(volunteer)
  await shot(volunteer, 'alarm-10-volunteer-closed')
  await shot(police, 'alarm-11-police-closed')
})
