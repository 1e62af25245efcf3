// The hazard stores (隐患): one per concept, over the same transport, under root.hazards. The detail
// and ledger stores, used only in packages/hazards, are created on first use: root.store(hazardDetailStore).
import type { Api } from '@/services/api'
import type { HazardDetail } from '@/types/hazards'
import type { RootStore } from '../root-store'
import { HazardCategoriesStore } from './categories-store'
import { HazardInboxStore } from './inbox-store'
import { HazardListStore } from './list-store'
import { HazardReportStore } from './report-store'

export class HazardStores {
  readonly categories: HazardCategoriesStore
  readonly report: HazardReportStore
  /** 我的上报 (reported or confirmed by me). */
  readonly mine: HazardListStore
  /** A school's open reports, for its members. */
  readonly school: HazardListStore
  /** The police / admin queue, by urgency. */
  readonly queue: HazardListStore
  /** Handed to me (交办给我的). */
  readonly assigned: HazardListStore
  readonly inbox: HazardInboxStore

  constructor(root: RootStore, api: Pick<Api, 'hazards' | 'uploads'>) {
    this.categories = new HazardCategoriesStore(api)
    this.report = new HazardReportStore(root, api)
    this.mine = new HazardListStore(api, 'mine')
    this.school = new HazardListStore(api, 'school')
    this.queue = new HazardListStore(api, 'queue')
    this.assigned = new HazardListStore(api, 'assigned')
    this.inbox = new HazardInboxStore(api)
  }

  /** A report changed on its detail page: the lists show its new state at once. */
  afterChange(hazard: HazardDetail): void {
    for (const list of [this.mine, this.school, this.queue, this.assigned]) list.upsert(hazard)
  }

  reset(): void {
    this.categories.reset()
    this.report.reset()
    for (const list of [this.mine, this.school, this.queue, this.assigned]) list.reset()
    this.inbox.reset()
  }
}
