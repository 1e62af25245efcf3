// The police put a hazard inside the school or around it (校内 / 校园周边). Only the hazards
// subpackage uses it, built there from the shared Http (api.http).
import type { HazardLocationKind } from '@/types/bulletin'
import type { Http } from './http'

export function createHazardLocationService(http: Http) {
  return {
    set: (hazardId: string, locationKind: HazardLocationKind): Promise<unknown> => http.put(`/api/hazards/${encodeURIComponent(hazardId)}/location-kind`, { locationKind }),
  }
}
