// Builders for hazard types, and the fake Api extended with the hazard and upload services.
import type { Hazard, HazardCategory, HazardDetail, HazardEvent, UploadedFile } from '@/types/hazards'
import type { Api } from '@/services/api'
import { JINGSHAN, fakeApi } from './fixtures'

export const TRAFFIC: HazardCategory = { id: 'traffic', name: '交通秩序', defaultSeverity: 'medium' }
export const SUSPICIOUS: HazardCategory = { id: 'suspicious', name: '可疑人员', defaultSeverity: 'high' }
export const STALL: HazardCategory = { id: 'stall', name: '占道经营/流动摊贩', defaultSeverity: 'low' }

export function hazard(partial: Partial<Hazard> & Pick<Hazard, 'id'>): Hazard {
  return {
    schoolId: JINGSHAN.id,
    schoolName: JINGSHAN.name,
    lat: 28.6397,
    lng: 115.9174,
    category: TRAFFIC,
    description: '南门放学时段车辆占用人行道停车',
    severity: 'medium',
    locationKind: 'around',
    status: 'submitted',
    statusType: 'open',
    reporter: null,
    mine: false,
    assignee: null,
    deadline: null,
    overdue: false,
    duplicateOf: null,
    confirmations: 0,
    confirmedByMe: false,
    photos: [],
    createdAt: '2026-11-28T00:10:00.000Z',
    updatedAt: '2026-11-28T00:10:00.000Z',
    ...partial,
  }
}

export function hazardEvent(partial: Partial<HazardEvent> & Pick<HazardEvent, 'id' | 'action' | 'toStatus'>): HazardEvent {
  return { fromStatus: null, actor: '上报人', note: null, photos: [], createdAt: '2026-11-28T00:10:00.000Z', ...partial }
}

export function hazardDetail(partial: Partial<HazardDetail> & Pick<HazardDetail, 'id'>): HazardDetail {
  return { events: [hazardEvent({ id: `${partial.id}-e1`, action: 'report', toStatus: 'submitted' })], ...hazard(partial), ...partial } as HazardDetail
}

export function uploaded(id: string): UploadedFile {
  return { id, url: `/api/files/${id}?v=full`, thumbUrl: `/api/files/${id}?v=thumb`, mime: 'image/jpeg', size: 1000 }
}

type Mocked<T> = { [K in keyof T]: { [M in keyof T[K]]: jest.Mock } }

/** The shared fake Api plus hazards and uploads, every call rejecting until stubbed. */
export function fakeHazardApi(): Mocked<Api> & Api {
  const notStubbed = (name: string) => jest.fn(() => Promise.reject(new Error(`${name} not stubbed`)))
  const api = fakeApi() as Mocked<Api> & Api
  return Object.assign(api, {
    uploads: { photo: notStubbed('uploads.photo') },
    hazards: {
      categories: notStubbed('hazards.categories'),
      addCategory: notStubbed('hazards.addCategory'),
      report: notStubbed('hazards.report'),
      nearby: notStubbed('hazards.nearby'),
      confirm: notStubbed('hazards.confirm'),
      counts: notStubbed('hazards.counts'),
      list: notStubbed('hazards.list'),
      get: notStubbed('hazards.get'),
      transition: notStubbed('hazards.transition'),
      ledger: notStubbed('hazards.ledger'),
    },
  })
}
