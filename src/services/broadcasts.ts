import type { ListResponse } from '@/types/api'
import type { Broadcast } from '@/types/broadcasts'
import type { Http } from './http'

/** Photo links are signed and relative: absolute on WeChat, where the API is another origin. */
export const broadcastLinks =
  (http: Http) =>
  (b: Broadcast): Broadcast =>
    b.photo ? { ...b, photo: { ...b.photo, url: http.resolve(b.photo.url), thumbUrl: http.resolve(b.photo.thumbUrl) } } : b
export const broadcastPath = (id: string, what = '') => `/api/broadcasts/${encodeURIComponent(id)}${what}`

/** The banner's calls; the police officer's (远程广播) are in services/broadcast-desk.ts. */
export function createBroadcastsService(http: Http) {
  const full = broadcastLinks(http)
  const path = broadcastPath
  return {
    /** Sent to me and not yet confirmed: the banner on every page. */
    pending: (): Promise<Broadcast[]> => http.get<ListResponse<Broadcast>>('/api/broadcasts/pending').then((r) => r.items.map(full)),
    confirm: (id: string): Promise<Broadcast> => http.post<Broadcast>(path(id, '/confirm')).then(full),
  }
}

export type BroadcastsService = ReturnType<typeof createBroadcastsService>
