// Steps people take in every e2e test, written once.
import type { Browser, Page } from 'playwright-core'
import { phone, shot } from './harness'

/** Opens the app as a new phone and signs in as a demo person from the login screen. */
export async function signInAs(browser: Browser, baseUrl: string, name: string, shotName?: string): Promise<Page> {
  const context = await phone(browser)
  const page = await context.newPage()
  await page.goto(`${baseUrl}/#/packages/account/pages/login/index`)
  await page.getByText(name, { exact: true }).first().click()
  // tapping a person before ticking the consent box asks for consent first
  await page.getByText('同意并登录').click()
  await page.locator('.taro-tabbar__tabbar').waitFor()
  if (shotName) await shot(page, shotName)
  return page
}

export async function openTab(page: Page, tab: '首页' | '值守' | '上报' | '通知' | '我的'): Promise<void> {
  await page.locator('.taro-tabbar__tabbar').getByText(tab, { exact: true }).click()
}
