// The hazard categories (交通秩序, 占道经营 …) with the severity each proposes; the admin adds more.
import { makeAutoObservable, runInAction } from 'mobx'
import type { HazardCategory, Severity } from '@/types/hazards'
import type { Api } from '@/services/api'
import { loadList, resetList, type LoadState } from '../load-state'

export class HazardCategoriesStore {
  items: HazardCategory[] = []
  state: LoadState = 'idle'
  error: string | null = null
  adding = false

  constructor(private readonly api: Pick<Api, 'hazards'>) {
    makeAutoObservable<HazardCategoriesStore, 'api'>(this, { api: false })
  }

  byId(id: string | null | undefined): HazardCategory | undefined {
    return this.items.find((c) => c.id === id)
  }

  /** Loads once per screen visit; concurrent calls share one request. */
  load(): Promise<void> {
    return loadList(this, () => this.api.hazards.categories(), '隐患类别加载失败')
  }

  /** Admin only (the server checks). Resolves with the new list; throws ApiError on refusal. */
  async add(name: string, defaultSeverity: Severity): Promise<void> {
    this.adding = true
    try {
      const items = await this.api.hazards.addCategory(name.trim(), defaultSeverity)
      runInAction(() => {
        this.items = items
        this.state = 'ready'
      })
    } finally {
      runInAction(() => {
        this.adding = false
      })
    }
  }

  reset(): void {
    resetList(this)
  }
}
