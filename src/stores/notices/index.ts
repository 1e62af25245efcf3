// The notice stores (通知, 演练): one per concept, over the same transport, under root.notices.
import type { Api } from '@/services/api'
import { taroSubscribePrompt, type SubscribePrompt } from '@/services/device'
import { taroNoticesBadge, type TabBadge } from '@/services/tab-badge'
import type { RootStore } from '../root-store'
import { NoticeComposeStore } from './compose-store'
import { NoticeDetailStore } from './detail-store'
import { DrillHistoryStore, DrillRecordStore } from './drills-store'
import { NoticeInboxStore } from './inbox-store'
import { ManagedNoticesStore } from './managed-store'
import { NoticeStatsStore } from './stats-store'

export class NoticeStores {
  /** 收到的, and the unread badge. */
  readonly inbox: NoticeInboxStore
  /** 我发布的 / 发给本校的. */
  readonly managed: ManagedNoticesStore
  readonly detail: NoticeDetailStore
  readonly compose: NoticeComposeStore
  readonly stats: NoticeStatsStore
  readonly drillRecord: DrillRecordStore
  readonly drills: DrillHistoryStore

  /** `phone`: the tab-bar badge and WeChat's subscribe prompt (tests pass fakes). */
  constructor(root: RootStore, api: Pick<Api, 'notices' | 'uploads' | 'messages'>, phone: { badge?: TabBadge; subscribe?: SubscribePrompt } = {}) {
    this.inbox = new NoticeInboxStore(api, phone.badge ?? taroNoticesBadge)
    this.managed = new ManagedNoticesStore(api)
    this.detail = new NoticeDetailStore(root, api, phone.subscribe ?? taroSubscribePrompt)
    this.compose = new NoticeComposeStore(root, api)
    this.stats = new NoticeStatsStore(api)
    this.drillRecord = new DrillRecordStore(root, api)
    this.drills = new DrillHistoryStore(root, api)
  }

  reset(): void {
    this.inbox.reset()
    this.managed.reset()
    this.detail.reset()
    this.compose.reset()
    this.stats.reset()
    this.drillRecord.start()
    this.drills.reset()
  }
}
