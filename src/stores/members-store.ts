// Reviewing who asks to join a school: approve, reject with a reason, revoke with a reason.
import { makeAutoObservable, runInAction } from 'mobx'
import type { MemberRow } from '@/types/api'
import type { MembershipStatus } from '@/types/org'
import type { Api } from '@/services/api'
import { lazyStore } from './lazy-store'
import { ListResource, type LoadState } from './load-state'
import type { PendingStore } from './pending-store'

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
  /** The membership whose decision is being sent. */
  busyId: string | null = null
  /** the rows of the chosen school and tab */
  private readonly list = new ListResource<MemberRow>('成员加载失败')

  /** `pending`: the counts per school (首页 and the school chips), lowered by each decision here. */
  constructor(
    private readonly api: Pick<Api, 'memberships'>,
    private readonly pending: PendingStore,
  ) {
    makeAutoObservable<MembersStore, 'api' | 'pending' | 'list'>(this, { api: false, pending: false, list: false })
  }

  get rows(): MemberRow[] {
    return this.list.items
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  /** Rows of the current tab (a decided row leaves the 待审核 tab at once). */
  get visibleRows(): MemberRow[] {
    const statuses = statusesOf(this.tab)
    return this.rows.filter((r) => statuses.includes(r.status))
  }

  selectSchool(schoolId: string): Promise<void> {
    if (schoolId === this.schoolId) return Promise.resolve()
    this.schoolId = schoolId
    this.list.reset()
    return this.load()
  }

  selectTab(tab: MemberTab): Promise<void> {
    if (tab === this.tab) return Promise.resolve()
    this.tab = tab
    this.list.reset()
    return this.load()
  }

  /** Shown again: the rows stay on screen while the fresh ones come; a newer school or tab drops the older answer. */
  load(): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return Promise.resolve()
    const statuses = statusesOf(this.tab)
    // One status asks the server to filter; 其他 (two statuses) filters here.
    return this.list.load(() => this.api.memberships.listMembers({ schoolId, status: statuses.length === 1 ? statuses[0] : undefined }), { key: `${schoolId}|${this.tab}` })
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
    this.list.reset()
    this.busyId = null
  }

  private async decide(membershipId: string, send: () => Promise<MemberRow>): Promise<MemberRow> {
    this.busyId = membershipId
    try {
      const before = this.rows.find((r) => r.membershipId === membershipId)?.status
      const row = await send()
      runInAction(() => {
        this.list.set(this.rows.map((r) => (r.membershipId === row.membershipId ? row : r)))
        if (before === 'pending' && row.status !== 'pending') this.pending.memberDecided(row.schoolId)
      })
      return row
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }
}

/** root.store(membersStore): 成员审核's store (packages/manage), created on first use. */
export const membersStore = lazyStore(
  (root, api) => new MembersStore(api, root.pending),
  (store) => store.reset(),
)
