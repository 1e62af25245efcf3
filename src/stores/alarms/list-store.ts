// 最近报警: the alarms of the schools one may see (guards and principals their school, police their
// station, admins their district), newest first, a page at a time. Only the alarm subpackage uses
// it: root.store(alarmListStore).
import { makeAutoObservable, runInAction } from 'mobx'
import type { AlarmSummary } from '@/types/alarms'
import { alarmsDesk, type AlarmDeskService } from '@/services/alarm-desk'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'
import { lazyStore } from '../lazy-store'

export const ALARM_PAGE_SIZE = 20

export class AlarmListStore {
  items: AlarmSummary[] = []
  state: LoadState = 'idle'
  error: string | null = null
  /** the next page's cursor; null at the end */
  nextCursor: string | null = null
  loadingMore = false
  moreError: string | null = null
  private seq = 0

  constructor(private readonly api: { alarms: AlarmDeskService }) {
    makeAutoObservable<AlarmListStore, 'api' | 'seq'>(this, { api: false, seq: false })
  }

  get hasMore(): boolean {
    return this.nextCursor !== null
  }

  /** The first page again (on open and on pull to refresh); what is shown stays until it comes. */
  async load(): Promise<void> {
    const seq = ++this.seq
    if (!this.items.length) this.state = 'loading'
    this.error = null
    try {
      const page = await this.api.alarms.history(null, ALARM_PAGE_SIZE)
      if (seq !== this.seq) return
      runInAction(() => {
        this.items = page.items
        this.nextCursor = page.nextCursor
        this.moreError = null
        this.state = 'ready'
      })
    } catch (e) {
      if (seq !== this.seq) return
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '报警记录加载失败')
      })
    }
  }

  /** The next page, when the list is scrolled to its end. */
  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore || !this.items.length) return
    const seq = this.seq
    this.loadingMore = true
    this.moreError = null
    try {
      const page = await this.api.alarms.history(this.nextCursor, ALARM_PAGE_SIZE)
      if (seq !== this.seq) return
      runInAction(() => {
        const seen = new Set(this.items.map((a) => a.id))
        this.items = [...this.items, ...page.items.filter((a) => !seen.has(a.id))]
        this.nextCursor = page.nextCursor
      })
    } catch (e) {
      runInAction(() => (this.moreError = errorMessage(e, '加载失败，点此重试')))
    } finally {
      runInAction(() => (this.loadingMore = false))
    }
  }

  reset(): void {
    this.seq++
    this.items = []
    this.state = 'idle'
    this.error = null
    this.nextCursor = null
    this.loadingMore = false
    this.moreError = null
  }
}

export const alarmListStore = lazyStore(
  (_root, api) => new AlarmListStore({ alarms: alarmsDesk(api) }),
  (store) => store.reset(),
)
