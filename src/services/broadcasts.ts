import type { ListResponse } from '@/types/api'
import type { Broadcast, BroadcastTarget, SendBroadcastRequest } from '@/types/broadcasts'
import type { Http } from './http'

export function createBroadcastsService(http: Http) {
  // Photo links are signed and relative: absolute on WeChat, where the API is another origin.
  const full = (b: Broadcast): Broadcast => (b.photo ? { ...b, photo: { ...b.photo, url: http.resolve(b.photo.url), thumbUrl: http.resolve(b.photo.thumbUrl) } } : b)
  const path = (id: string, what = '') => `/api/broadcasts/${encodeURIComponent(id)}${what}`
  return {
    /** Sent to me and not yet confirmed: the banner on every page. */
    pending: (): Promise<Broadcast[]> => http.get<ListResponse<Broadcast>>('/api/broadcasts/pending').then((r) => r.items.map(full)),
    confirm: (id: string): Promise<Broadcast> => http.post<Broadcast>(path(id, '/confirm')).then(full),
    // the police officer's pages (packages/alarm)
    targets: (): Promise<BroadcastTarget[]> => http.get<ListResponse<BroadcastTarget>>('/api/broadcasts/targets').then((r) => r.items),
    /** Idempotent by `clientKey`: a retry returns the first broadcast. */
    send: (request: SendBroadcastRequest): Promise<Broadcast> => http.post<Broadcast>('/api/broadcasts', request).then(full),
    list: (): Promise<Broadcast[]> => http.get<ListResponse<Broadcast>>('/api/broadcasts').then((r) => r.items.map(full)),
    detail: (id: string): Promise<Broadcast> => http.get<Broadcast>(path(id)).then(full),
  }
}

export type BroadcastsService = ReturnType<typeof createBroadcastsService>
