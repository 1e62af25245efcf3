// Reviewing who asks to join a school: approve, reject with a reason, revoke with a reason.
import { makeAutoObservable, runInAction } from 'mobx'
import type { MemberRow } from '@/types/api'
import type { MembershipStatus } from '@/types/org'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from './load-state'

export type MemberTab = 'pending' | 'approved' | 'other'

export const MEMBER_TABS: { key: MemberTab; title: string; statuses: MembershipStatus[] }[] = [
  { key: 'pending', title: '待审核', statuses: ['pending'] },
  { key: 'approved', title: '已通过', statuses: ['approved'] },
  { key: 'other', title: '其他', statuses: ['rejected', 'revoked'] },
]

function statusesOf(tab: MemberTab): MembershipStatus[] {
  return MEMBER_TABS.find((t) => t.key === tab)!.statuses
}

export class MembersStore {
  schoolId: string | null = null
  tab: MemberTab = 'pending'
  rows: MemberRow[] = []
  state: LoadState = 'idle'
  error: string | null = null
  /** The membership whose decision is being sent. */
  busyId: string | null = null
  /** Pending requests across every school the person manages (首页 shortcut, school chips). */
  pendingAll: MemberRow[] | null = null
  /** Whether the pending requests were asked for at least once (answered or failed). */
  pendingChecked = false
  private requestSeq = 0

  constructor(private readonly api: Pick<Api, 'memberships'>) {
    makeAutoObservable<MembersStore, 'api' | 'requestSeq'>(this, { api: false, requestSeq: false })
  }

  get pendingCount(): number | null {
    return this.pendingAll ? this.pendingAll.length : null
  }

  pendingCountAt(schoolId: string): number {
    return this.pendingAll?.filter((r) => r.schoolId === schoolId).length ?? 0
  }

  /** Rows of the current tab (a decided row leaves the 待审核 tab at once). */
  get visibleRows(): MemberRow[] {
    const statuses = statusesOf(this.tab)
    return this.rows.filter((r) => statuses.includes(r.status))
  }

  selectSchool(schoolId: string): Promise<void> {
    if (schoolId === this.schoolId) return Promise.resolve()
    this.schoolId = schoolId
    this.rows = []
    return this.load()
  }

  selectTab(tab: MemberTab): Promise<void> {
    if (tab === this.tab) return Promise.resolve()
    this.tab = tab
    this.rows = []
    return this.load()
  }

  async load(): Promise<void> {
    if (!this.schoolId) return
    const seq = ++this.requestSeq
    const statuses = statusesOf(this.tab)
    // shown again: the rows stay on screen while the fresh ones come
    if (!this.rows.length) this.state = 'loading'
    this.error = null
    try {
      // One status asks the server to filter; 其他 (two statuses) filters here.
      const rows = await this.api.memberships.listMembers({
        schoolId: this.schoolId,
        status: statuses.length === 1 ? statuses[0] : undefined,
      })
      if (seq !== this.requestSeq) return // a newer school or tab was chosen meanwhile
      runInAction(() => {
        this.rows = rows
        this.state = 'ready'
      })
    } catch (e) {
      if (seq !== this.requestSeq) return
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '成员加载失败')
      })
    }
  }

  async loadPendingCount(): Promise<void> {
    try {
      const rows = await this.api.memberships.listMembers({ status: 'pending' })
      runInAction(() => {
        this.pendingAll = rows
      })
    } catch {
      runInAction(() => {
        this.pendingAll = null
      })
    } finally {
      runInAction(() => {
        this.pendingChecked = true
      })
    }
  }

  approve(membershipId: string): Promise<MemberRow> {
    return this.decide(membershipId, () => this.api.memberships.approve(membershipId))
  }

  reject(membershipId: string, reason: string): Promise<MemberRow> {
    return this.decide(membershipId, () => this.api.memberships.reject(membershipId, reason.trim()))
  }

  revoke(membershipId: string, reason: string): Promise<MemberRow> {
    return this.decide(membershipId, () => this.api.memberships.revoke(membershipId, reason.trim()))
  }

  reset(): void {
    this.schoolId = null
    this.tab = 'pending'
    this.rows = []
    this.state = 'idle'
    this.error = null
    this.busyId = null
    this.pendingAll = null
    this.pendingChecked = false
  }

  private async decide(membershipId: string, send: () => Promise<MemberRow>): Promise<MemberRow> {
    this.busyId = membershipId
    try {
      const row = await send()
      runInAction(() => {
        this.rows = this.rows.map((r) => (r.membershipId === row.membershipId ? row : r))
        if (this.pendingAll && row.status !== 'pending') {
          this.pendingAll = this.pendingAll.filter((r) => r.membershipId !== row.membershipId)
        }
      })
      return row
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }
}
