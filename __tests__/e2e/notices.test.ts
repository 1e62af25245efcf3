// The notices issue in a real browser: the police officer publishes a training with RSVP to
// 京山小学's volunteers; a volunteer sees the badge, reads, acknowledges and joins; the officer
// sees the counts change and reminds the others; at the training's place and time the volunteer
// checks in and counts as attended. Screenshots per step in test-artifacts/e2e.
//
// Attendance opens 30 minutes before a training starts (server clock): the training is set to
// start at the picker's first time (the next 5 minutes) and to end an hour later, so check-in is
// open while the test runs.
import type { Page } from 'playwright-core'
import { shot, useServerAndBrowser } from './support/harness'
import { dialog, moveTo, openTab, settle, signInAs } from './support/flows'

jest.setTimeout(240_000)

const env = useServerAndBrowser()

const TITLE = '护学岗志愿者交通疏导培训'
// GCJ-02: the training is at 京山小学 (the school's own point); the volunteer stands ~15 m away
const AT_THE_TRAINING = { lat: 28.6403, lng: 115.91745 }
const FAR_AWAY = { lat: 28.6635, lng: 115.9018 } // 站前路, about 3 km off

let police: Page
let volunteer: Page
let detailUrl: string

/** The unread badge on the 通知 tab (4th item). */
const noticesBadge = (page: Page) => page.locator('.taro-tabbar__tabbar a').nth(3).locator('.taro-tabbar-badge')

it('the police officer writes a training for 京山小学’s volunteers, with RSVP, and publishes it', async () => {
  police = await signInAs(env.browser, env.server.url, '陈志强')
  await openTab(police, '通知')
  await police.getByText('还没有发布过通知').waitFor()
  await shot(police, 'notices-01-police-tab')

  await police.getByText('写通知', { exact: true }).click()
  await police.getByTestId('notice-type').getByText('培训', { exact: true }).click()
  await police.locator('input[placeholder*="护学岗交通疏导培训"]').fill(TITLE)
  await police.locator('textarea[placeholder*="通知内容"]').fill('请报名参加，培训开始前 30 分钟起可在报告厅现场签到。')
  // start: the picker opens at the next 5 minutes; the end follows an hour later
  await police.getByTestId('event-start').locator('.picker-field__value').click()
  await police.getByText('确认', { exact: true }).click()
  await police
    .getByTestId('event-end')
    .getByText(/\d\d:\d\d/)
    .waitFor()
  await police.locator('input[placeholder*="京山小学报告厅"]').fill('京山小学报告厅')
  await police.getByTestId('school-places').getByText('青云谱区京山小学', { exact: true }).click()
  await police.getByText('签到位置：青云谱区京山小学').waitFor()
  // only 京山小学, only volunteers (the default role)
  await police.getByTestId('audience-field').getByText('青云谱区实验学校', { exact: true }).click()
  await shot(police, 'notices-02-compose')

  await police.getByText('发布', { exact: true }).click()
  await dialog(police)
    .getByText(/青云谱区京山小学 · 家长志愿者 会马上收到通知/)
    .waitFor()
  await shot(police, 'notices-03-publish-confirm')
  await dialog(police).getByText('发布', { exact: true }).click()
  await police.getByText('回执统计', { exact: true }).waitFor()
  await police.locator('.notice-detail__title', { hasText: TITLE }).waitFor()
  detailUrl = police.url()
  expect(detailUrl).toContain('/packages/notices/pages/detail/index?noticeId=')
  await settle(police)
  await shot(police, 'notices-04-published')
})

