// The unread badge on the 通知 tab (DESIGN.md §5: the tab-bar badge for unread notices).
// WeChat refuses it while a non-tab page is on top ("not TabBar page"), e.g. right after a login
// that is about to switch to 首页: a refused count is tried again a few times, and tab pages show
// it again when they come to the front.
import Taro from '@tarojs/taro'

/** Index of 通知 in app.config.ts's tabBar.list. */
export const NOTICES_TAB_INDEX = 3

export type TabBadge = (count: number) => void

const RETRY_MS = 1500
const RETRIES = 4
let latest = 0
let retryTimer: ReturnType<typeof setTimeout> | null = null

function request(count: number): Promise<unknown> {
  try {
    return Promise.resolve(
      count > 0 ? Taro.setTabBarBadge({ index: NOTICES_TAB_INDEX, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index: NOTICES_TAB_INDEX }),
    )
  } catch {
    // a platform without a tab bar API: nothing to show the count on, nothing to retry
    return Promise.resolve()
  }
}

function show(count: number, retriesLeft: number): void {
  void request(count).catch(() => {
    if (retriesLeft <= 0 || count !== latest) return
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = setTimeout(() => {
      retryTimer = null
      if (count === latest) show(count, retriesLeft - 1)
    }, RETRY_MS)
  })
}

export const taroNoticesBadge: TabBadge = (count) => {
  latest = count
  show(count, RETRIES)
}
