// 我发布的 (police, admins: their station's or district's notices, drafts included) and
// 发给本校的 (principals: notices sent to their school), each with how people answered.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Notice, NoticeStats, NoticeStatsRow } from '@/types/notices'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'

export type ReceiptTotals = Pick<NoticeStatsRow, 'recipients' | 'read' | 'acked' | 'joined' | 'attended'>

export function receiptTotals(stats: Pick<NoticeStats, 'rows'>): ReceiptTotals {
  const totals: ReceiptTotals = { recipients: 0, read: 0, acked: 0, joined: 0, attended: 0 }
  for (const r of stats.rows) {
    totals.recipients += r.recipients
    totals.read += r.read
    totals.acked += r.acked
    totals.joined += r.joined
    totals.attended += r.attended
  }
  return totals
}

/** Receipt summaries are fetched one notice at a time (WeChat allows 10 requests at once), for the newest ones. */
const SUMMARIES_MAX = 20

export class ManagedNoticesStore {
  items: Notice[] = []
  state: LoadState = 'idle'
  error: string | null = null
  /** Totals per notice id, for notices that reached people. */
  summaries: Record<string, ReceiptTotals> = {}
  private requestSeq = 0

  constructor(private readonly api: Pick<Api, 'notices'>) {
    makeAutoObservable<ManagedNoticesStore, 'api' | 'requestSeq'>(this, { api: false, requestSeq: false })
  }

  get drafts(): Notice[] {
    return this.items.filter((n) => n.status === 'draft' || n.status === 'scheduled')
  }

  async load(): Promise<void> {
    const seq = ++this.requestSeq
    this.state = this.items.length ? 'ready' : 'loading'
    this.error = null
    let items: Notice[]
    try {
      items = await this.api.notices.managed()
    } catch (e) {
      if (seq !== this.requestSeq) return
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '通知加载失败')
      })
      return
    }
    if (seq !== this.requestSeq) return
    runInAction(() => {
      this.items = items
      this.state = 'ready'
    })
    const sent = items.filter((n) => n.status === 'published' || n.status === 'withdrawn').slice(0, SUMMARIES_MAX)
    for (const n of sent) {
      if (seq !== this.requestSeq) return
      try {
        const stats = await this.api.notices.stats(n.id)
        runInAction(() => {
          this.summaries[n.id] = receiptTotals(stats)
        })
      } catch {
        // the card shows no summary; its stats page says why
      }
    }
  }

  /** Saved, published or withdrawn elsewhere: changed in place, or first when new. */
  upsert(notice: Notice): void {
    if (this.items.some((n) => n.id === notice.id)) this.items = this.items.map((n) => (n.id === notice.id ? notice : n))
    else this.items = [notice, ...this.items]
  }

  reset(): void {
    this.requestSeq++
    this.items = []
    this.state = 'idle'
    this.error = null
    this.summaries = {}
  }
}
