// The coverage issue in a real browser: the police set up a post and a one-minute shift at 京山小学
// that starts in a minute or two; four people sign up, three check in at the gate, one never
// comes (a no-show once the shift closes: the test moves the server's clock past its end). The principal's coverage for
// today then shows the rates and colours computed here with the domain's own functions, and the
// Excel export downloads the same numbers.
import ExcelJS from 'exceljs'
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import type { Me } from '../../types/api'
import type { SchoolCoverage } from '../../types/coverage'
import { COVERAGE_COLOR_LABELS } from '../../types/coverage'
import type { Shift } from '../../types/shifts'
import { colorOf, coverageOfRange, percentText as pct } from '../../domain/coverage'
import { serverClock, shot, useServerAndBrowser } from './support/harness'
import { apiAs, type ApiSession, localOf, settle, signInAs, until } from './support/flows'

jest.setTimeout(180_000)

const env = useServerAndBrowser()

// GCJ-02, 京山小学's south gate
const GATE = { lat: 28.63972, lng: 115.91741 }
const MIN = 60_000
const label = (r: number | null) => {
  const c = colorOf(r)
  return c ? COVERAGE_COLOR_LABELS[c] : '暂无'
}

let principal: Page
let police: ApiSession
let head: ApiSession
let schoolId: string
let shift: Shift
let shiftEndsAt: number
let before: SchoolCoverage

async function todayCoverage(): Promise<SchoolCoverage> {
  return head.call<SchoolCoverage>('GET', `/api/coverage/schools/${schoolId}?range=today`)
}

it('the police set up a one-minute shift starting soon; four sign up, three check in at the gate', async () => {
  police = await apiAs(env.server.url, '陈志强')
  head = await apiAs(env.server.url, '黄丽萍')
  const me = await head.call<Me>('GET', '/api/me')
  const scope = me.memberships.find((m) => m.role === 'principal')!.scope
  schoolId = (scope as { schoolId: string }).schoolId
  // Before: today's shifts are all still to come (the server generated only shifts starting
  // after it started), so nothing counts toward attendance yet.
  before = await todayCoverage()
  expect(before.totals.attendanceRate).toBeNull()

  // starts at the first whole minute at least 70 s away (on the server's clock), ends a minute later
  const startMs = Math.ceil(((await serverClock(env.server.url).now()).getTime() + 70_000) / MIN) * MIN
  shiftEndsAt = startMs + MIN
  const start = localOf(startMs)
  const end = localOf(shiftEndsAt)
  const post = await police.call<{ id: string }>('POST', `/api/schools/${schoolId}/posts`, { name: '覆盖率测试岗', lat: GATE.lat, lng: GATE.lng, radiusM: 150 })
  await police.call('POST', `/api/schools/${schoolId}/templates`, {
    postId: post.id,
    name: '测试岗',
    weekdays: [start.weekday],
    startTime: start.time,
    endTime: end.time,
    headcount: { volunteer: 2, teacher: 1, guard: 1, police: 0 },
    termStart: start.date,
    termEnd: start.date,
  })
  const shifts = await police.call<{ items: Shift[] }>('GET', `/api/schools/${schoolId}/shifts?from=${start.date}&to=${start.date}`)
  shift = shifts.items.find((s) => s.postId === post.id)!
  expect(shift).toBeDefined()

  const people: [string, string, boolean][] = [
    ['张伟', 'volunteer', true],
    ['刘洋', 'volunteer', false], // never comes
    ['李红梅', 'teacher', true],
    ['赵德福', 'guard', true],
  ]
  for (const [name, role, comes] of people) {
    const person = await apiAs(env.server.url, name)
    const signed = await person.call<Shift>('POST', `/api/shifts/${shift.id}/signups`, { role })
    expect(signed.mine?.status).toBe('active')
    if (comes) {
      await person.call('POST', `/api/signups/${signed.mine!.signupId}/check-in`, { ...GATE, accuracy: 10, idempotencyKey: `coverage-e2e-${name}` })
    }
  }
  const now = await todayCoverage()
  // still running: the places count as filled, attendance waits for the end of the shift
  expect(now.totals.required).toBe(before.totals.required + 4)
  expect(now.totals.filled).toBe(before.totals.filled + 4)
  expect(now.totals.attendanceRate).toBeNull()
})

it('the principal sees today’s coverage card on 首页 and opens the school’s coverage', async () => {
  principal = await signInAs(env.browser, env.server.url, '黄丽萍')
  const card = principal.getByTestId('coverage-card-school')
  await card.getByText('今日报名率').waitFor()
  await shot(principal, 'coverage-01-home-card')
  await card.click()
  await principal.getByTestId('coverage-totals').waitFor()
  await principal.getByTestId('by-post').getByText('覆盖率测试岗').waitFor()
  await settle(principal)
  await shot(principal, 'coverage-02-school-running')
})

