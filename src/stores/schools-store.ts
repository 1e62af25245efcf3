// The schools a person's approved memberships reach, with their gates.
import { makeAutoObservable } from 'mobx'
import type { School } from '@/types/api'
import type { Api } from '@/services/api'
import { loadList, resetList, type LoadState } from './load-state'

export class SchoolsStore {
  items: School[] = []
  state: LoadState = 'idle'
  error: string | null = null

  constructor(private readonly api: Pick<Api, 'schools'>) {
    makeAutoObservable<SchoolsStore, 'api'>(this, { api: false })
  }

  byId(id: string | null | undefined): School | undefined {
    return this.items.find((s) => s.id === id)
  }

  /** Loads the list; concurrent calls share one request. */
  load(): Promise<void> {
    return loadList(this, () => this.api.schools.list(), '学校加载失败')
  }

  reset(): void {
    resetList(this)
  }
}
