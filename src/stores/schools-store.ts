// The schools a person's approved memberships reach, with their gates.
import { makeAutoObservable, runInAction } from 'mobx'
import type { School } from '@/types/api'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from './load-state'

export class SchoolsStore {
  items: School[] = []
  state: LoadState = 'idle'
  error: string | null = null
  private inflight: Promise<void> | null = null

  constructor(private readonly api: Pick<Api, 'schools'>) {
    makeAutoObservable<SchoolsStore, 'api' | 'inflight'>(this, { api: false, inflight: false })
  }

  byId(id: string | null | undefined): School | undefined {
    return this.items.find((s) => s.id === id)
  }

  load(): Promise<void> {
    if (this.inflight) return this.inflight
    this.state = this.items.length ? 'ready' : 'loading'
    this.error = null
    const run = this.api.schools
      .list()
      .then((items) =>
        runInAction(() => {
          this.items = items
          this.state = 'ready'
        }),
      )
      .catch((e: unknown) =>
        runInAction(() => {
          this.state = 'error'
          this.error = errorMessage(e, '学校加载失败')
        }),
      )
      .finally(() => {
        this.inflight = null
      })
    this.inflight = run
    return run
  }

  reset(): void {
    this.items = []
    this.state = 'idle'
    this.error = null
  }
}
