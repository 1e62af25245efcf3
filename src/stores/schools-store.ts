// The schools a person's approved memberships reach, with their gates.
import { makeAutoObservable } from 'mobx'
import type { School } from '@/types/api'
import type { Api } from '@/services/api'
import { ListResource, type LoadState } from './load-state'

export class SchoolsStore {
  private readonly list = new ListResource<School>('学校加载失败')

  constructor(private readonly api: Pick<Api, 'schools'>) {
    makeAutoObservable<SchoolsStore, 'api' | 'list'>(this, { api: false, list: false })
  }

  get items(): School[] {
    return this.list.items
  }

  set items(items: School[]) {
    this.list.set(items)
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  byId(id: string | null | undefined): School | undefined {
    return this.items.find((s) => s.id === id)
  }

  /** Loads the list; concurrent calls share one request. */
  load(): Promise<void> {
    return this.list.load(() => this.api.schools.list())
  }

  reset(): void {
    this.list.reset()
  }
}
