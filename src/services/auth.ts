import type { DemoPerson, ListResponse, LoginResponse } from '@/types/api'
import type { Http } from './http'

export function createAuthService(http: Http) {
  return {
    /** Exchanges a Taro.login code; the session_key stays on the server. */
    wechat: (code: string) => http.post<LoginResponse>('/api/auth/wechat', { code }),
    /** 200 only when the server runs in demo mode (404 otherwise). */
    demoPeople: () => http.get<ListResponse<DemoPerson>>('/api/auth/demo-people').then((r) => r.items),
    demoLogin: (personId: string) => http.post<LoginResponse>('/api/auth/demo-login', { personId }),
    logout: () => http.post<null>('/api/auth/logout'),
  }
}

export type AuthService = ReturnType<typeof createAuthService>
