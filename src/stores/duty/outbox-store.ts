// Admins: the messages the outbox sent (or failed to send) to the district's members.
import { makeAutoObservable, runInAction } from 'mobx'
import type { OutboxMessage } from '@/types/api'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'
import { lazyStore } from '../lazy-store'

export type OutboxFilter = 'all' | OutboxMessage['status']

export const OUTBOX_TABS: { key: OutboxFilter; title: string }[] = [
  { key: 'all', title: '全部' },
  { key: 'pending', title: '待发送' },
  { key: 'sent', title: '已发送' },
  { key: 'failed', title: '失败' },
]

export const OUTBOX_STATUS_LABELS: Record<OutboxMessage['status'], string> = { pending: '待发送', sent: '已发送', failed: '发送失败' }

export class OutboxStore {
  filter: OutboxFilter = 'all'
  items: OutboxMessage[] = []
  state: LoadState = 'idle'
  error: string | null = null
  private seq = 0

  constructor(private readonly api: Pick<Api, 'messages'>) {
    makeAutoObservable<OutboxStore, 'api' | 'seq'>(this, { api: false, seq: false })
  }

  setFilter(filter: OutboxFilter): Promise<void> {
    if (filter === this.filter) return Promise.resolve()
    this.filter = filter
    this.items = []
    return this.load()
  }

  async load(): Promise<void> {
    const seq = ++this.seq
    this.state = 'loading'
    this.error = null
    try {
      const items = await this.api.messages.outbox(this.filter === 'all' ? undefined : this.filter)
      if (seq !== this.seq) return
      runInAction(() => {
        this.items = items
        this.state = 'ready'
      })
    } catch (e) {
      if (seq !== this.seq) return
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '发件箱加载失败')
      })
    }
  }

  reset(): void {
    this.filter = 'all'
    this.items = []
    this.state = 'idle'
  }
}

/** root.store(outboxStore): the message outbox page's store (packages/manage), created on first use. */
export const outboxStore = lazyStore((_root, api) => new OutboxStore(api), (store) => store.reset())
