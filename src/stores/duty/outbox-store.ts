// Admins: the messages the outbox sent (or failed to send) to the district's members.
import { makeAutoObservable } from 'mobx'
import type { OutboxMessage } from '@/types/api'
import type { Api } from '@/services/api'
import { Resource, type LoadState } from '../load-state'
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
  private readonly list = new Resource<OutboxMessage[]>('发件箱加载失败')

  constructor(private readonly api: Pick<Api, 'messages'>) {
    makeAutoObservable<OutboxStore, 'api' | 'list'>(this, { api: false, list: false })
  }

  /** The messages of the chosen filter (none while another filter's answer is awaited). */
  get items(): OutboxMessage[] {
    return this.list.valueFor(this.filter) ?? []
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  setFilter(filter: OutboxFilter): Promise<void> {
    if (filter === this.filter) return Promise.resolve()
    this.filter = filter
    return this.load()
  }

  load(): Promise<void> {
    const filter = this.filter
    return this.list.load(() => this.api.messages.outbox(filter === 'all' ? undefined : filter), { key: filter })
  }

  reset(): void {
    this.filter = 'all'
    this.list.reset()
  }
}

/** root.store(outboxStore): the message outbox page's store (packages/manage), created on first use. */
export const outboxStore = lazyStore(
  (_root, api) => new OutboxStore(api),
  (store) => store.reset(),
)
