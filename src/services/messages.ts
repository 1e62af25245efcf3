import type { ListResponse, OutboxMessage } from '@/types/api'
import type { Http } from './http'

/** WeChat subscribe-message template ids; null when the server has none configured. */
export interface SubscribeTemplates {
  duty: string | null
  review: string | null
  notice: string | null
  /** 一键报警, its escalations and 远程广播 */
  alarm: string | null
}

export function createMessagesService(http: Http) {
  return {
    subscribeTemplates: () => http.get<SubscribeTemplates>('/api/subscribe-templates'),
    /** Admins: what the outbox sent to the district's members, and how it went. */
    outbox: (status?: OutboxMessage['status']) => http.get<ListResponse<OutboxMessage>>('/api/admin/outbox', { status }).then((r) => r.items),
  }
}

export type MessagesService = ReturnType<typeof createMessagesService>
