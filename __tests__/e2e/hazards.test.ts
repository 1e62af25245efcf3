// The hazards issue in a real browser: a volunteer reports a hazard with a photo at the school
// gate; a second volunteer nearby is offered "我也遇到了" and uses it; the police officer accepts
// it and hands it to the school; the principal records the rectification with a photo; the
// police officer closes it; the reporter sees the whole timeline. Screenshots per step.
import type { Page } from 'playwright-core'
import { shot, useServerAndBrowser } from './support/harness'
import { moveTo, openTab, overlay, photoFile, settle, signInAs } from './support/flows'

jest.setTimeout(180_000)

const env = useServerAndBrowser()

// GCJ-02, by 京山小学's south gate (南门（京山北路） is at 28.63972, 115.91741)
const BY_THE_GATE = { lat: 28.63968, lng: 115.91752 }
const A_FEW_METRES_ON = { lat: 28.63975, lng: 115.9176 }

let reporter: Page
let neighbour: Page
let police: Page
let principal: Page
let hazardUrl: string

async function statusIs(page: Page, label: string) {
  await page.locator('.detail__tags').getByText(label, { exact: true }).waitFor()
}

it('a volunteer reports a hazard with a photo at the gate; the form says who can see the reporter', async () => {
  reporter = await signInAs(env.browser, env.server.url, '王芳')
  await moveTo(reporter, BY_THE_GATE)
  await openTab(reporter, '上报')
  await reporter.getByText('上报人信息仅民警和管理员可见', { exact: false }).waitFor()
  await reporter.getByTestId('category-chips').getByText('交通秩序', { exact: true }).click()
  // severity proposed by the category
  await reporter.locator('.report__hint', { hasText: '按类别建议「一般」' }).waitFor()
  await reporter.locator('.report__description textarea').fill('放学时段南门人行道上停满私家车，孩子只能走机动车道')
  await reporter.getByTestId('photo-input').setInputFiles(await photoFile('gate.jpg', { r: 200, g: 80, b: 40 }))
  await reporter.locator('[data-testid="photo-draft"][data-state="done"]').waitFor()
  // the position is asked for only from a tap, with the reason next to the button
  await reporter.getByText('上报要记录隐患的位置：点「获取当前位置」', { exact: false }).waitFor()
  await reporter.getByTestId('report-location').scrollIntoViewIfNeeded()
  await shot(reporter, 'hazards-00-before-locating')
  await reporter.getByText('获取当前位置', { exact: true }).click()
  await reporter
    .getByTestId('report-school')
    .getByText(/青云谱区京山小学/)
    .waitFor()
  await shot(reporter, 'hazards-01-report-form')

  await reporter.getByText('提交上报', { exact: true }).click()
  await reporter.getByText('已上报，等待民警受理').waitFor()
  await settle(reporter)
  await shot(reporter, 'hazards-02-reported')
})

it('a second volunteer a few metres away is offered "我也遇到了" instead of a duplicate, and uses it', async () => {
  neighbour = await signInAs(env.browser, env.server.url, '张伟')
  await moveTo(neighbour, A_FEW_METRES_ON)
  await openTab(neighbour, '上报')
  await neighbour.getByTestId('category-chips').getByText('交通秩序', { exact: true }).click()
  await neighbour.locator('.report__description textarea').fill('南门门口车辆乱停')
  // no position yet: the tap on 提交上报 is the one that locates
  await neighbour.getByText('提交上报', { exact: true }).click()
  await neighbour.getByTestId('report-school').waitFor()

  const offer = neighbour.getByTestId('nearby-offer')
  await offer.waitFor()
  await offer.getByText('放学时段南门人行道上停满私家车', { exact: false }).waitFor()
  await shot(neighbour, 'hazards-03-nearby-offer')
  await offer.getByText('我也遇到了', { exact: true }).click()
  await neighbour.getByText('已记录「我也遇到了」').waitFor()
  await shot(neighbour, 'hazards-04-confirmed')

  // trying again at the same place, the report is offered as already confirmed, not a second time
  await neighbour.getByText('继续上报', { exact: true }).click()
  await neighbour.getByTestId('category-chips').getByText('交通秩序', { exact: true }).click()
  await neighbour.locator('.report__description textarea').fill('南门门口车辆乱停')
  await neighbour.getByTestId('report-school').waitFor()
  await neighbour.getByText('提交上报', { exact: true }).click()
  const again = neighbour.getByTestId('nearby-offer')
  await again.getByText('你已反映过', { exact: true }).waitFor()
  await again.getByText(/你已经上报或反映过，民警会跟进处理/).waitFor()
  await expect(again.getByText('我也遇到了', { exact: true }).count()).resolves.toBe(0)
  await settle(neighbour)
  await shot(neighbour, 'hazards-04b-already-confirmed')
  await overlay(neighbour).locator('.nut-popup-title-right').click()
  await again.waitFor({ state: 'hidden' })

  // it shows on their own list, without a second report
  await neighbour.getByText('我的上报', { exact: true }).click()
  await neighbour.getByTestId('hazard-card').first().getByText('1 人也遇到了').waitFor()
  await expect(neighbour.getByTestId('hazard-card').count()).resolves.toBe(1)
})

