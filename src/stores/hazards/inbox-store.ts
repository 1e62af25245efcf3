// What waits for a person on 首页: for police and admins, reports to accept and overdue ones;
// for an assignee (a principal), reports handed to them and not yet rectified. The server counts
// them (one small request, however many reports).
import { makeAutoObservable, runInAction } from 'mobx'
import type { HazardCounts } from '@/types/hazards'
import type { Api } from '@/services/api'

export class HazardInboxStore {
  counts: HazardCounts | null = null

  constructor(private readonly api: Pick<Api, 'hazards'>) {
    makeAutoObservable<HazardInboxStore, 'api'>(this, { api: false })
  }

  get submittedCount(): number | null {
    return this.counts?.queue?.submitted ?? null
  }

  get overdueCount(): number | null {
    return this.counts?.queue?.overdue ?? null
  }

  /** Handed to me and still to be rectified. */
  get assignedOpenCount(): number | null {
    return this.counts?.assigned.open ?? null
  }

  get assignedOverdueCount(): number | null {
    return this.counts?.assigned.overdue ?? null
  }

  /** Asks for the numbers; a failure leaves the shortcuts without numbers rather than stale ones. */
  async load(): Promise<void> {
    try {
      const counts = await this.api.hazards.counts()
      runInAction(() => {
        this.counts = counts
      })
    } catch {
      runInAction(() => {
        this.counts = null
      })
    }
  }

  reset(): void {
    this.counts = null
  }
}
