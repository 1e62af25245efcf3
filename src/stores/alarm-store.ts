// 一键报警 on the phone. Raising sends at once (with the fix only if it is already there) and
// keeps retrying with the same client key until the server answers; the fix is added when it
// comes. The open alarm follows the live socket, with polling (ETag) as the fallback. A push
// about a new alarm someone else raised becomes the banner shown on every page.
import { makeAutoObservable, reaction, runInAction } from 'mobx'
import type { Alarm, AlarmOutcome, AlarmPushMessage, AlarmType, LiveMessage } from '@/types/alarms'
import type { LocationFix } from '@/types/attendance'
import type { Api } from '@/services/api'
import { ApiError, errorMessage } from '@/services/http'
import type { LiveConnection } from '@/services/live'
import type { LocationService } from '@/services/location'
import type { TokenStorage } from '@/services/token-storage'
import { newClientKey } from '@/utils/client-key'
import type { RootStore } from './root-store'

/** idle → sending → sent; `failing` while retries have not reached the server (call 110). */
export type RaiseState = 'idle' | 'sending' | 'failing' | 'sent' | 'refused'

export interface AlarmDevice {
  location: LocationService
  live: LiveConnection
  tokens: TokenStorage
  now: () => number
  /** Waits between retries (tests pass a fast one). */
  sleep: (ms: number) => Promise<void>
}

const RETRY_MS = 2000
const POLL_LIVE_MS = 15_000
const POLL_OFFLINE_MS = 3_000

export class AlarmStore {
  raiseState: RaiseState = 'idle'
  raiseError: string | null = null
  attempts = 0
  clientKey: string | null = null
  /** The alarm on the alarm page (raised here, or opened from a push or a message). */
  current: Alarm | null = null
  currentId: string | null = null
  loadError: string | null = null
  busy: string | null = null
  /** A new alarm someone else raised: the banner on every page until opened or dismissed. */
  incoming: AlarmPushMessage | null = null
  connected = false
  private etag: string | null = null
  private pollTimer: ReturnType<typeof setTimeout> | null = null
  private raiseRun = 0

  constructor(
    root: RootStore,
    private readonly api: Api,
    private readonly device: AlarmDevice,
  ) {
    makeAutoObservable<AlarmStore, 'api' | 'device' | 'etag' | 'pollTimer' | 'raiseRun'>(this, { api: false, device: false, etag: false, pollTimer: false, raiseRun: false })
    device.live.onMessage((m) => this.onLive(m))
    device.live.onState((c) => runInAction(() => (this.connected = c)))
    // One socket per app, for as long as someone is signed in.
    reaction(
      () => root.auth.signedIn,
      (signedIn) => {
        const token = device.tokens.get()
        if (signedIn && token) device.live.start(() => api.alarms.liveUrl(), token)
        else device.live.stop()
      },
      { fireImmediately: true },
    )
  }

