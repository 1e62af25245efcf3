// The foundation issue in a real browser: a newcomer joins a school with an invite code, the
// principal approves, the newcomer sees it. Each step leaves a screenshot in test-artifacts/e2e.
import type { Page } from 'playwright-core'
import { shot, useServerAndBrowser } from './support/harness'
import { openTab, signInAs } from './support/flows'

jest.setTimeout(120_000)

const env = useServerAndBrowser()

let principal: Page
let newcomer: Page
let code: string

it('the principal creates a volunteer invite code', async () => {
  principal = await signInAs(env.browser, env.server.url, '黄丽萍', 'foundation-01-principal-home')
  await principal.getByText('邀请码', { exact: true }).first().click()
  await shot(principal, 'foundation-02-invite-form')
  await principal.getByText('创建邀请码').first().click()
  const codeEl = principal.locator('.invite__code').first()
  await codeEl.waitFor()
  code = (await codeEl.innerText()).replace(/\s/g, '')
  expect(code).toMatch(/^[A-Z2-9]{8}$/)
  await shot(principal, 'foundation-03-invite-created')
})

it('a newcomer joins with the code and waits for approval', async () => {
  newcomer = await signInAs(env.browser, env.server.url, '林小雨', 'foundation-04-newcomer-home')
  await openTab(newcomer, '我的')
  await newcomer.getByText('加入学校（邀请码）').click()
  await newcomer.locator('input[placeholder*="请输入邀请码"]').fill(code)
  await newcomer.getByText('青云谱区京山小学').first().waitFor()
  await newcomer.locator('input[placeholder*="王芳"]').fill('林小雨（一年级三班 林朵朵妈妈）')
  await shot(newcomer, 'foundation-05-join-form')
  await newcomer.getByText('提交申请').click()
  await newcomer.getByText('查看我的申请').click()
  await newcomer.getByText('待审核').first().waitFor()
  await shot(newcomer, 'foundation-06-pending')
})

it('the principal sees the request and approves it', async () => {
  await principal.goto(`${env.server.url}/#/packages/manage/pages/members/index`)
  const card = principal.locator('.member', { hasText: '林小雨' })
  await card.waitFor()
  await shot(principal, 'foundation-07-review')
  await card.getByText('通过', { exact: true }).click()
  await principal.locator('.member', { hasText: '林小雨' }).waitFor({ state: 'detached' })
  await shot(principal, 'foundation-08-approved')
})

it('the newcomer sees that they were approved', async () => {
  await newcomer.goto(`${env.server.url}/#/pages/me/index`)
  await newcomer.reload()
  await newcomer.getByText('已通过').first().waitFor()
  await expect(newcomer.getByText('待审核').count()).resolves.toBe(0)
  await shot(newcomer, 'foundation-09-approved-on-me')
})
