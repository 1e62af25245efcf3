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

/**
 * Whether the person agreed to the 用户服务协议 and 隐私政策 on this phone (the login page's box).
 * Until then nothing is sent to the server that could create an account (DESIGN.md §5).
 */
export interface ConsentStorage {
  given(): boolean
  give(): void
}

const CONSENT_KEY = 'hxg.consent'

export const taroConsentStorage: ConsentStorage = {
  given() {
    try {
      return Taro.getStorageSync(CONSENT_KEY) === 1
    } catch {
      return false
    }
  },
  give() {
    Taro.setStorageSync(CONSENT_KEY, 1)
  },
}

export function memoryConsentStorage(initial = false): ConsentStorage {
  let given = initial
  return {
    given: () => given,
    give: () => {
      given = true
    },
  }
}