it('once the shift is over and closed, the page shows the rates and colours computed from the places', async () => {
  // the server's clock moves past the end; its jobs run at once: 刘洋 becomes a no-show
  const clock = serverClock(env.server.url)
  await clock.advance({ to: new Date(Math.max(shiftEndsAt, (await clock.now()).getTime()) + 1000).toISOString() })
  // the jobs ran once with the move; when the loop's own run held a job's lease they run again here
  const after = await until(
    async () => (await clock.advance({ advanceMs: 0 }), await todayCoverage()),
    (c) => c.totals.noShow >= 1,
    '刘洋 counted as a no-show',
  )
  // Fill over the whole day (ours and the day's later shifts); attendance over the shifts that
  // are over, which is ours alone: 4 places, 3 attended, 1 no-show.
  const expected = coverageOfRange(
    { required: before.totals.required + 4, filled: before.totals.filled + 4, attended: 3, late: 0, noShow: 1 },
    { required: 4, filled: 4, attended: 3, late: 0, noShow: 1 },
  )
  expect(expected.attendanceRate).toBe(0.75)
  expect(expected.color).toBe('yellow')
  // 警力: our post asks for none; the day's police places (on a day whose demo shifts have them)
  // are all still to come, so the police figures are those of before
  expect(before.totals.police.due).toBe(0)
  expect(after.totals).toEqual({ ...expected, police: before.totals.police })

  // pull to refresh is a touch gesture: the page reloads its numbers when shown again
  await principal.reload()
  const totals = principal.getByTestId('coverage-totals')
  await totals.getByTestId('count-noShow').getByText('1', { exact: true }).waitFor()
  const fill = totals.getByTestId('fill-rate')
  const attendance = totals.getByTestId('attendance-rate')
  expect(await attendance.locator('.coverage-rate__value').textContent()).toBe('75%')
  expect(await attendance.getAttribute('data-color')).toBe('yellow')
  await attendance.getByText('需关注', { exact: true }).waitFor()
  expect(await fill.locator('.coverage-rate__value').textContent()).toBe(pct(expected.fillRate))
  expect(await fill.getAttribute('data-color')).toBe(colorOf(expected.fillRate))
  await fill.getByText(label(expected.fillRate), { exact: true }).waitFor()
  for (const [key, value] of Object.entries({ required: expected.required, filled: expected.filled, attended: 3, late: 0, noShow: 1 })) {
    expect(await totals.getByTestId(`count-${key}`).locator('.numbers-card__count-value').textContent()).toBe(String(value))
  }
  // the test post: 4 places, all filled, 3 attended → 需关注 (yellow) on its row
  const row = principal.getByTestId('post-row').filter({ hasText: '覆盖率测试岗' })
  expect(await row.getAttribute('data-color')).toBe('yellow')
  await row.getByText('需关注', { exact: true }).waitFor()
  // today's bar in the term's daily chart: 75 % high, yellow
  const bar = principal.locator(`[data-testid="chart-bar"][data-key="${localOf((await clock.now()).getTime()).date}"]`)
  expect(await bar.getAttribute('data-rate')).toBe('0.75')
  expect(await bar.evaluate((el) => (el as HTMLElement).style.height)).toBe('75%')
  await shot(principal, 'coverage-03-school-after')
  await principal.getByTestId('daily-chart').scrollIntoViewIfNeeded()
  await shot(principal, 'coverage-04-daily-chart')
})

it('the principal asks the police to assign someone to a gap of the coming days', async () => {
  const gap = principal.getByTestId('gap').first()
  await gap.scrollIntoViewIfNeeded()
  await gap.getByText('请民警指派', { exact: true }).click()
  await principal.getByText('通知民警', { exact: true }).click()
  await principal.getByText('已通知 1 位民警').waitFor()
  await gap.getByText('已通知', { exact: true }).waitFor()
  await shot(principal, 'coverage-05-asked')
})

it('the export downloads a file with the same numbers as the page', async () => {
  const exportButton = principal.getByText('导出 Excel', { exact: true })
  await exportButton.scrollIntoViewIfNeeded()
  const [download] = await Promise.all([principal.waitForEvent('download'), exportButton.click()])
  expect(download.suggestedFilename()).toMatch(/^青云谱区京山小学覆盖率_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/)
  const file = await download.path()
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer)
  const summary = book.getWorksheet('汇总')!.getRow(2).values as unknown[]

  const totals = principal.getByTestId('coverage-totals')
  const count = async (key: string) => Number(await totals.getByTestId(`count-${key}`).locator('.numbers-card__count-value').textContent())
  const onPage = [
    await count('required'),
    await count('filled'),
    await count('attended'),
    await totals.getByTestId('fill-rate').locator('.coverage-rate__value').textContent(),
    await totals.getByTestId('attendance-rate').locator('.coverage-rate__value').textContent(),
    await count('late'),
    await count('noShow'),
    await totals.locator('.numbers-card__head .coverage-tag').textContent(),
  ]
  expect(summary.slice(3, 11)).toEqual(onPage)
  // 警力 (the police places on their own): those of the day's other shifts, none due yet; the page
  // shows them only where the range asks for police
  const police = before.totals.police
  expect(summary.slice(11)).toEqual([police.required, police.filled, 0, 0, '—'])
  expect(await totals.getByTestId('police-coverage').count()).toBe(police.required > 0 ? 1 : 0)
  expect(onPage[4]).toBe('75%')
  expect(onPage[7]).toBe('需关注')
  const posts = book.getWorksheet('按岗点')!
  const testPost = posts.getRows(2, posts.rowCount - 1)!.find((r) => r.getCell(1).value === '覆盖率测试岗')!
  expect((testPost.values as unknown[]).slice(2)).toEqual([4, 4, 3, '100%', '75%', 0, 1, '需关注', 0, 0, 0, 0, '—'])
  await shot(principal, 'coverage-06-exported')
})