  /**
   * Fires the alarm: one request at once, retried every 2 s with the same key until the server
   * answers (the server keeps one alarm per key). The fix goes along if it is already there,
   * otherwise it is added when it comes.
   */
  async raise(options: { schoolId?: string; drill?: boolean; drillNoticeId?: string } = {}): Promise<void> {
    const run = ++this.raiseRun
    this.clientKey = newClientKey()
    this.raiseState = 'sending'
    this.raiseError = null
    this.attempts = 0
    this.current = null
    this.currentId = null
    this.etag = null
    const clientAt = new Date(this.device.now()).toISOString()
    let fix: LocationFix | null = null
    const located = this.device.location
      .current()
      .then((f) => (fix = f))
      .catch(() => null)
    for (;;) {
      if (run !== this.raiseRun) return
      runInAction(() => this.attempts++)
      try {
        const current: LocationFix | null = fix
        const alarm = await this.api.alarms.raise({ clientKey: this.clientKey!, clientAt, ...options, ...(current ? { location: current } : {}) })
        if (run !== this.raiseRun) return
        runInAction(() => {
          this.raiseState = 'sent'
          this.show(alarm)
        })
        if (!alarm.location) {
          const later = await located
          if (later && run === this.raiseRun) await this.describe({ location: later }).catch(() => {})
        }
        return
      } catch (e) {
        if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429) {
          runInAction(() => {
            this.raiseState = 'refused'
            this.raiseError = e.message
          })
          return
        }
        runInAction(() => {
          this.raiseState = 'failing'
          this.raiseError = errorMessage(e)
        })
        await this.device.sleep(RETRY_MS)
      }
    }
  }

  private show(alarm: Alarm): void {
    this.current = alarm
    this.currentId = alarm.id
    this.loadError = null
    if (this.incoming?.alarmId === alarm.id) this.incoming = null
  }

  /** Opens an alarm by id (from the banner, a message, the list). */
  async open(id: string): Promise<void> {
    if (this.currentId !== id) {
      this.current = null
      this.currentId = id
      this.etag = null
      this.raiseState = 'idle'
    }
    await this.refresh()
  }

  async refresh(): Promise<void> {
    const id = this.currentId
    if (!id) return
    try {
      const res = await this.api.alarms.poll(id, this.etag)
      runInAction(() => {
        if (this.currentId !== id) return
        this.etag = res.etag
        if (!res.notModified) this.show(res.data)
      })
    } catch (e) {
      runInAction(() => {
        if (this.currentId === id) this.loadError = errorMessage(e, '报警加载失败')
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
        this.connected ? POLL_LIVE_MS : POLL_OFFLINE_MS,
      )
    }
    tick()
  }

  stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer)
    this.pollTimer = null
  }

  private onLive(m: LiveMessage): void {
    if (m.type !== 'alarm') return
    if (m.alarmId === this.currentId) void this.refresh()
    else if (m.action === 'raise' && !m.mine) this.incoming = m
    else if (this.incoming?.alarmId === m.alarmId && (m.status === 'closed' || m.status === 'cancelled')) this.incoming = null
  }

  dismissIncoming(): void {
    this.incoming = null
  }

  private async act(name: string, run: () => Promise<Alarm>): Promise<boolean> {
    this.busy = name
    try {
      const alarm = await run()
      runInAction(() => this.show(alarm))
      return true
    } finally {
      runInAction(() => (this.busy = null))
    }
  }

  describe(request: { location?: LocationFix; type?: AlarmType; note?: string; photoIds?: string[] }): Promise<boolean> {
    const id = this.currentId
    if (!id) return Promise.resolve(false)
    return this.act('describe', () => this.api.alarms.describe(id, request))
  }

  acknowledge(): Promise<boolean> {
    return this.act('acknowledge', () => this.api.alarms.acknowledge(this.currentId!))
  }

  /** 到场 with a fresh fix; outside the school an `OUTSIDE_FENCE` error asks for a reason. */
  async arrive(reason?: string): Promise<boolean> {
    const id = this.currentId!
    this.busy = 'arrive'
    let fix: LocationFix
    try {
      fix = await this.device.location.current()
    } catch (e) {
      runInAction(() => (this.busy = null))
      throw e
    }
    return this.act('arrive', () => this.api.alarms.arrive(id, { ...fix, ...(reason ? { reason } : {}) }))
  }

  close(outcome: AlarmOutcome, note?: string): Promise<boolean> {
    return this.act('close', () => this.api.alarms.close(this.currentId!, outcome, note))
  }

  cancel(): Promise<boolean> {
    return this.act('cancel', () => this.api.alarms.cancel(this.currentId!))
  }

  reset(): void {
    this.raiseRun++
    this.stopPolling()
    this.raiseState = 'idle'
    this.raiseError = null
    this.current = null
    this.currentId = null
    this.incoming = null
    this.etag = null
  }
}
