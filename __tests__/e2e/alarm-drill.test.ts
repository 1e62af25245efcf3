// A drill that measures response, in a real browser on the real clock: the station schedules a
// drill at 京山小学 now; during it the principal long-presses 演练报警 on the drill notice; the guard's
// open app shows it (marked 演练), he acknowledges and arrives at the gate; the officer ends it with
// 演练结束. The drill record made from the notice then shows the response times, the school's
// coverage counts the drill, and 最近报警 lists it.
import type { Page } from 'playwright-core'
import type { Me } from '../../types/api'
import type { AlarmSummary } from '../../types/alarms'
import type { Drill, Notice } from '../../types/notices'
import { durationText } from '../../domain/alarms'
import { shot, useServerAndBrowser } from './support/harness'
import { apiAs, press, settle, signInAs, visible } from './support/flows'

jest.setTimeout(300_000)

const env = useServerAndBrowser()

// GCJ-02: 京山小学's south gate
const AT_THE_GATE = { lat: 28.63975, lng: 115.91745 }

let principal: Page
let guard: Page
let police: Page
let notice: Notice
let schoolId: string

const hero = (page: Page) => page.getByTestId('alarm-hero')

it('the station schedules a drill at 京山小学 that is on now; the principal sees 演练报警 on its notice', async () => {
  const officer = await apiAs(env.server.url, '陈志强')
  const head = await apiAs(env.server.url, '黄丽萍')
  const me = await head.call<Me>('GET', '/api/me')
  schoolId = (me.memberships.find((m) => m.role === 'principal')!.scope as { schoolId: string }).schoolId
  const draft = await officer.call<Notice>('POST', '/api/notices', {
    type: 'drill',
    title: '校门口防冲撞应急演练',
    body: '放学前在南门开展防冲撞演练，听从民警指挥。',
    eventAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    eventEndAt: new Date(Date.now() + 40 * 60_000).toISOString(),
    place: '南门',
    location: { ...AT_THE_GATE, radiusM: 150 },
    audience: { schoolIds: [schoolId], roles: ['principal', 'guard', 'teacher'] },
    ackRequired: false,
    rsvpCapacity: null,
    rsvpDeadline: null,
    attachmentIds: [],
    themeId: 'terror',
  })
  notice = await officer.call<Notice>('POST', `/api/notices/${draft.id}/publish`, {})

  police = await signInAs(env.browser, env.server.url, '陈志强', undefined, AT_THE_GATE)
  guard = await signInAs(env.browser, env.server.url, '赵德福', undefined, AT_THE_GATE)
  principal = await signInAs(env.browser, env.server.url, '黄丽萍', undefined, AT_THE_GATE)
  await principal.goto(`${env.server.url}/#/packages/notices/pages/detail/index?noticeId=${notice.id}`)
  const block = visible(principal, '[data-testid="drill-alarm-block"]')
  await block.waitFor()
  await block.getByText('这次演练还没有发起演练报警').waitFor()
  await settle(principal)
  await shot(principal, 'drill-01-notice-drill-alarm')
})

it('a long press raises the drill alarm, marked 演练; the guard’s app shows it, he acknowledges and arrives', async () => {
  const button = visible(principal, '[data-testid="drill-alarm-block"] [data-testid="alarm-button"]').first()
  const lift = await press(button)
  await hero(principal).waitFor({ timeout: 5000 })
  await lift()
  await principal.locator('.alarm-hero__status', { hasText: '【演练】' }).waitFor()
  await settle(principal)
  await shot(principal, 'drill-02-principal-raised')

  const banner = guard.getByTestId('alarm-banner')
  await banner.waitFor({ timeout: 3000 })
  await banner.getByText('【演练】', { exact: false }).waitFor()
  await shot(guard, 'drill-03-guard-banner')
  await banner.click()
  await hero(guard).waitFor()
  await guard.getByTestId('alarm-ack').click()
  await guard.locator('[data-testid="alarm-hero"][data-status="acknowledged"]').waitFor()
  await guard.getByTestId('alarm-arrive').click()
  await guard.locator('[data-testid="alarm-hero"][data-status="on_site"]').waitFor()
  // the school's own people on site within a minute: the 1-minute mark is green
  await guard.locator('[data-testid="alarm-marks"] [data-state="met"]').first().waitFor()
  await principal.locator('[data-testid="alarm-hero"][data-status="on_site"]').waitFor({ timeout: 3000 })
})

