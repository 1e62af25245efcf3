// Receipts of one notice for its publisher (and principals, for their school): read /
// acknowledged / RSVP / attended per school and role, who has not acknowledged, and 再次提醒
// within the rules of domain/notices (every 5 minutes at most, 3 times).
import { makeAutoObservable, runInAction } from 'mobx'
import { MAX_REMINDERS, nextReminderAt, reminderBlockReason } from '@/domain/notices'
import type { Notice, NoticeStats, NoticeStatsRow } from '@/types/notices'
import { noticesDesk, type NoticeDeskService } from '@/services/notice-desk'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'
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
  notice: Notice | null = null
  stats: NoticeStats | null = null
  state: LoadState = 'idle'
  error: string | null = null
  reminding = false
  private requestSeq = 0

  constructor(private readonly api: { notices: NoticeDeskService }) {
    makeAutoObservable<NoticeStatsStore, 'api' | 'requestSeq'>(this, { api: false, requestSeq: false })
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

  async load(noticeId: string): Promise<void> {
    const seq = ++this.requestSeq
    if (noticeId !== this.noticeId) {
      this.noticeId = noticeId
      this.notice = null
      this.stats = null
    }
    this.state = this.stats ? 'ready' : 'loading'
    this.error = null
    try {
      const [notice, stats] = await Promise.all([this.api.notices.get(noticeId), this.api.notices.stats(noticeId)])
      if (seq !== this.requestSeq) return
      runInAction(() => {
        this.notice = notice
        this.stats = stats
        this.state = 'ready'
      })
    } catch (e) {
      if (seq !== this.requestSeq) return
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '回执加载失败')
      })
    }
  }

  /** 再次提醒: refused here for the domain's reasons, else sent; the answer holds the new counts. */
  async remind(now: Date = serverNow()): Promise<NoticeStats> {
    const blocked = this.remindBlock(now)
    if (blocked) throw new Error(blocked)
    if (!this.noticeId) throw new Error('正在加载')
    this.reminding = true
    try {
      const stats = await this.api.notices.remind(this.noticeId)
      runInAction(() => {
        this.stats = stats
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
    this.notice = null
    this.stats = null
    this.state = 'idle'
    this.error = null
  }
}

/** root.store(noticeStatsStore): the receipts page's store (packages/notices), created on first use. */
export const noticeStatsStore = lazyStore((_root, api) => new NoticeStatsStore({ notices: noticesDesk(api) }), (store) => store.reset())
