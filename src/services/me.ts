import type { Me } from '@/types/api'
import type { Http } from './http'

export function createMeService(http: Http) {
  return {
    get: () => http.get<Me>('/api/me'),
    update: (changes: { name?: string; phone?: string }) => http.put<Me>('/api/me', changes),
    /** The code of WeChat's getPhoneNumber button, exchanged on the server; the number is kept on me. */
    wechatPhone: (code: string) => http.post<Me>('/api/me/wechat-phone', { code }),
  }
}

export type MeService = ReturnType<typeof createMeService>
