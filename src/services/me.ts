import type { Me } from '@/types/api'
import type { Http } from './http'

export function createMeService(http: Http) {
  return {
    get: () => http.get<Me>('/api/me'),
    update: (changes: { name?: string; phone?: string }) => http.patch<Me>('/api/me', changes),
  }
}

export type MeService = ReturnType<typeof createMeService>
