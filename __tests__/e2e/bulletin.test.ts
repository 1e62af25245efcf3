// The city (市局 孙明) in the demo city with its term so far (DEMO_HISTORY on): from 首页 to the
// city's coverage, down to a district, a station's schools and one school; then the bulletin
// (简报) for the term, and its Word file, whose every paragraph and table cell is the API's figures.
import { readFile } from 'node:fs/promises'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import type { Bulletin } from '../../types/bulletin'
import { bulletinReport } from '../../domain/bulletin-report'
import { shot, useServerAndBrowser } from './support/harness'
import { apiAs, settle, signInAs } from './support/flows'

jest.setTimeout(600_000)

const env = useServerAndBrowser({ history: true })
const navTitle = (page: Page, title: string) => page.locator('.taro-navigation-bar-show .taro-navigation-bar-title', { hasText: title })
const navBack = (page: Page) => page.locator('.taro-navigation-bar-back-icon .taro-navigation-bar-back')

let city: Page

it('the city person goes from 首页 to the districts, worst first, and down to a school', async () => {
  city = await signInAs(env.browser, env.server.url, '孙明', 'bulletin-01-city-home')
  await city.getByTestId('coverage-card-area').click()
  await navTitle(city, '片区覆盖率').waitFor()
  await city.getByText('本学期', { exact: true }).first().click()
  const districts = city.getByTestId('group-list')
  await districts.getByTestId('group-row').first().waitFor()
  await expect(districts.getByTestId('group-row').count()).resolves.toBe(2)
  await settle(city)
  await shot(city, 'bulletin-02-city-districts')
  // the worst district first: its stations, then the schools of one station
  await districts.getByTestId('group-row').first().click()
  await city.getByText('各派出所（最差在前）').waitFor()
  await settle(city)
  await shot(city, 'bulletin-03-district-stations')
  await city.getByTestId('group-list').getByTestId('group-row').first().click()
  await city.getByText('各派出所（最差在前）').waitFor({ state: 'detached' })
  const school = city.getByTestId('school-list').getByTestId('school-row').first()
  await school.waitFor()
  await settle(city)
  await shot(city, 'bulletin-04-station-schools')
  await school.click()
  await navTitle(city, '学校覆盖率').waitFor()
  await city
    .getByTestId('attendance-rate')
    .getByText(/\d+(\.\d)?%/)
    .waitFor()
  await settle(city)
  await shot(city, 'bulletin-05-school')
  await navBack(city).click()
  await navTitle(city, '片区覆盖率').waitFor()
})

it('opens the bulletin of the term and downloads the Word file, which says what the API says', async () => {
  await city.getByTestId('open-bulletin').click()
  await navTitle(city, '校园安全简报').waitFor()
  const head = city.getByTestId('bulletin-head')
  await head.getByText('全市校园安全工作简报').waitFor()
  await settle(city)
  await shot(city, 'bulletin-06-screen')
  await city.getByTestId('bulletin-section').nth(3).scrollIntoViewIfNeeded()
  await shot(city, 'bulletin-07-drills')

  const [download] = await Promise.all([city.waitForEvent('download'), city.getByText('下载 Word 简报').click()])
  expect(download.suggestedFilename()).toMatch(/^全市校园安全工作简报_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.docx$/)
  const xml = await (await JSZip.loadAsync(await readFile((await download.path())!))).file('word/document.xml')!.async('string')
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join('')
      .replace(/&amp;/g, '&'),
  )
  const [from, to] = download.suggestedFilename().match(/\d{4}-\d{2}-\d{2}/g)!
  const api = await apiAs(env.server.url, '孙明')
  const b = await api.call<Bulletin>('GET', `/api/bulletin?from=${from}&to=${to}&level=city`)
  // the demo term has figures in every section
  expect(b.posts.schools.current).toBe(6)
  expect(b.people.total.current).toBeGreaterThan(10)
  expect(b.people.byKind.find((k) => k.kind === 'society')!.people.current).toBeGreaterThan(0)
  expect(b.drills.held.current).toBeGreaterThan(0)
  expect(b.education.held.current).toBeGreaterThan(0)
  expect(b.hazards.byLocation.find((h) => h.kind === 'inside')!.reported.current).toBeGreaterThan(0)
  const report = bulletinReport(b)
  expect(paragraphs).toContain(report.title)
  for (const s of report.sections) {
    for (const p of s.paragraphs) expect(paragraphs).toContain(p)
    for (const table of s.tables) for (const row of table.rows) for (const cell of row) if (cell) expect(paragraphs).toContain(cell)
  }
  // and the screen printed the same paragraphs
  const screen = await city.getByTestId('bulletin-section').allInnerTexts()
  for (const s of report.sections) for (const p of s.paragraphs) expect(screen.join('\n')).toContain(p)
})
