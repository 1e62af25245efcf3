// The shifts issue in a real browser: the police officer creates a template, a volunteer signs up
// and sees the shift on 首页, a second volunteer joins the waitlist, the first releases, and the
// second is promoted and sees it. Each step leaves a screenshot in test-artifacts/e2e.
import type { Page } from 'playwright-core'
import { currentTerm } from '../../domain/term'
import { local } from '../../domain/time'
import { shot, useServerAndBrowser } from './support/harness'
import { apiAs, openTab, signInAs, visible } from './support/flows'

jest.setTimeout(180_000)

const env = useServerAndBrowser()

let police: Page
let first: Page
let second: Page

// two days ahead: past the 12-hour release cut-off, inside the 7-day view of 值守
const day = local(new Date()).add(2, 'day').format('YYYY-MM-DD')
const SCHOOL = '青云谱区京山小学'
const POST = '东门（接送区）'

/** The shift of the test's template on `day`, in the 值守 tab's week view. */
async function openDay(page: Page): Promise<void> {
  await openTab(page, '值守')
  await visible(page, '.school-picker').first().waitFor()
  await visible(page, `[data-testid="day-${day}"]`).click()
}

function lunchShift(page: Page) {
  return visible(page, '[data-testid="shift-item"]', '午间放学')
}

it('the police officer creates a template: 东门, 午间放学, every day, one volunteer', async () => {
  police = await signInAs(env.browser, env.server.url, '陈志强', 'shifts-01-police-home')
  await police.getByText('排班模板', { exact: true }).click()
  await visible(police, '.school-picker__chip', SCHOOL).click()
  await visible(police, '[data-testid="template"]').first().waitFor()
  await shot(police, 'shifts-02-templates')

  await visible(police, '.nut-button', '新建排班模板').click()
  await visible(police, '.template-form__chip', POST).click()
  await visible(police, '.template-form__chip', '午间放学').click()
  for (const weekday of [6, 7]) await visible(police, `[data-testid="weekday-${weekday}"]`).click()
  // one volunteer, nobody else: the second volunteer will have to wait
  await visible(police, '[data-testid="headcount-volunteer"] .nut-inputnumber-minus').click()
  await visible(police, '[data-testid="headcount-teacher"] .nut-inputnumber-minus').click()
  await visible(police, '[data-testid="headcount-guard"] .nut-inputnumber-minus').click()
  await expect(visible(police, '[data-testid="headcount-volunteer"] input').inputValue()).resolves.toBe('1')
  await shot(police, 'shifts-03-template-form')
  await visible(police, '.nut-button', '创建模板').click()
  await visible(police, '[data-testid="template"]', '午间放学 11:30–12:10').waitFor()
  await shot(police, 'shifts-04-template-created')

  // The term the form proposes is the current one; on a holiday two days out may fall outside
  // it, and no shift would exist to sign up for: then the test widens the term (a date picker
  // is not something this test is about).
  const term = currentTerm(new Date())
  if (day < term.start || day > term.end) {
    const api = await apiAs(env.server.url, '陈志强')
    const schools = await api.call<{ items: { id: string; name: string }[] }>('GET', '/api/schools')
    const school = schools.items.find((s) => s.name === SCHOOL)!
    const templates = await api.call<{ items: ({ id: string; name: string } & Record<string, unknown>)[] }>('GET', `/api/schools/${school.id}/templates`)
    const { id, postId, name, weekdays, startTime, endTime, headcount, active } = templates.items.find((x) => x.name === '午间放学')!
    const today = local(new Date())
    await api.call('PUT', `/api/templates/${id}`, {
      postId,
      name,
      weekdays,
      startTime,
      endTime,
      headcount,
      active,
      termStart: today.format('YYYY-MM-DD'),
      termEnd: today.add(30, 'day').format('YYYY-MM-DD'),
    })
  }
})

it('a volunteer signs up and sees the shift on 首页', async () => {
  first = await signInAs(env.browser, env.server.url, '刘洋', 'shifts-05-first-home')
  await openDay(first)
  await lunchShift(first).waitFor()
  await expect(lunchShift(first).textContent()).resolves.toContain('志愿者 0/1')
  await shot(first, 'shifts-06-first-week')
  await lunchShift(first).getByText('报名', { exact: true }).click()
  await lunchShift(first).getByText('已报名').waitFor()
  await expect(lunchShift(first).textContent()).resolves.toContain('志愿者 1/1')
  await shot(first, 'shifts-07-first-signed-up')

  await openTab(first, '首页')
  const card = visible(first, '[data-testid="shift-card"]', '午间放学')
  await card.waitFor()
  await expect(card.textContent()).resolves.toContain(POST)
  await expect(card.textContent()).resolves.toContain('11:30–12:10')
  await expect(card.textContent()).resolves.toMatch(/距开始 \d+ 天/)
  await shot(first, 'shifts-08-first-home-next-shift')
})

it('a second volunteer finds it full and joins the waitlist', async () => {
  second = await signInAs(env.browser, env.server.url, '张伟', 'shifts-09-second-home')
  await openDay(second)
  await lunchShift(second).waitFor()
  await expect(lunchShift(second).textContent()).resolves.toContain('志愿者 1/1')
  await shot(second, 'shifts-10-second-full')
  await lunchShift(second).getByText('候补志愿者', { exact: true }).click()
  await lunchShift(second).locator('.pill', { hasText: '候补 1' }).waitFor()
  await shot(second, 'shifts-11-second-waitlisted')
})

it('the first volunteer releases the shift, with a confirmation', async () => {
  await openTab(first, '首页')
  await visible(first, '[data-testid="shift-card"]', '午间放学').locator('.shift-card__head').click()
  await visible(first, '.nut-button', '释放').waitFor()
  await shot(first, 'shifts-12-first-detail')
  await visible(first, '.nut-button', '释放').click()
  await visible(first, '.nut-dialog', '释放班次').waitFor()
  await shot(first, 'shifts-13-first-confirm-release')
  await visible(first, '.nut-dialog .nut-button', '确认释放').click()
  await visible(first, '.shift__summary', '已释放').waitFor()
  await shot(first, 'shifts-14-first-released')
})

it('the second volunteer has been promoted and sees the shift as theirs', async () => {
  await openTab(second, '首页')
  await openTab(second, '值守')
  const card = visible(second, '[data-testid="shift-card"]', '午间放学')
  await card.waitFor()
  await expect(card.textContent()).resolves.toContain('已报名')
  await expect(card.textContent()).resolves.toContain(POST)
  await shot(second, 'shifts-15-second-promoted')
  // and the police officer's outbox of the district told them (the admin's view)
  const admin = await apiAs(env.server.url, '周建国')
  const outbox = await admin.call<{ items: { kind: string; personName: string }[] }>('GET', '/api/admin/outbox')
  expect(outbox.items.some((m) => m.kind === 'signup.promoted' && m.personName === '张伟')).toBe(true)
})
