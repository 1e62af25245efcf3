// The police officer's 远程广播 calls (targets, send, the list and one broadcast): only the alarm
// subpackage makes them, so they are built there from the shared Http (api.http) and ship with it.
import type { ListResponse } from '@/types/api'
import type { Broadcast, BroadcastTarget, SendBroadcastRequest } from '@/types/broadcasts'
import type { Api } from './api'
import { broadcastLinks, broadcastPath as path } from './broadcasts'
import type { Http } from './http'

export function createBroadcastDeskService(http: Http) {
  const full = broadcastLinks(http)
  return {
    targets: (): Promise<BroadcastTarget[]> => http.get<ListResponse<BroadcastTarget>>('/api/broadcasts/targets').then((r) => r.items),
    /** Idempotent by `clientKey`: a retry returns the first broadcast. */
    send: (request: SendBroadcastRequest): Promise<Broadcast> => http.post<Broadcast>('/api/broadcasts', request).then(full),
    list: (): Promise<Broadcast[]> => http.get<ListResponse<Broadcast>>('/api/broadcasts').then((r) => r.items.map(full)),
    detail: (id: string): Promise<Broadcast> => http.get<Broadcast>(path(id)).then(full),
  }
}

export type BroadcastDeskService = ReturnType<typeof createBroadcastDeskService>

export const broadcastsDesk = (api: Pick<Api, 'http'>): BroadcastDeskService => createBroadcastDeskService(api.http)
