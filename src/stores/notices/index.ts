// The notice stores (通知): one per concept, over the same transport, under root.notices. Those only
// packages/notices uses (detail, stats, compose, drills) are created on first use: root.store(noticeComposeStore) etc.
import type { Api } from '@/services/api'
import { taroNoticesBadge, type TabBadge } from '@/services/tab-badge'
import { NoticeInboxStore } from './inbox-store'
import { ManagedNoticesStore } from './managed-store'

export class NoticeStores {
  /** 收到的, and the unread badge. */
  readonly inbox: NoticeInboxStore
  /** 我发布的 / 发给本校的. */
  readonly managed: ManagedNoticesStore

  /** `phone`: the tab-bar badge (tests pass a fake). */
  constructor(api: Pick<Api, 'notices' | 'uploads' | 'messages'>, phone: { badge?: TabBadge } = {}) {
    this.inbox = new NoticeInboxStore(api, phone.badge ?? taroNoticesBadge)
    this.managed = new ManagedNoticesStore(api)
  }

  reset(): void {
    this.inbox.reset()
    this.managed.reset()
  }
}
