// The alarm page's part of 一键报警 (the alarm subpackage): the open alarm follows the live socket,
// with polling (ETag) as the fallback, and the responders act on it (收到, 到场, 结束, 取消, what
// happened). The alarm itself lives in root.alarms, which raising and the banner share with every
// page (alarm-store.ts).
import { makeAutoObservable, reaction, runInAction } from 'mobx'
import type { Alarm, AlarmOutcome, AlarmType } from '@/types/alarms'
import type { LocationFix } from '@/types/attendance'
import { alarmsDesk, type AlarmDeskService } from '@/services/alarm-desk'
import { errorMessage } from '@/services/http'
import type { AlarmStore } from './alarm-store'
import { lazyStore } from './lazy-store'

const POLL_LIVE_MS = 15_000
const POLL_OFFLINE_MS = 3_000

export class AlarmDetailStore {
  loadError: string | null = null
  busy: string | null = null
  private etag: string | null = null
  private pollTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly alarms: AlarmStore,
    private readonly api: { alarms: AlarmDeskService },
  ) {
    makeAutoObservable<AlarmDetailStore, 'alarms' | 'api' | 'etag' | 'pollTimer'>(this, { alarms: false, api: false, etag: false, pollTimer: false })
    // a push about the open alarm: ask for it now (the answer is a 304 if nothing changed)
    reaction(
      () => alarms.currentPushes,
      () => void this.refresh(),
    )
  }

  get current(): Alarm | null {
    return this.alarms.current
  }

  /** Opens an alarm by id (from the banner, a message, the list). */
  async open(id: string): Promise<void> {
    if (this.alarms.select(id)) {
      this.etag = null
      this.loadError = null
    }
    await this.refresh()
  }

  async refresh(): Promise<void> {
    const id = this.alarms.currentId
    if (!id) return
    try {
      const res = await this.api.alarms.poll(id, this.etag)
      runInAction(() => {
        if (this.alarms.currentId !== id) return
        this.etag = res.etag
        this.loadError = null
        if (!res.notModified) this.alarms.show(res.data)
      })
    } catch (e) {
      runInAction(() => {
        if (this.alarms.currentId === id) this.loadError = errorMessage(e, '报警加载失败')
      })
    }
  }

  /** While the alarm page shows: poll often while the socket is down, rarely while it is up. */
  startPolling(): void {
    this.stopPolling()
    const tick = () => {
      this.pollTimer = setTimeout(
        () => {
          void this.refresh().finally(() => this.pollTimer !== null && tick())
        },
        this.alarms.connected ? POLL_LIVE_MS : POLL_OFFLINE_MS,
      )
    }
    tick()
  }

  stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer)
    this.pollTimer = null
  }

  private async act(name: string, run: () => Promise<Alarm>): Promise<boolean> {
    this.busy = name
    try {
      const alarm = await run()
      runInAction(() => this.alarms.show(alarm))
      return true
    } finally {
      runInAction(() => (this.busy = null))
    }
  }

  describe(request: { location?: LocationFix; type?: AlarmType; note?: string; photoIds?: string[] }): Promise<boolean> {
    const id = this.alarms.currentId
    if (!id) return Promise.resolve(false)
    return this.act('describe', () => this.api.alarms.describe(id, request))
  }

  acknowledge(): Promise<boolean> {
    return this.act('acknowledge', () => this.api.alarms.acknowledge(this.alarms.currentId!))
  }

  /** 到场 with a fresh fix; outside the school an `OUTSIDE_FENCE` error asks for a reason. */
  async arrive(reason?: string): Promise<boolean> {
    const id = this.alarms.currentId!
    this.busy = 'arrive'
    let fix: LocationFix
    try {
      fix = await this.alarms.device.location.current()
    } catch (e) {
      runInAction(() => (this.busy = null))
      throw e
    }
    return this.act('arrive', () => this.api.alarms.arrive(id, { ...fix, ...(reason ? { reason } : {}) }))
  }

  close(outcome: AlarmOutcome, note?: string): Promise<boolean> {
    return this.act('close', () => this.api.alarms.close(this.alarms.currentId!, outcome, note))
  }

  cancel(): Promise<boolean> {
    return this.act('cancel', () => this.api.alarms.cancel(this.alarms.currentId!))
  }

  reset(): void {
    this.stopPolling()
    this.loadError = null
    this.busy = null
    this.etag = null
  }
}

/** root.store(alarmDetailStore): the alarm page's store (packages/alarm), created on first use. */
export const alarmDetailStore = lazyStore(
  (root, api) => new AlarmDetailStore(root.alarms, { alarms: alarmsDesk(api) }),
  (store) => store.reset(),
)
