// A list of hazards: 我的上报 (mine), a school's open ones (school), the police queue sorted by
// urgency (queue), or those handed to me (assigned). Filters go to the server; its order is kept.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Hazard, HazardStatus } from '@/types/hazards'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { HazardListFilter, HazardScope } from '@/services/hazards'
import type { LoadState } from '../load-state'

export interface HazardFilters {
  schoolId?: string
  status?: HazardStatus
  categoryId?: string
  overdue?: boolean
}

export class HazardListStore {
  items: Hazard[] = []
  state: LoadState = 'idle'
  error: string | null = null
  filters: HazardFilters = {}
  private requestSeq = 0

  constructor(
    private readonly api: Pick<Api, 'hazards'>,
    readonly scope: HazardScope,
  ) {
    makeAutoObservable<HazardListStore, 'api' | 'requestSeq'>(this, { api: false, requestSeq: false, scope: false })
  }

  get overdueCount(): number {
    return this.items.filter((h) => h.overdue).length
  }

  get hasFilters(): boolean {
    return Object.values(this.filters).some((v) => v !== undefined && v !== false)
  }

  /** Changes some filters and reloads. */
  setFilters(patch: HazardFilters): Promise<void> {
    this.filters = { ...this.filters, ...patch }
    return this.load()
  }

  clearFilters(keep: HazardFilters = {}): Promise<void> {
    this.filters = { ...keep }
    return this.load()
  }

  /**
   * Loads the list. `quiet` (polling, pull to refresh) keeps what is on screen while asking; a
   * quiet failure keeps the last list.
   */
  async load(options: { quiet?: boolean } = {}): Promise<void> {
    if (this.scope === 'school' && !this.filters.schoolId) return
    const seq = ++this.requestSeq
    const quiet = options.quiet && this.state === 'ready'
    if (!quiet) {
      this.state = 'loading'
      this.error = null
    }
    const filter: HazardListFilter = { scope: this.scope, ...this.filters }
    try {
      const items = await this.api.hazards.list(filter)
      if (seq !== this.requestSeq) return // newer filters were chosen meanwhile
      runInAction(() => {
        this.items = items
        this.state = 'ready'
        this.error = null
      })
    } catch (e) {
      if (seq !== this.requestSeq) return
      runInAction(() => {
        if (quiet) return
        this.state = 'error'
        this.error = errorMessage(e, '隐患列表加载失败')
      })
    }
  }

  /** A report changed elsewhere (detail page): show its new state without a reload. */
  upsert(hazard: Hazard): void {
    if (this.items.some((h) => h.id === hazard.id)) this.items = this.items.map((h) => (h.id === hazard.id ? { ...h, ...stripEvents(hazard) } : h))
  }

  reset(): void {
    this.items = []
    this.state = 'idle'
    this.error = null
    this.filters = {}
  }
}

function stripEvents(h: Hazard): Hazard {
  const { events: _events, ...rest } = h as Hazard & { events?: unknown }
  return rest
}
