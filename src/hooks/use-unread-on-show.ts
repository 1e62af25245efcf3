import { useDidShow } from '@tarojs/taro'
import { useStores } from '@/stores'

/** For tab pages: the 通知 badge is asked for again each time a tab is shown. */
export function useUnreadOnShow(): void {
  const { auth, notices } = useStores()
  useDidShow(() => {
    if (auth.signedIn) void notices.inbox.refreshUnread()
  })
}
