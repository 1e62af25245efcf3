// Invite codes of a school: list, create, revoke.
import { makeAutoObservable, runInAction } from 'mobx'
import { INVITE_LIMITS } from '@/domain/invite'
import type { Invite } from '@/types/api'
import type { SchoolRole } from '@/types/org'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import { Resource, type LoadState } from './load-state'
import { lazyStore } from './lazy-store'

export const INVITE_DEFAULTS = { role: 'volunteer' as SchoolRole, validDays: 7, maxUses: 50 }

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min
  return Math.min(max, Math.max(min, Math.round(value)))
}

export class InvitesStore {
  schoolId: string | null = null
  /** the school's codes, keyed by the school */
  private readonly list = new Resource<Invite[]>('邀请码加载失败')
  role: SchoolRole = INVITE_DEFAULTS.role
  validDays = INVITE_DEFAULTS.validDays
  maxUses = INVITE_DEFAULTS.maxUses
  creating = false
  /** The invite just created, shown first and highlighted. */
  createdId: string | null = null
  busyId: string | null = null
  /** Mini-program codes asked for on this screen, per invite: the local image, or why there is none. */
  wxacodes: Record<string, { state: 'loading' } | { state: 'ready'; path: string } | { state: 'error'; message: string }> = {}

  constructor(private readonly api: Pick<Api, 'invites'>) {
    makeAutoObservable<InvitesStore, 'api' | 'list'>(this, { api: false, list: false })
  }

  /** The chosen school's codes (none while another school's are shown). */
  get items(): Invite[] {
    return (this.schoolId ? this.list.valueFor(this.schoolId) : null) ?? []
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  get usableCount(): number {
    return this.items.filter((i) => i.usable).length
  }

  selectSchool(schoolId: string): Promise<void> {
    if (schoolId === this.schoolId) return Promise.resolve()
    this.schoolId = schoolId
    this.createdId = null
    return this.load()
  }

  setRole(role: SchoolRole): void {
    this.role = role
  }

  setValidDays(days: number): void {
    this.validDays = clamp(days, INVITE_LIMITS.minDays, INVITE_LIMITS.maxDays)
  }

  setMaxUses(uses: number): void {
    this.maxUses = clamp(uses, INVITE_LIMITS.minUses, INVITE_LIMITS.maxUses)
  }

  load(): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return Promise.resolve()
    return this.list.load(() => this.api.invites.list(schoolId), { key: schoolId })
  }

  async create(): Promise<Invite> {
    const schoolId = this.schoolId
    if (!schoolId) throw new Error('choose a school first')
    this.creating = true
    try {
      const invite = await this.api.invites.create({
        schoolId,
        role: this.role,
        validDays: this.validDays,
        maxUses: this.maxUses,
      })
      runInAction(() => {
        this.list.set([invite, ...(this.list.valueFor(schoolId) ?? []).filter((i) => i.id !== invite.id)], schoolId)
        this.createdId = invite.id
      })
      return invite
    } finally {
      runInAction(() => {
        this.creating = false
      })
    }
  }

  async revoke(inviteId: string): Promise<Invite> {
    this.busyId = inviteId
    try {
      const invite = await this.api.invites.revoke(inviteId)
      runInAction(() => {
        this.list.set(this.items.map((i) => (i.id === invite.id ? invite : i)))
      })
      return invite
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  /** Fetches the invite's mini-program code once (again after a failure). */
  async loadWxacode(inviteId: string): Promise<void> {
    const current = this.wxacodes[inviteId]
    if (current && current.state !== 'error') return
    this.wxacodes = { ...this.wxacodes, [inviteId]: { state: 'loading' } }
    try {
      const path = await this.api.invites.wxacode(inviteId)
      runInAction(() => {
        this.wxacodes = { ...this.wxacodes, [inviteId]: { state: 'ready', path } }
      })
    } catch (e) {
      runInAction(() => {
        this.wxacodes = { ...this.wxacodes, [inviteId]: { state: 'error', message: errorMessage(e, '小程序码生成失败，请稍后重试') } }
      })
    }
  }

  reset(): void {
    this.wxacodes = {}
    this.schoolId = null
    this.list.reset()
    this.role = INVITE_DEFAULTS.role
    this.validDays = INVITE_DEFAULTS.validDays
    this.maxUses = INVITE_DEFAULTS.maxUses
    this.createdId = null
    this.busyId = null
  }
}

/** root.store(invitesStore): the invite pages' store (packages/manage), created on first use. */
export const invitesStore = lazyStore(
  (_root, api) => new InvitesStore(api),
  (store) => store.reset(),
)
