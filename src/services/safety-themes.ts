// The city's safety-education themes (防溺水, 防拐骗 …), chosen when composing a training or drill
// notice. Only subpackage stores use it, built there from the shared Http (api.http).
import type { SafetyTheme } from '@/types/bulletin'
import type { Http } from './http'

export function createSafetyThemesService(http: Http) {
  return {
    list: async (): Promise<SafetyTheme[]> => (await http.get<{ items: SafetyTheme[] }>('/api/safety-themes')).items,
  }
}
