// What waits for a person on 首页: for police and admins, reports to accept and overdue ones;
// for an assignee (a principal), reports handed to them and not yet rectified.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Hazard } from '@/types/hazards'
import type { Api } from '@/services/api'

export class HazardInboxStore {
  queue: Hazard[] | null = null
  assigned: Hazard[] | null = null

  constructor(private readonly api: Pick<Api, 'hazards'>) {
    makeAutoObservable<HazardInboxStore, 'api'>(this, { api: false })
  }

  get submittedCount(): number | null {
    return this.queue ? this.queue.filter((h) => h.status === 'submitted').length : null
  }

  get overdueCount(): number | null {
    return this.queue ? this.queue.filter((h) => h.overdue).length : null
  }

  /** Handed to me and still to be rectified. */
  get assignedOpenCount(): number | null {
    return this.assigned ? this.assigned.filter((h) => h.status === 'assigned').length : null
  }

  get assignedOverdueCount(): number | null {
    return this.assigned ? this.assigned.filter((h) => h.overdue).length : null
  }

  /** Loads what the person's roles show; a failure leaves the shortcut without numbers. */
  async load(what: { queue: boolean; assigned: boolean }): Promise<void> {
    await Promise.all([
      what.queue ? this.fetch('queue') : undefined,
      what.assigned ? this.fetch('assigned') : undefined,
    ])
  }

  reset(): void {
    this.queue = null
    this.assigned = null
  }

  private async fetch(scope: 'queue' | 'assigned'): Promise<void> {
    try {
      const items = await this.api.hazards.list({ scope })
      runInAction(() => {
        this[scope] = items
      })
    } catch {
      runInAction(() => {
        this[scope] = null
      })
    }
  }
}
