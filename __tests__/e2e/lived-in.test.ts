// As people use it, in the demo city with its term so far (DEMO_HISTORY on): a principal's term
// view reads 到岗率 and charts; a second visit to 成员审核 shows an application that arrived
// meanwhile; pages above a tab have a title and 返回; the 通知 badge appears while the
// volunteer's app stays open; a newcomer's 通知 tab explains instead of failing.
import type { Page } from 'playwright-core'
import type { Me } from '../../types/api'
import type { Invite } from '../../types/org'
import type { Notice } from '../../types/notices'
import { shot, useServerAndBrowser } from './support/harness'
import { apiAs, openTab, settle, signInAs, visible, waitForDisplayedPage } from './support/flows'

jest.setTimeout(720_000)

const env = useServerAndBrowser({ history: true })

/** The unread badge on the 通知 tab (4th item). */
const noticesBadge = (page: Page) => page.locator('.taro-tabbar__tabbar a').nth(3).locator('.taro-tabbar-badge')
/** Taro's H5 navigation bar: the page title, and 返回 on pages above a tab. */
const navTitle = (page: Page, title: string) => page.locator('.taro-navigation-bar-show .taro-navigation-bar-title', { hasText: title })
const navBack = (page: Page) => page.locator('.taro-navigation-bar-back-icon .taro-navigation-bar-back')
const MEMBERS = '/packages/manage/pages/members/index'

let principal: Page
let schoolId: string

it('a principal’s term view shows 到岗率 with a value and the daily chart, from the term so far', async () => {
  principal = await signInAs(env.browser, env.server.url, '黄丽萍', 'lived-01-principal-home')
  const me = await (await apiAs(env.server.url, '黄丽萍')).call<Me>('GET', '/api/me')
  schoolId = (me.memberships.find((m) => m.role === 'principal')!.scope as { schoolId: string }).schoolId
  await principal.getByTestId('coverage-card-school').click()
  await principal.getByText('本学期', { exact: true }).first().click()
  await navTitle(principal, '学校覆盖率').waitFor()
  const rate = principal.getByTestId('attendance-rate')
  await rate.getByText(/\d+(\.\d)?%/).waitFor()
  // a past full of shifts: the daily chart has bars with heights, not the empty hint
  const bars = principal.getByTestId('daily-bars')
  await bars.waitFor()
  await expect(principal.getByText('本学期还没有结束的班次').count()).resolves.toBe(0)
  await expect(principal.getByTestId('top-volunteers').getByText(/小时/).count()).resolves.toBeGreaterThan(0)
  await shot(principal, 'lived-02-term-coverage')
  await principal.getByTestId('daily-chart').scrollIntoViewIfNeeded()
  await shot(principal, 'lived-03-term-chart')
  // 返回 in the navigation bar goes back to 首页
  await navBack(principal).click()
  await principal.getByTestId('coverage-card-school').waitFor()
})

it('成员审核 opened again shows an application that arrived meanwhile', async () => {
  // the page under test may still have a hidden copy in the DOM (a tab page, a page closing): act on the visible one
  await visible(principal, '.home__shortcut-title', /^成员审核$/).click()
  await navTitle(principal, '成员审核').waitFor()
  // the members page is the one on screen (not 首页 under a title that says 成员审核)
  await waitForDisplayedPage(principal, MEMBERS, '.member', '陈静')
  const pending = visible(principal, '.member', '陈静')
  await shot(principal, 'lived-04-members-first-visit')
  await pending.getByText('通过', { exact: true }).click()
  await visible(principal, '.member', '陈静').waitFor({ state: 'detached' })
  await principal.getByText('没有待审核的申请').waitFor()
  // as a person would: once the toast and the list's change have finished (a 返回 tapped during
  // them left 首页 hidden under Taro's H5 router in one run of four)
  await settle(principal)
  await navBack(principal).click()
  await principal.getByTestId('coverage-card-school').waitFor()

  // meanwhile a newcomer applies with an invite code
  const head = await apiAs(env.server.url, '黄丽萍')
  const invite = await head.call<Invite>('POST', '/api/invites', { schoolId, role: 'volunteer', validDays: 7, maxUses: 5 })
  const newcomer = await apiAs(env.server.url, '林小雨')
  await newcomer.call('POST', '/api/memberships/join', { code: invite.code, name: '林小雨（一年级三班 林朵朵妈妈）' })

  await settle(principal)
  await visible(principal, '.home__shortcut-title', /^成员审核$/).click()
  await navTitle(principal, '成员审核').waitFor()
  // the page on screen is the members page, and it shows the application that arrived meanwhile
  await waitForDisplayedPage(principal, MEMBERS, '.member', '林小雨')
  // while the page opens, the copy closed a moment ago stays in the DOM for up to a second (Taro's
  // H5 router): the application shows, once
  await principal.waitForFunction(
    () => Array.from(document.querySelectorAll('.member')).filter((m) => (m as HTMLElement).offsetParent !== null && m.textContent?.includes('林小雨')).length === 1,
    undefined,
    { timeout: 10_000 },
  )
  await settle(principal)
  await shot(principal, 'lived-05-members-second-visit')
})

it('the 通知 badge appears while the volunteer’s app stays open after the police publish a notice', async () => {
  const volunteer = await signInAs(env.browser, env.server.url, '王芳')
  // the term's notices: some may still be unread
  await settle(volunteer)
  const before = (await noticesBadge(volunteer).count()) ? Number(await noticesBadge(volunteer).innerText()) : 0
  await shot(volunteer, 'lived-06-volunteer-before')

  const police = await apiAs(env.server.url, '陈志强')
  const notice = await police.call<Notice>('POST', '/api/notices', {
    type: 'general',
    title: '明早南门临时封闭，请改到东门值守',
    body: '南门管道抢修，明早 7:00–9:00 封闭，值守人员请到东门（接送区）。',
    eventAt: null,
    eventEndAt: null,
    place: null,
    location: null,
    audience: { schoolIds: [schoolId], roles: ['volunteer'] },
    ackRequired: true,
    rsvpCapacity: null,
    rsvpDeadline: null,
    attachmentIds: [],
  })
  await police.call('POST', `/api/notices/${notice.id}/publish`, {})

  // no reload, no tab change: the app asks again while open (every 15 s)
  await volunteer.waitForFunction(
    ([expected]) => {
      const badge = document.querySelectorAll('.taro-tabbar__tabbar a')[3]?.querySelector('.taro-tabbar-badge')
      return badge?.textContent?.trim() === expected
    },
    [String(before + 1)],
    { timeout: 25_000 },
  )
  await shot(volunteer, 'lived-07-volunteer-badge')
})

it('a newcomer’s 通知 tab explains what notices are and how to join, and asks nothing that must fail', async () => {
  const failed: string[] = []
  const newcomer = await signInAs(env.browser, env.server.url, '高雅')
  newcomer.on('response', (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) failed.push(`${res.status()} ${res.url()}`)
  })
  await openTab(newcomer, '通知')
  await newcomer.getByText('加入学校后接收通知').filter({ visible: true }).waitFor()
  await newcomer.getByText('用邀请码加入学校').filter({ visible: true }).waitFor()
  await expect(newcomer.getByText('加载失败').count()).resolves.toBe(0)
  await settle(newcomer)
  expect(failed).toEqual([])
  await shot(newcomer, 'lived-08-newcomer-notices')
})