it('the police officer finds it first in the queue, accepts it and hands it to the school', async () => {
  police = await signInAs(env.browser, env.server.url, '陈志强')
  const shortcut = police.getByTestId('hazard-shortcut-queue')
  await shortcut.getByText('待受理 1').waitFor()
  await shortcut.scrollIntoViewIfNeeded()
  await shot(police, 'hazards-05-police-home')
  await shortcut.click()
  const card = police.getByTestId('hazard-card').first()
  await card.getByText('上报人 王芳').waitFor() // the police see who reported
  await card.getByText('1 人也遇到了').waitFor()
  await shot(police, 'hazards-06-queue')
  await card.click()
  await statusIs(police, '待受理')
  hazardUrl = police.url()
  expect(hazardUrl).toContain('hazardId=')

  await police.getByTestId('hazard-actions').getByText('受理', { exact: true }).click()
  await overlay(police).locator('.nut-dialog-footer-ok').click()
  await statusIs(police, '已受理')

  await police.getByTestId('hazard-actions').getByText('交办', { exact: true }).click()
  const form = police.getByTestId('assign-form')
  await form.getByTestId('department-chips').getByText('学校', { exact: true }).waitFor()
  // the default deadline from the severity (一般: 3 days) is shown
  await expect(form.getByTestId('assign-deadline').innerText()).resolves.toMatch(/\d{2}-\d{2} \d{2}:\d{2}/)
  await form.locator('textarea').fill('请学校协调家长车辆，放学时段安排保安疏导')
  await shot(police, 'hazards-07-assign')
  await form.getByText('确认交办', { exact: true }).click()
  await statusIs(police, '已交办')
  await police.locator('.detail__fact-value', { hasText: '学校（黄丽萍）' }).waitFor()
  await settle(police)
  await shot(police, 'hazards-08-assigned')
})

it('the principal records the rectification with a photo', async () => {
  principal = await signInAs(env.browser, env.server.url, '黄丽萍')
  const shortcut = principal.getByTestId('hazard-shortcut-assigned')
  await shortcut.getByText('待整改 1').waitFor()
  await shortcut.click()
  await principal.getByTestId('hazard-card').first().click()
  await statusIs(principal, '已交办')
  // a principal sees the report but not who filed it
  await principal.getByText('匿名（仅民警和管理员可见）').waitFor()
  await expect(principal.getByText('王芳').count()).resolves.toBe(0)

  await principal.getByTestId('hazard-actions').getByText('整改完成', { exact: true }).click()
  const form = principal.getByTestId('resolve-form')
  await form.locator('textarea').fill('已在南门设置隔离栏，放学时段保安专人疏导车辆')
  await form.getByTestId('photo-input').setInputFiles(await photoFile('fixed.jpg', { r: 40, g: 160, b: 90 }))
  await form.locator('[data-testid="photo-draft"][data-state="done"]').waitFor()
  await shot(principal, 'hazards-09-resolve')
  await form.getByText('提交整改', { exact: true }).click()
  await statusIs(principal, '已整改')
  await settle(principal)
  await shot(principal, 'hazards-10-resolved')
})

it('the police officer verifies and closes it (销号), and exports the ledger', async () => {
  await police.goto(hazardUrl)
  await police.reload()
  await statusIs(police, '已整改')
  await police.getByTestId('hazard-actions').getByText('销号', { exact: true }).click()
  await overlay(police).locator('.nut-dialog-footer-ok').click()
  await statusIs(police, '已销号')
  await settle(police)
  await shot(police, 'hazards-11-closed')

  await police.goto(`${env.server.url}/#/packages/hazards/pages/queue/index`)
  const ledger = police.getByTestId('ledger-export')
  await ledger.waitFor()
  const [download] = await Promise.all([police.waitForEvent('download'), ledger.getByText('导出台账', { exact: true }).click()])
  expect(download.suggestedFilename()).toMatch(/^京山派出所隐患台账_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/)
  await shot(police, 'hazards-12-ledger')
})

it('the reporter sees the whole timeline', async () => {
  await reporter.goto(`${env.server.url}/#/pages/report/index`)
  await reporter.reload()
  await reporter.getByText('我的上报', { exact: true }).click()
  const card = reporter.getByTestId('hazard-card').first()
  await card.getByText('已销号').waitFor()
  await card.click()
  await statusIs(reporter, '已销号')

  const events = reporter.getByTestId('hazard-event')
  await expect(events.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).resolves.toEqual(['close', 'resolve', 'assign', 'accept', 'confirm', 'report'])
  const timeline = reporter.getByTestId('hazard-timeline')
  await timeline.getByText('其他成员').waitFor() // the neighbour stays anonymous to the reporter
  await timeline.getByText('已在南门设置隔离栏，放学时段保安专人疏导车辆').waitFor()
  await timeline.getByText(/交办学校，期限 .*；请学校协调家长车辆/).waitFor()
  await expect(timeline.getByText('张伟').count()).resolves.toBe(0)
  // the report's photo and the rectification photo
  await expect(timeline.getByTestId('hazard-photo').count()).resolves.toBe(2)
  await timeline.scrollIntoViewIfNeeded()
  // both thumbnails arrive (signed links the reporter may open), not grey tiles
  await reporter.waitForFunction(() => {
    const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="hazard-timeline"] [data-testid="hazard-photo"] img'))
    return imgs.length === 2 && imgs.every((img) => img.complete && img.naturalWidth > 0)
  })
  await shot(reporter, 'hazards-13-timeline')
})
