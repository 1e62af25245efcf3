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

export function openPage(url: string): void {
  void Taro.navigateTo({ url })
}
