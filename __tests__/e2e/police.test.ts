// Police on peak duty in a real browser, on the test server's clock: a shift at 京山小学's south gate
// that asks for 民警 1, open for check-in now (the server's clock moved to 10:00). 陈志强, the
// station's officer, standing at the gate, signs up for it from his 值守 tab and checks in there like
// any volunteer; the duty board shows him under 警力, and once the shift is over (the clock moved past
// its end) the school's coverage shows him in 警力到岗 — the same figures the API gives.
import type { Page } from 'playwright-core'
import type { DutyBoard } from '../../types/attendance'
import type { SchoolCoverage } from '../../types/coverage'
import type { Shift } from '../../types/shifts'
import { local } from '../../domain/time'
import { serverClock, shot, useServerAndBrowser } from './support/harness'
import { apiAs, type ApiSession, openTab, settle, shiftOpenNow, signInAs, until, visible } from './support/flows'

jest.setTimeout(300_000)

const env = useServerAndBrowser()

const SCHOOL = '青云谱区京山小学'
const POST = '测试岗（南门警务点）'
const TEMPLATE = '早高峰（民警）'

let api: ApiSession
let officer: Page
let schoolId: string
let shift: Shift
let gate: { lat: number; lng: number }

const item = (page: Page) => visible(page, '[data-testid="shift-item"]', POST)
const card = (page: Page) => visible(page, '[data-testid="shift-card"]', POST)

beforeAll(async () => {
  api = await apiAs(env.server.url, '陈志强')
  const open = await shiftOpenNow(env.server.url, SCHOOL, { post: POST, template: TEMPLATE }, { volunteer: 0, police: 1 })
  schoolId = open.schoolId
  gate = open.gate
  const date = local(await serverClock(env.server.url).now()).format('YYYY-MM-DD')
  const { items } = await api.call<{ items: Shift[] }>('GET', `/api/schools/${schoolId}/shifts?from=${date}&to=${date}`)
  shift = items.find((s) => s.id === open.shiftId)!
  expect(shift.roles.find((r) => r.role === 'police')).toMatchObject({ required: 1, filled: 0 })
})

it('the officer, at the gate, signs up for the police place from his 值守 tab', async () => {
  officer = await signInAs(env.browser, env.server.url, '陈志强', undefined, gate)
  await openTab(officer, '值守')
  await visible(officer, '.school-picker__chip', SCHOOL).click()
  await visible(officer, `[data-testid="day-${shift.date}"]`).click()
  await item(officer).waitFor()
  await item(officer).getByText('民警 0/1').waitFor()
  await settle(officer)
  await shot(officer, 'police-01-week-open-place')
  await item(officer).getByText('报名', { exact: true }).click()
  await card(officer).waitFor()
  await item(officer).getByText('民警 1/1').waitFor()
  await settle(officer)
  await shot(officer, 'police-02-signed-up')
})

it('checks in at the gate with the same rules as everyone: located, inside the fence', async () => {
  await officer.evaluate(() => window.scrollTo(0, 0))
  await card(officer).getByText('签到已开放').waitFor()
  await card(officer).getByText('定位', { exact: true }).click()
  await card(officer)
    .getByText(/距岗点 \d+ 米 · 在签到范围内/)
    .waitFor()
  await card(officer).getByText('签到', { exact: true }).click()
  await card(officer).locator('.pill', { hasText: '已签到' }).waitFor()
  await settle(officer)
  await shot(officer, 'police-03-checked-in')
})

it('the duty board shows the officer under 警力', async () => {
  await visible(officer, '.duty__manage-link', '值守看板').click()
  // the board's own school picker (the 值守 tab's stays in the page underneath)
  await visible(officer, '.board .school-picker__chip', SCHOOL).click()
  const police = visible(officer, '[data-testid="board-police"]')
  await police.waitFor()
  const board = await api.call<DutyBoard>('GET', `/api/schools/${schoolId}/duty-board`)
  expect(board.police.present).toBeGreaterThanOrEqual(1)
  await police.getByText(`${board.police.present}/${board.police.required}`).waitFor()
  await police.getByText('警力').waitFor()
  const row = visible(officer, '[data-testid="board-person"]', '陈志强')
  await row.waitFor()
  await expect(row.textContent()).resolves.toMatch(/民警/)
  await settle(officer)
  await shot(officer, 'police-04-board')
})

it('once the shift is over, the school coverage shows him in 警力到岗, as the API counts it', async () => {
  // the server's clock moves past the end; its jobs close the shift and count the day
  const clock = serverClock(env.server.url)
  await clock.advance({ to: new Date(new Date(shift.endsAt).getTime() + 1000).toISOString() })
  const coverage = await until(
    async () => (await clock.advance({ advanceMs: 0 }), await api.call<SchoolCoverage>('GET', `/api/coverage/schools/${schoolId}?range=today`)),
    (c) => c.totals.police.attended >= 1,
    '陈志强 counted in 警力到岗',
  )
  expect(coverage.totals.police.due).toBeGreaterThanOrEqual(coverage.totals.police.attended)
  await officer.goto(`${env.server.url}/#/packages/coverage/pages/school/index?schoolId=${schoolId}`)
  await visible(officer, '.segment-tabs__tab', '今日').click()
  const police = visible(officer, '[data-testid="police-coverage"]')
  await police.waitFor()
  await police.getByTestId('police-attended').getByText(`${coverage.totals.police.attended} / ${coverage.totals.police.due}`).waitFor()
  await police.getByText('警力到岗').waitFor()
  await settle(officer)
  await shot(officer, 'police-05-coverage')
})