it('the officer ends it with 演练结束 (the only outcome a drill offers)', async () => {
  await police.getByTestId('alarm-banner').click()
  await hero(police).waitFor()
  await police.getByTestId('alarm-close').click()
  const sheet = police.locator('.nut-actionsheet:visible, .nut-popup:visible').last()
  await sheet.getByText('演练结束', { exact: true }).waitFor()
  expect(await sheet.getByText('已处置', { exact: true }).count()).toBe(0)
  await sheet.getByText('演练结束', { exact: true }).click()
  await police.locator('[data-testid="alarm-hero"][data-status="closed"]').waitFor()
  await principal.locator('[data-testid="alarm-hero"][data-status="closed"]').waitFor({ timeout: 3000 })
  await settle(police)
  await shot(police, 'drill-04-police-closed')
})

it('the officer records the drill from its notice: the record shows the response times, and so does the ledger', async () => {
  const officer = await apiAs(env.server.url, '陈志强')
  const [measured] = await officer.call<{ items: AlarmSummary[] }>('GET', `/api/notices/${notice.id}/drill-alarms`).then((r) => r.items)
  expect(measured).toMatchObject({ kind: 'drill', status: 'closed', outcome: 'drill_over' })
  expect(measured.firstAckSec).not.toBeNull()
  expect(measured.schoolOnSiteSec).not.toBeNull()

  await police.goto(`${env.server.url}/#/packages/notices/pages/drill/index?noticeId=${notice.id}`)
  const responses = visible(police, '[data-testid="drill-record-responses"]')
  await responses.waitFor()
  const times = responses.getByTestId('alarm-times')
  await times.getByText(`首次响应 ${durationText(measured.firstAckSec)}`).waitFor()
  await times.getByText(`学校力量到场 ${durationText(measured.schoolOnSiteSec)}`).waitFor()
  await times.getByText('民警到场 —', { exact: true }).waitFor()
  await settle(police)
  await shot(police, 'drill-05-record-form-times')

  // the safety theme starts as the notice's (防暴恐); the officer files it under 消防 instead
  const themes = visible(police, '[data-testid="drill-theme"]')
  await themes.locator('.chips__chip--active', { hasText: '防暴恐' }).waitFor()
  await themes.getByText('消防', { exact: true }).click()
  await themes.locator('.chips__chip--active', { hasText: '消防' }).waitFor()

  await visible(police, '.nut-inputnumber input').first().fill('12')
  await visible(police, '.nut-inputnumber input').first().blur()
  await visible(police, '.nut-button', '保存演练记录').click()
  const card = visible(police, '[data-testid="drill-card"]').first()
  await card.waitFor({ timeout: 10_000 })
  await card
    .getByTestId('drill-card-responses')
    .getByText(`首次响应 ${durationText(measured.firstAckSec)}`)
    .waitFor()
  const [recorded] = (await officer.call<{ items: Drill[] }>('GET', `/api/schools/${schoolId}/drills`)).items
  expect(recorded).toMatchObject({ noticeId: notice.id, themeId: 'fire', participants: 12 })
  await settle(police)
  await shot(police, 'drill-06-ledger-times')
})

it('the school’s coverage counts the drill; 最近报警 lists it as 演练', async () => {
  await principal.goto(`${env.server.url}/#/packages/coverage/pages/school/index?schoolId=${schoolId}`)
  const alarms = visible(principal, '[data-testid="school-alarms"]')
  await alarms.waitFor({ timeout: 10_000 })
  await alarms.getByTestId('alarms-drill').getByText('1', { exact: true }).waitFor()
  expect(await alarms.getByTestId('alarms-real').textContent()).toBe('0')
  await alarms.scrollIntoViewIfNeeded()
  await settle(principal)
  await shot(principal, 'drill-07-coverage-counts-drill')

  await principal.goto(`${env.server.url}/#/pages/home/index`)
  const entry = visible(principal, '[data-testid="home-alarm-list"]')
  await entry.waitFor()
  await settle(principal)
  await shot(principal, 'drill-08-home-entry')
  await entry.click()
  const list = visible(principal, '[data-testid="alarm-list"]')
  await list.waitFor()
  const row = list.locator('[data-testid="alarm-summary"]').first()
  expect(await row.getAttribute('data-kind')).toBe('drill')
  await row.getByText('演练结束').waitFor()
  await settle(principal)
  await shot(principal, 'drill-09-recent-alarms')
  await row.click()
  await principal.locator('[data-testid="alarm-hero"][data-status="closed"]').waitFor()
})
