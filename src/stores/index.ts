// The app's one RootStore, over the real HTTP client and Taro storage.
import { createApi } from '@/services/api'
import { Http, apiBaseUrl } from '@/services/http'
import { createLiveConnection } from '@/services/live'
import { taroDutyDevice } from '@/services/device'
import { taroConsentStorage, taroTokenStorage } from '@/services/token-storage'
import { RootStore } from './root-store'

export function createRootStore(): RootStore {
  const http = new Http({ baseUrl: apiBaseUrl(), tokens: taroTokenStorage })
  const root = new RootStore(createApi(http), taroTokenStorage, taroDutyDevice(), taroConsentStorage, { live: createLiveConnection() })
  // A 401 anywhere means the session is gone: sign out so pages send the person to log in.
  http.onUnauthorized(() => root.auth.clearSession())
  return root
}

export { RootStore } from './root-store'
export { StoresProvider, useStores } from './context'