it('a volunteer sees the badge, opens the notice (read), acknowledges and joins', async () => {
  volunteer = await signInAs(env.browser, env.server.url, '王芳')
  await expect(noticesBadge(volunteer).innerText()).resolves.toBe('1')
  await shot(volunteer, 'notices-05-volunteer-badge')

  await openTab(volunteer, '通知')
  const card = volunteer.getByTestId('notice-card').filter({ hasText: TITLE })
  await card.locator('[data-testid="unread-dot"]').waitFor()
  await card.getByText('培训', { exact: true }).waitFor()
  await card.getByText('待确认', { exact: true }).waitFor()
  await shot(volunteer, 'notices-06-inbox')

  await card.click()
  await volunteer.locator('.notice-detail__title', { hasText: TITLE }).waitFor()
  await volunteer.getByTestId('rsvp-count').getByText('已报名 0/30').waitFor()
  await settle(volunteer)
  await shot(volunteer, 'notices-07-detail')
  await volunteer.getByText('确认收到', { exact: true }).click()
  await volunteer.getByText(/已确认收到 ·/).waitFor()
  await volunteer.getByText('报名参加', { exact: true }).click()
  await volunteer.getByTestId('rsvp-mine').getByText('你已报名参加').waitFor()
  await volunteer.getByTestId('rsvp-count').getByText('已报名 1/30').waitFor()
  await shot(volunteer, 'notices-08-acknowledged-joined')

  // back on the tab: read, acknowledged, joined; the badge is gone
  await volunteer.goBack()
  await card.getByText('已报名', { exact: true }).waitFor()
  await expect(card.locator('[data-testid="unread-dot"]').count()).resolves.toBe(0)
  await noticesBadge(volunteer).waitFor({ state: 'detached' })
  await settle(volunteer)
  await shot(volunteer, 'notices-09-inbox-read')
})

it('the officer sees the counts change, who has not acknowledged, and reminds them (then must wait)', async () => {
  await police.getByText('回执统计', { exact: true }).click()
  await police.getByTestId('total-read').getByText('1/3').waitFor()
  await police.getByTestId('total-acked').getByText('1/3').waitFor()
  await police.getByTestId('total-joined').getByText('1/30').waitFor()
  const waiting = police.getByTestId('not-acknowledged')
  await waiting.getByText('张伟', { exact: true }).waitFor()
  await waiting.getByText('刘洋', { exact: true }).waitFor()
  await expect(waiting.getByText('王芳', { exact: true }).count()).resolves.toBe(0)
  await settle(police)
  await shot(police, 'notices-10-stats')

  await police.getByText('再次提醒', { exact: true }).click()
  await dialog(police)
    .getByText(/将通过微信提醒 2 位/)
    .waitFor()
  await dialog(police).getByText('提醒', { exact: true }).click()
  await police.getByTestId('remind-block').getByText('已提醒 1/3 次').waitFor()
  await police
    .getByTestId('remind-reason')
    .getByText(/5 分钟内只能提醒一次，\d\d:\d\d 后可再次提醒/)
    .waitFor()
  await expect(police.getByTestId('remind-block').locator('.nut-button').getAttribute('class')).resolves.toContain('disabled')
  await shot(police, 'notices-11-reminded')
})

it('at the training, the volunteer checks in (refused from 3 km away) and counts as attended', async () => {
  await moveTo(volunteer, FAR_AWAY)
  await volunteer.goto(detailUrl)
  const attendance = volunteer.getByTestId('attendance-block')
  await attendance.getByText('现场签到', { exact: true }).last().click()
  await volunteer.getByText(/你距活动地点约 .* 公里，不在签到范围/).waitFor()
  await shot(volunteer, 'notices-12-too-far')

  await moveTo(volunteer, AT_THE_TRAINING)
  await attendance.getByText('现场签到', { exact: true }).last().click()
  await attendance.getByTestId('attended').waitFor()
  await shot(volunteer, 'notices-13-attended')

  await police.reload()
  await police.getByTestId('total-attended').getByText('1', { exact: true }).waitFor()
  await police.getByTestId('stats-row-volunteer').locator('[data-col="attended"]').getByText('1', { exact: true }).waitFor()
  await settle(police)
  await shot(police, 'notices-14-stats-attended')
})
