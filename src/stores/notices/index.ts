// The notice stores (通知): one per concept, over the same transport, under root.notices. Those only
// packages/notices uses (detail, compose, drills) are created on first use: root.store(noticeComposeStore) etc.
import type { Api } from '@/services/api'
import { taroNoticesBadge, type TabBadge } from '@/services/tab-badge'
import { NoticeInboxStore } from './inbox-store'
import { ManagedNoticesStore } from './managed-store'
import { NoticeStatsStore } from './stats-store'

export class NoticeStores {
  /** 收到的, and the unread badge. */
  readonly inbox: NoticeInboxStore
  /** 我发布的 / 发给本校的. */
  readonly managed: ManagedNoticesStore
  readonly stats: NoticeStatsStore

  /** `phone`: the tab-bar badge (tests pass a fake). */
  constructor(api: Pick<Api, 'notices' | 'uploads' | 'messages'>, phone: { badge?: TabBadge } = {}) {
    this.inbox = new NoticeInboxStore(api, phone.badge ?? taroNoticesBadge)
    this.managed = new ManagedNoticesStore(api)
    this.stats = new NoticeStatsStore(api)
  }

  reset(): void {
    this.inbox.reset()
    this.managed.reset()
    this.stats.reset()
  }
}
