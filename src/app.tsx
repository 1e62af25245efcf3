// The App: providers (stores, NutUI zh-CN), WeChat's privacy listener, and the login bootstrap.
import Taro, { useDidHide, useDidShow, useLaunch } from '@tarojs/taro'
import { ConfigProvider } from '@nutui/nutui-react-taro'
import zhCN from '@nutui/nutui-react-taro/dist/es/locales/zh-CN'
import { reaction } from 'mobx'
import type { PropsWithChildren } from 'react'
import { listenForPrivacyRequests } from '@/services/privacy'
import { StoresProvider, createRootStore } from '@/stores'
import '@nutui/icons-react-taro/dist/style_icon.css'
import './app.scss'

const rootStore = createRootStore()

// The unread badge on the 通知 tab: asked for as soon as someone is signed in, then every 15 s
// while the app is in front (stopped in the background, asked again on return: App's
// useDidShow/useDidHide below), and whenever a tab page is shown (useUnreadOnShow).
let appInFront = true
reaction(
  () => rootStore.auth.signedIn,
  (signedIn) => {
    if (signedIn && appInFront) rootStore.notices.inbox.watchUnread()
    else rootStore.notices.inbox.unwatchUnread()
  },
)

if (process.env.TARO_ENV === 'h5') {
  // Taro's H5 tab bar items are <a href="javascript:;">; the server's Content-Security-Policy
  // forbids javascript: URLs and logs an error on every tap. Their click handlers do the work,
  // so the default navigation is dropped (capture phase: the handlers still run).
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null
      if (target?.closest?.('a[href^="javascript:"]')) event.preventDefault()
    },
    true,
  )
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // absent below base library 2.32.3 (and so are WeChat's privacy requests): never a crash at launch
      listenForPrivacyRequests(Taro as unknown as Parameters<typeof listenForPrivacyRequests>[0], (resolve, eventInfo) => rootStore.privacy.request(resolve, eventInfo))
      // asks WeChat for a code only if the person consented on this phone before (AuthStore)
      void rootStore.auth.bootstrap(async () => (await Taro.login()).code)
    } else {
      void rootStore.auth.bootstrap()
    }
  })

  useDidShow(() => {
    appInFront = true
    if (rootStore.auth.signedIn) rootStore.notices.inbox.watchUnread()
  })
  useDidHide(() => {
    appInFront = false
    rootStore.notices.inbox.unwatchUnread()
  })

  return (
    <StoresProvider store={rootStore}>
      <ConfigProvider locale={zhCN}>{children}</ConfigProvider>
    </StoresProvider>
  )
}

export default App
