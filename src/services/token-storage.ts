import Taro from '@tarojs/taro'

/** Where the session token lives between launches. */
export interface TokenStorage {
  get(): string | null
  set(token: string): void
  clear(): void
}

const KEY = 'hxg.session.token'

export const taroTokenStorage: TokenStorage = {
  get() {
    try {
      const value = Taro.getStorageSync(KEY)
      return typeof value === 'string' && value ? value : null
    } catch {
      return null
    }
  },
  set(token) {
    Taro.setStorageSync(KEY, token)
  },
  clear() {
    Taro.removeStorageSync(KEY)
  },
}

/** For tests and for places without storage. */
export function memoryTokenStorage(initial: string | null = null): TokenStorage {
  let token = initial
  return {
    get: () => token,
    set: (t) => {
      token = t
    },
    clear: () => {
      token = null
    },
  }
}
