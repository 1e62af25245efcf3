import type { ListResponse } from '@/types/api'
import type {
  Hazard,
  HazardCategory,
  HazardCounts,
  HazardDetail,
  HazardListFilter,
  HazardPhoto,
  HazardScope,
  NearbyHazard,
  ReportHazardRequest,
  Severity,
  TransitionRequest,
} from '@/types/hazards'
import type { Gcj02Point } from '@/types/org'
import type { Http } from './http'

export type { HazardListFilter, HazardScope, NearbyHazard }

export function createHazardsService(http: Http) {
  // Photo links are signed and relative: absolute on WeChat, where the API is another origin.
  const photo = (p: HazardPhoto): HazardPhoto => ({ ...p, url: http.resolve(p.url), thumbUrl: http.resolve(p.thumbUrl) })
  const hazard = <T extends Hazard>(h: T): T => ({ ...h, photos: h.photos.map(photo) })
  const detail = (d: HazardDetail): HazardDetail => ({ ...hazard(d), events: d.events.map((e) => ({ ...e, photos: e.photos.map(photo) })) })

  return {
    categories: (): Promise<HazardCategory[]> => http.get<ListResponse<HazardCategory>>('/api/hazard-categories').then((r) => r.items),
    addCategory: (name: string, defaultSeverity: Severity): Promise<HazardCategory[]> =>
      http.post<ListResponse<HazardCategory>>('/api/hazard-categories', { name, defaultSeverity }).then((r) => r.items),
    report: (request: ReportHazardRequest): Promise<HazardDetail> => http.post<HazardDetail>('/api/hazards', request).then(detail),
    nearby: (point: Gcj02Point, categoryId: string): Promise<NearbyHazard[]> =>
      http.get<ListResponse<NearbyHazard>>('/api/hazards/nearby', { lat: point.lat, lng: point.lng, categoryId }).then((r) => r.items.map(hazard)),
    confirm: (hazardId: string, photoId?: string): Promise<HazardDetail> =>
      http.post<HazardDetail>(`/api/hazards/${encodeURIComponent(hazardId)}/confirm`, photoId ? { photoId } : {}).then(detail),
    counts: (): Promise<HazardCounts> => http.get<HazardCounts>('/api/hazards/counts'),
    list: (filter: HazardListFilter): Promise<Hazard[]> =>
      http.get<ListResponse<Hazard>>('/api/hazards', { ...filter, overdue: filter.overdue ? 'true' : undefined }).then((r) => r.items.map(hazard)),
    get: (hazardId: string): Promise<HazardDetail> => http.get<HazardDetail>(`/api/hazards/${encodeURIComponent(hazardId)}`).then(detail),
    transition: (hazardId: string, request: TransitionRequest): Promise<HazardDetail> =>
      http.post<HazardDetail>(`/api/hazards/${encodeURIComponent(hazardId)}/transition`, request).then(detail),
    /** The station's ledger (台账) as an Excel file on the phone; resolves with its local path. */
    ledger: (stationId: string, from: string, to: string): Promise<string> => http.download('/api/hazards/ledger.xlsx', { stationId, from, to }),
  }
}

export type HazardsService = ReturnType<typeof createHazardsService>
