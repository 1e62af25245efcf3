// What waits for a manager's decision, per school: applications to join (成员审核) and duty
// exceptions (异常审核). 首页 shows the totals, the review pages their school chips. Kept apart from
// the review stores so that those stay in their subpackages (WeChat's main package budget).
import { makeAutoObservable, runInAction } from 'mobx'
import type { Api } from '@/services/api'

export class PendingStore {
  /** Applications waiting per school; null until asked once (or when the last ask failed). */
  members: Record<string, number> | null = null
  /** Whether the applications were asked for at least once (answered or failed). */
  membersChecked = false
  /** Exceptions waiting per school (for badges). */
  exceptions: Record<string, number> = {}

  constructor(private readonly api: Pick<Api, 'memberships' | 'attendance'>) {
    makeAutoObservable<PendingStore, 'api'>(this, { api: false })
  }

  /** Applications waiting in all the person's schools; null while unknown. */
  get membersTotal(): number | null {
    return this.members ? Object.values(this.members).reduce((a, b) => a + b, 0) : null
  }

  membersAt(schoolId: string): number {
    return this.members?.[schoolId] ?? 0
  }

  exceptionsAt(schoolId: string): number {
    return this.exceptions[schoolId] ?? 0
  }

  async loadMembers(): Promise<void> {
    try {
      const rows = await this.api.memberships.listMembers({ status: 'pending' })
      const counts: Record<string, number> = {}
      for (const r of rows) counts[r.schoolId] = (counts[r.schoolId] ?? 0) + 1
      runInAction(() => (this.members = counts))
    } catch {
      runInAction(() => (this.members = null))
    } finally {
      runInAction(() => (this.membersChecked = true))
    }
  }

  /** An application of `schoolId` was decided here: one fewer waits. */
  memberDecided(schoolId: string): void {
    if (this.members?.[schoolId]) this.members = { ...this.members, [schoolId]: this.members[schoolId] - 1 }
  }

  /** Pending exceptions of every managed school, in one request (one per school would pass WeChat's 10 at once). */
  async loadExceptions(): Promise<void> {
    try {
      const counts = await this.api.attendance.pendingCounts()
      runInAction(() => (this.exceptions = Object.fromEntries(counts.map((c) => [c.schoolId, c.pending]))))
    } catch {
      // the badge waits for the next visit
    }
  }

  /** A school's pending list was read whole: its count is its length. */
  setExceptions(schoolId: string, count: number): void {
    this.exceptions = { ...this.exceptions, [schoolId]: count }
  }

  /** An exception of `schoolId` was reviewed here: one fewer waits. */
  exceptionReviewed(schoolId: string): void {
    if (this.exceptions[schoolId]) this.exceptions = { ...this.exceptions, [schoolId]: this.exceptions[schoolId] - 1 }
  }

  reset(): void {
    this.members = null
    this.membersChecked = false
    this.exceptions = {}
  }
}
