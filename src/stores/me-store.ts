// The signed-in person, their memberships, and what those let them do.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Action, Grant, Scope } from '@/domain/authorization'
import { can, canGrantRole, holdsAnywhere } from '@/domain/authorization'
import type { Me, Membership, School } from '@/types/api'
import type { Role } from '@/types/org'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from './load-state'
import type { RootStore } from './root-store'

/** The grant a membership gives, read from its scope. */
export function grantOf(membership: Membership): Grant {
  const { scope } = membership
  return {
    role: membership.role,
    schoolId: scope.kind === 'school' ? scope.schoolId : null,
    stationId: scope.kind === 'station' ? scope.stationId : null,
    districtId: scope.kind === 'district' ? scope.districtId : null,
  }
}

/** School, station or district name of a membership. */
export function scopeName(membership: Membership): string {
  const { scope } = membership
  if (scope.kind === 'school') return scope.schoolName
  if (scope.kind === 'station') return scope.stationName
  if (scope.kind === 'district') return scope.districtName
  return '全市'
}

export function schoolRef(school: School) {
  return { id: school.id, stationId: school.stationId, districtId: school.districtId }
}

export class MeStore {
  me: Me | null = null
  state: LoadState = 'idle'
  error: string | null = null
  private inflight: Promise<void> | null = null

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'me'>,
  ) {
    makeAutoObservable<MeStore, 'root' | 'api' | 'inflight'>(this, { root: false, api: false, inflight: false })
  }

  get person() {
    return this.me?.person ?? null
  }

  get memberships(): Membership[] {
    return this.me?.memberships ?? []
  }

  /** Only approved memberships let a person act. */
  get grants(): Grant[] {
    return this.memberships.filter((m) => m.status === 'approved').map(grantOf)
  }

  get pendingMemberships(): Membership[] {
    return this.memberships.filter((m) => m.status === 'pending')
  }

  get hasNoMemberships(): boolean {
    return this.me !== null && this.memberships.length === 0
  }

  /** The policy's answer for this person: may they do this here (domain/authorization.ts). */
  can(action: Action, scope: Scope): boolean {
    return can(this.grants, action, scope)
  }

  /** Do they hold the action anywhere (to show an entry before a place is chosen). */
  holds(action: Action): boolean {
    return holdsAnywhere(this.grants, action)
  }

  /** Schools (among those loaded) where the person may do this. */
  schoolsWhere(action: Action): School[] {
    return this.root.schools.items.filter((s) => can(this.grants, action, schoolRef(s)))
  }

  /** Schools (among those loaded) whose members this person may review. */
  get managedSchools(): School[] {
    return this.schoolsWhere('member.review')
  }

  get managesAnySchool(): boolean {
    return this.managedSchools.length > 0
  }

  canManageInvites(school: School): boolean {
    return can(this.grants, 'invite.manage', schoolRef(school))
  }

  canGrantRole(role: Role, school: School): boolean {
    return canGrantRole(this.grants, role, schoolRef(school))
  }

  setMe(me: Me): void {
    this.me = me
    this.state = 'ready'
    this.error = null
  }

  /** Reloads /api/me; concurrent calls share one request. Rethrows after recording the error. */
  load(): Promise<void> {
    if (this.inflight) return this.inflight
    this.state = 'loading'
    this.error = null
    const run = this.api.me
      .get()
      .then((me) => runInAction(() => this.setMe(me)))
      .catch((e: unknown) => {
        runInAction(() => {
          this.state = 'error'
          this.error = errorMessage(e, '加载失败，请稍后重试')
        })
        throw e
      })
      .finally(() => {
        this.inflight = null
      })
    this.inflight = run
    return run
  }

  /** A membership just created or changed on this phone, shown before the next reload. */
  upsertMembership(membership: Membership): void {
    if (!this.me) return
    const others = this.me.memberships.filter((m) => m.id !== membership.id)
    this.me = { ...this.me, memberships: [membership, ...others] }
  }

  reset(): void {
    this.me = null
    this.state = 'idle'
    this.error = null
  }
}
