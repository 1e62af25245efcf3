// 一键报警 on the phone, the part every page needs (the main package): raising sends at once (with
// the fix only if it is already there) and keeps retrying with the same client key until the
// server answers; the fix is added when it comes. A push about a new alarm someone else raised
// becomes the banner shown on every page. What the alarm page does with the open alarm (follow
// it, respond, close) is alarm-detail-store.ts, in the alarm subpackage.
import { makeAutoObservable, reaction, runInAction } from 'mobx'
import type { Alarm, AlarmPushMessage, LiveMessage } from '@/types/alarms'
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

export class AlarmStore {
  raiseState: RaiseState = 'idle'
  raiseError: string | null = null
  attempts = 0
  clientKey: string | null = null
  /** The alarm on the alarm page (raised here, or opened from a push or a message). */
  current: Alarm | null = null
  currentId: string | null = null
  /** Counts the live pushes about the open alarm: the alarm page reloads it on each. */
  currentPushes = 0
  /** A new alarm someone else raised: the banner on every page until opened or dismissed. */
  incoming: AlarmPushMessage | null = null
  connected = false
  private raiseRun = 0

  constructor(
    root: RootStore,
    private readonly api: Api,
    readonly device: AlarmDevice,
  ) {
    makeAutoObservable<AlarmStore, 'api' | 'device' | 'raiseRun'>(this, { api: false, device: false, raiseRun: false })
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
          if (later && run === this.raiseRun) {
            const described = await this.api.alarms.describe(alarm.id, { location: later }).catch(() => null)
            if (described && run === this.raiseRun) runInAction(() => this.show(described))
          }
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

  /** The alarm to show: the one raised here, or the newest answer about the open one (another is ignored). */
  show(alarm: Alarm): void {
    if (this.currentId !== null && alarm.id !== this.currentId) return
    this.current = alarm
    this.currentId = alarm.id
    if (this.incoming?.alarmId === alarm.id) this.incoming = null
  }

  /** The alarm page opens `id` (from the banner, a message, the list); a different one starts empty. */
  select(id: string): boolean {
    if (this.currentId === id) return false
    this.current = null
    this.currentId = id
    this.raiseState = 'idle'
    return true
  }

  private onLive(m: LiveMessage): void {
    if (m.type !== 'alarm') return
    if (m.alarmId === this.currentId) this.currentPushes++
    else if (m.action === 'raise' && !m.mine) this.incoming = m
    else if (this.incoming?.alarmId === m.alarmId && (m.status === 'closed' || m.status === 'cancelled')) this.incoming = null
  }

  dismissIncoming(): void {
    this.incoming = null
  }

  reset(): void {
    this.raiseRun++
    this.raiseState = 'idle'
    this.raiseError = null
    this.current = null
    this.currentId = null
    this.incoming = null
  }
}
