import Taro from '@tarojs/taro'
import { ROUTES, TAB_ROUTES } from './routes'

let lastLoginRedirect = 0

/**
 * Sends a signed-out person to the login page, once (several tab pages may be alive and ask at
 * the same moment). `back` is where to return after logging in.
 */
export function goToLogin(back?: string): void {
  const now = Date.now()
  if (now - lastLoginRedirect < 1500) return
  lastLoginRedirect = now
  const url = back ? `${ROUTES.login}?redirect=${encodeURIComponent(back)}` : ROUTES.login
  void Taro.reLaunch({ url })
}

/** After logging in: back to the page that sent the person, or 首页. */
export function goAfterLogin(redirect?: string): void {
  const target = redirect ? decodeURIComponent(redirect) : ROUTES.home
  const path = target.split('?')[0]
  if (TAB_ROUTES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.redirectTo({ url: target })
}

/**
 * From a page opened on top (join, my shifts) to a tab page. Taro's H5 router shows a tab page
 * kept under the current page while it unloads that page, and can leave the tab hidden (a blank
 * 我的 after 查看我的申请, seen in an e2e run under load); reLaunch closes the pages on top and
 * opens the tab afresh, in the browser and on WeChat alike. Stores keep their data.
 */
export function backToTab(url: string): void {
  void Taro.reLaunch({ url })
}

export function openPage(url: string): void {
  void Taro.navigateTo({ url })
}
