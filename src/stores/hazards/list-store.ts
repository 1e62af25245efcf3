// A list of hazards: 我的上报 (mine), a school's open ones (school), the police queue sorted by
// urgency (queue), or those handed to me (assigned). Filters go to the server; its order is kept.
import { makeAutoObservable } from 'mobx'
import type { Hazard, HazardStatus } from '@/types/hazards'
import type { Api } from '@/services/api'
import type { HazardListFilter, HazardScope } from '@/services/hazards'
import { Resource, type LoadState } from '../load-state'

export interface HazardFilters {
  schoolId?: string
  status?: HazardStatus
  categoryId?: string
  overdue?: boolean
}

export class HazardListStore {
  filters: HazardFilters = {}
  private readonly list = new Resource<Hazard[]>('隐患列表加载失败')

  constructor(
    private readonly api: Pick<Api, 'hazards'>,
    readonly scope: HazardScope,
  ) {
    makeAutoObservable<HazardListStore, 'api' | 'list'>(this, { api: false, list: false, scope: false })
  }

  /** The last list the server gave (kept while other filters are asked for). */
  get items(): Hazard[] {
    return this.list.value ?? []
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
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
  load(options: { quiet?: boolean } = {}): Promise<void> {
    if (this.scope === 'school' && !this.filters.schoolId) return Promise.resolve()
    const filter: HazardListFilter = { scope: this.scope, ...this.filters }
    // not keyed: the last list stays (under the loading state) while newer filters are asked for
    return this.list.load(() => this.api.hazards.list(filter), options)
  }

  /** A report changed elsewhere (detail page): show its new state without a reload. */
  upsert(hazard: Hazard): void {
    if (this.items.some((h) => h.id === hazard.id)) this.list.set(this.items.map((h) => (h.id === hazard.id ? { ...h, ...stripEvents(hazard) } : h)))
  }

  reset(): void {
    this.list.reset()
    this.filters = {}
  }
}

function stripEvents(h: Hazard): Hazard {
  const { events: _events, ...rest } = h as Hazard & { events?: unknown }
  return rest
}
