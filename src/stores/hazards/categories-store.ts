// The hazard categories (交通秩序, 占道经营 …) with the severity each proposes; the admin adds more.
import { makeAutoObservable, runInAction } from 'mobx'
import type { HazardCategory, Severity } from '@/types/hazards'
import type { Api } from '@/services/api'
import { ListResource, type LoadState } from '../load-state'

export class HazardCategoriesStore {
  adding = false
  private readonly list = new ListResource<HazardCategory>('隐患类别加载失败')

  constructor(private readonly api: Pick<Api, 'hazards'>) {
    makeAutoObservable<HazardCategoriesStore, 'api' | 'list'>(this, { api: false, list: false })
  }

  get items(): HazardCategory[] {
    return this.list.items
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  byId(id: string | null | undefined): HazardCategory | undefined {
    return this.items.find((c) => c.id === id)
  }

  /** Loads once per screen visit; concurrent calls share one request. */
  load(): Promise<void> {
    return this.list.load(() => this.api.hazards.categories())
  }

  /** Admin only (the server checks). Resolves with the new list; throws ApiError on refusal. */
  async add(name: string, defaultSeverity: Severity): Promise<void> {
    this.adding = true
    try {
      const items = await this.api.hazards.addCategory(name.trim(), defaultSeverity)
      runInAction(() => {
        this.list.set(items)
        this.list.state = 'ready'
      })
    } finally {
      runInAction(() => {
        this.adding = false
      })
    }
  }

  reset(): void {
    this.list.reset()
  }
}
