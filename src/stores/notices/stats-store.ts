// Receipts of one notice for its publisher (and principals, for their school): read /
// acknowledged / RSVP / attended per school and role, who has not acknowledged, and 再次提醒
// within the rules of domain/notices (every 5 minutes at most, 3 times).
import { makeAutoObservable, runInAction } from 'mobx'
import { MAX_REMINDERS, nextReminderAt, reminderBlockReason } from '@/domain/notices'
import type { Notice, NoticeStats, NoticeStatsRow } from '@/types/notices'
import { noticesDesk, type NoticeDeskService } from '@/services/notice-desk'
import { Resource, type LoadState } from '../load-state'
import { lazyStore } from '../lazy-store'
import { receiptTotals, type ReceiptTotals } from './managed-store'
import { serverNow } from '@/services/server-clock'

// The totals live where the 通知 tab's cards need them (main package); re-exported for this page.
export { receiptTotals, type ReceiptTotals }

export interface SchoolStats {
  schoolId: string
  schoolName: string
  rows: NoticeStatsRow[]
  totals: ReceiptTotals
}

export class NoticeStatsStore {
  noticeId: string | null = null
  reminding = false
  /** the notice and its receipts, keyed by the notice's id */
  private readonly receipts = new Resource<{ notice: Notice; stats: NoticeStats }>('回执加载失败', { keep: true })

  constructor(private readonly api: { notices: NoticeDeskService }) {
    makeAutoObservable<NoticeStatsStore, 'api' | 'receipts'>(this, { api: false, receipts: false })
  }

  get notice(): Notice | null {
    return this.noticeId ? (this.receipts.valueFor(this.noticeId)?.notice ?? null) : null
  }

  get stats(): NoticeStats | null {
    return this.noticeId ? (this.receipts.valueFor(this.noticeId)?.stats ?? null) : null
  }

  get state(): LoadState {
    return this.receipts.state
  }

  get error(): string | null {
    return this.receipts.error
  }

  get totals(): ReceiptTotals | null {
    return this.stats ? receiptTotals(this.stats) : null
  }

  /** Rows grouped by school, in the server's order. */
  get schools(): SchoolStats[] {
    const bySchool = new Map<string, SchoolStats>()
    for (const row of this.stats?.rows ?? []) {
      const s = bySchool.get(row.schoolId) ?? { schoolId: row.schoolId, schoolName: row.schoolName, rows: [], totals: receiptTotals({ rows: [] }) }
      s.rows.push(row)
      s.totals = receiptTotals({ rows: s.rows })
      bySchool.set(row.schoolId, s)
    }
    return [...bySchool.values()]
  }

  /** Only the publisher reminds, and only a published notice. */
  get mayRemind(): boolean {
    return this.notice?.canManage === true && this.notice.status === 'published'
  }

  /** Why 再次提醒 is disabled now, or null when it may be sent. */
  remindBlock(now: Date): string | null {
    if (!this.stats || !this.notice) return '正在加载'
    if (this.notice.status !== 'published') return '只有已发布的通知可以提醒'
    if (this.stats.notAcknowledged.length === 0) return '所有人都已确认收到'
    return reminderBlockReason(this.stats.remindCount, this.stats.lastRemindedAt, now)
  }

  /** When it may be used again (null when now, or never again). */
  get nextRemindAt(): string | null {
    return this.stats ? nextReminderAt(this.stats.remindCount, this.stats.lastRemindedAt) : null
  }

  get remindsLeft(): number {
    return Math.max(0, MAX_REMINDERS - (this.stats?.remindCount ?? 0))
  }

  /** What is shown for the notice stays while asking again; another notice starts afresh. */
  load(noticeId: string): Promise<void> {
    this.noticeId = noticeId
    return this.receipts.load(() => Promise.all([this.api.notices.get(noticeId), this.api.notices.stats(noticeId)]).then(([notice, stats]) => ({ notice, stats })), {
      key: noticeId,
    })
  }

  /** 再次提醒: refused here for the domain's reasons, else sent; the answer holds the new counts. */
  async remind(now: Date = serverNow()): Promise<NoticeStats> {
    const blocked = this.remindBlock(now)
    if (blocked) throw new Error(blocked)
    const noticeId = this.noticeId
    if (!noticeId) throw new Error('正在加载')
    this.reminding = true
    try {
      const stats = await this.api.notices.remind(noticeId)
      runInAction(() => {
        const held = this.receipts.valueFor(noticeId)
        if (held) this.receipts.set({ notice: held.notice, stats }, noticeId)
      })
      return stats
    } finally {
      runInAction(() => {
        this.reminding = false
      })
    }
  }

  reset(): void {
    this.noticeId = null
    this.receipts.reset()
  }
}

/** root.store(noticeStatsStore): the receipts page's store (packages/notices), created on first use. */
export const noticeStatsStore = lazyStore(
  (_root, api) => new NoticeStatsStore({ notices: noticesDesk(api) }),
  (store) => store.reset(),
)
