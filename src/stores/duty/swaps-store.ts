// Swaps (换班) across the person's schools: open ones they could take, and their own offers.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Swap } from '@/types/shifts'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'
import type { RootStore } from '../root-store'

export class SwapsStore {
  items: Swap[] = []
  state: LoadState = 'idle'
  error: string | null = null
  busyId: string | null = null

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'shifts'>,
  ) {
    makeAutoObservable<SwapsStore, 'root' | 'api'>(this, { root: false, api: false })
  }

  private get myId(): string | null {
    return this.root.me.person?.id ?? null
  }

  /** Open swaps someone else offers that this person may take (to them, or to everyone). */
  get takeable(): Swap[] {
    return this.items.filter(
      (w) => w.status === 'open' && w.from.id !== this.myId && (!w.to || w.to.id === this.myId) && this.root.duty.dutyRolesAt(w.shift.schoolId).includes(w.role),
    )
  }

  /** The person's own offers, newest first. */
  get mine(): Swap[] {
    return this.items.filter((w) => w.from.id === this.myId)
  }

  /** For managers: every swap of the schools they manage. */
  get managed(): Swap[] {
    return this.items.filter((w) => w.from.id !== this.myId && this.root.duty.managesSchool(w.shift.schoolId))
  }

  /** Loads the swaps of every school the person belongs to (one request per school). */
  async load(): Promise<void> {
    const schools = this.root.schools.items
    this.state = this.items.length ? 'ready' : 'loading'
    this.error = null
    try {
      const lists = await Promise.all(schools.map((s) => this.api.shifts.swaps(s.id)))
      runInAction(() => {
        this.items = lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        this.state = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '换班加载失败')
      })
    }
  }

  accept(swap: Swap): Promise<Swap> {
    return this.act(swap.id, () => this.api.shifts.acceptSwap(swap.id))
  }

  cancel(swap: Swap): Promise<Swap> {
    return this.act(swap.id, () => this.api.shifts.cancelSwap(swap.id))
  }

  /** A swap just offered on this phone, shown before the next reload. */
  add(swap: Swap): void {
    this.items = [swap, ...this.items.filter((w) => w.id !== swap.id)]
  }

  reset(): void {
    this.items = []
    this.state = 'idle'
    this.error = null
    this.busyId = null
  }

  private async act(swapId: string, send: () => Promise<Swap>): Promise<Swap> {
    this.busyId = swapId
    try {
      const swap = await send()
      runInAction(() => {
        this.items = this.items.map((w) => (w.id === swap.id ? swap : w))
        this.root.duty.applyShift(swap.shift)
      })
      void this.root.duty.loadUpcoming()
      void this.root.duty.loadHome()
      return swap
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }
}
