// Check-in and check-out at the gate, the location behind them, location heartbeats while on
// duty, and the check-ins kept on the phone when the network is gone (DESIGN.md §4 "Retries").
// The server decides; this store locates, sends, keeps what could not be sent, and resends it
// with the same idempotency key and the time of the tap.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Attendance, CheckinRequest, HeartbeatResult, LocationFix } from '@/types/attendance'
import type { Shift } from '@/types/shifts'
import type { Api } from '@/services/api'
import { newIdempotencyKey, type CheckKind, type PendingCheck, type QueueStorage } from '@/services/checkin-queue'
import type { Connectivity } from '@/services/device'
import { ApiError, errorMessage } from '@/services/http'
import { LocationError, locationErrorFrom, type LocationErrorCode, type LocationService, type WatchMode } from '@/services/location'
import type { RootStore } from '../root-store'

export const HEARTBEAT_INTERVAL_MS = 60_000
const HEARTBEAT_TICK_MS = 15_000

export type CheckResult =
  | { kind: 'done'; attendance: Attendance }
  /** No network: kept on the phone (待上传) and sent when the network returns. */
  | { kind: 'queued' }
  /** Outside the fence: the person may try again with a reason (then it is an exception). */
  | { kind: 'outside'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'location'; error: LocationError }

export interface CheckinDevice {
  location: LocationService
  queue: QueueStorage
  connectivity: Connectivity
  now: () => Date
}

/** No answer, or the server failed: the same request may be sent again safely. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500)
}

export class CheckinStore {
  fix: LocationFix | null = null
  fixAt: number | null = null
  locating = false
  locationError: { code: LocationErrorCode; message: string } | null = null
  busy: { signupId: string; kind: CheckKind } | null = null
  /** Check-ins and check-outs kept on the phone, oldest first. */
  queue: PendingCheck[] = []
  flushing = false
  /** Kept check-ins the server refused once they arrived: shown to the person, then dropped. */
  refusedOffline: { signupId: string; kind: CheckKind; message: string }[] = []

  heartbeatSignupId: string | null = null
  lastHeartbeat: HeartbeatResult | null = null
  lastHeartbeatAt: number | null = null
  heartbeatError: string | null = null
  /** How positions come while on duty: with the phone locked too, or only while the app is shown. */
  heartbeatMode: WatchMode | null = null

  private started = false
  private stopReconnect: (() => void) | null = null
  private owners = new Map<string, string>()
  private stopWatch: (() => void) | null = null
  private ticker: ReturnType<typeof setInterval> | null = null
  /** The last fix of a running watch: where the person is (a watch reports changes only). */
  private watchedFix: LocationFix | null = null
  private heartbeatInFlight = false
  /** One key per signup and kind until the server has accepted it (a retry after a refusal reuses it). */
  private keys: Record<string, string> = {}

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'attendance'>,
    private readonly device: CheckinDevice,
  ) {
    makeAutoObservable<CheckinStore, 'root' | 'api' | 'device' | 'started' | 'stopReconnect' | 'owners' | 'stopWatch' | 'ticker' | 'watchedFix' | 'heartbeatInFlight' | 'keys'>(
      this,
      {
        root: false,
        api: false,
        device: false,
        started: false,
        stopReconnect: false,
        owners: false,
        stopWatch: false,
        ticker: false,
        watchedFix: false,
        heartbeatInFlight: false,
        keys: false,
      },
    )
  }

  /** Loads what was kept on the phone and sends it when the network or the app comes back. Idempotent. */
  start(): void {
    if (!this.started) {
      this.started = true
      this.queue = this.device.queue.load()
      this.stopReconnect = this.device.connectivity.onReconnect(() => void this.flush())
    }
    void this.flush()
  }

  pendingFor(signupId: string, kind: CheckKind): PendingCheck | null {
    return this.queue.find((p) => p.signupId === signupId && p.kind === kind) ?? null
  }

  /** A fresh fix in GCJ-02. Rejects with a LocationError that says what to do. */
  async locate(): Promise<LocationFix> {
    this.locationError = null
    // While location is watched, its last fix is current; and a browser may not answer a
    // one-off request at all while a watch runs.
    if (this.stopWatch && this.watchedFix) {
      this.fix = this.watchedFix
      this.fixAt = this.device.now().getTime()
      return this.watchedFix
    }
    this.locating = true
    try {
      const fix = await this.device.location.current()
      runInAction(() => {
        this.fix = fix
        this.fixAt = this.device.now().getTime()
        this.locating = false
      })
      return fix
    } catch (e) {
      const error = locationErrorFrom(e)
      runInAction(() => {
        this.locationError = { code: error.code, message: error.message }
        this.locating = false
      })
      throw error
    }
  }

  /** Locates for the distance shown on a card; failures only show on the card. */
  refreshLocation(): void {
    if (this.locating) return
    this.locate().catch(() => {})
  }

  openLocationSettings(): void {
    void this.device.location.openSettings().then(() => this.refreshLocation())
  }

  checkIn(shift: Shift, reason?: string): Promise<CheckResult> {
    return this.check('in', shift, reason)
  }

  /** The same rules as check-in: outside the fence, a reason makes it an exception for review. */
  checkOut(shift: Shift, reason?: string): Promise<CheckResult> {
    return this.check('out', shift, reason)
  }

  /** Sends what was kept on the phone, oldest first; stops at the first that still cannot go. */
  async flush(): Promise<void> {
    const personId = this.root.me.person?.id
    if (this.flushing || !personId) return
    const mine = this.queue.filter((p) => p.personId === personId)
    if (mine.length === 0) return
    this.flushing = true
    try {
      for (const item of mine) {
        try {
          const attendance = await this.send(item.kind, item.signupId, item.request)
          runInAction(() => {
            this.dequeue(item)
            this.accept(attendance)
          })
        } catch (e) {
          if (isRetryable(e) || (e instanceof ApiError && e.status === 401)) {
            runInAction(() => this.touch(item, errorMessage(e)))
            break
          }
          runInAction(() => {
            this.dequeue(item)
            this.refusedOffline.push({ signupId: item.signupId, kind: item.kind, message: errorMessage(e) })
          })
        }
      }
    } finally {
      runInAction(() => {
        this.flushing = false
      })
    }
  }

  /** Takes the refusals to show (once). */
  takeRefusedOffline(): { signupId: string; kind: CheckKind; message: string }[] {
    const list = this.refusedOffline
    this.refusedOffline = []
    return list
  }

  /**
   * A screen showing duty wants heartbeats for a signup (null: it wants none). While any screen
   * wants one, location is watched and a heartbeat goes out about once a minute.
   */
  setHeartbeat(owner: string, signupId: string | null): void {
    if (signupId) this.owners.set(owner, signupId)
    else this.owners.delete(owner)
    const wanted = this.owners.values().next().value ?? null
    if (wanted === this.heartbeatSignupId) return
    this.stopHeartbeat()
    if (!wanted) return
    this.heartbeatSignupId = wanted
    this.heartbeatError = null
    this.stopWatch = this.device.location.watch(
      (fix) => this.onWatchedFix(fix),
      (error) => {
        runInAction(() => {
          this.heartbeatError = error.message
        })
      },
      (mode) => {
        runInAction(() => {
          this.heartbeatMode = mode
        })
      },
    )
    this.ticker = setInterval(() => void this.beat(), HEARTBEAT_TICK_MS)
  }

  reset(): void {
    this.stopHeartbeat()
    this.owners.clear()
    this.busy = null
    this.fix = null
    this.fixAt = null
    this.locationError = null
    this.refusedOffline = []
    this.keys = {}
  }

  /** For tests and logout: stop listening to the network. */
  stop(): void {
    this.stopReconnect?.()
    this.stopReconnect = null
    this.started = false
    this.reset()
  }

  // ------------------------------------------------------------ internals

  private async check(kind: CheckKind, shift: Shift, reason?: string): Promise<CheckResult> {
    const mine = shift.mine
    const personId = this.root.me.person?.id
    if (!mine || !personId) return { kind: 'refused', message: '你不在该班次的名单中' }
    const signupId = mine.signupId
    if (this.pendingFor(signupId, kind)) {
      void this.flush()
      return { kind: 'queued' }
    }
    const tapAt = this.device.now()
    this.busy = { signupId, kind }
    try {
      let fix: LocationFix
      try {
        fix = await this.locate()
      } catch (e) {
        return { kind: 'location', error: locationErrorFrom(e) }
      }
      const keyName = `${signupId}:${kind}`
      const idempotencyKey = this.keys[keyName] ?? (this.keys[keyName] = newIdempotencyKey(tapAt.getTime()))
      const request: CheckinRequest = { lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy, idempotencyKey, ...(reason ? { reason } : {}) }
      const kept: PendingCheck = { personId, signupId, shiftId: shift.id, kind, request: { ...request, clientAt: tapAt.toISOString() }, attempts: 0, lastError: null }

      // A check-out while the check-in still waits on the phone waits behind it.
      if (kind === 'out' && this.pendingFor(signupId, 'in')) {
        await this.flush()
        if (this.pendingFor(signupId, 'in')) {
          runInAction(() => this.enqueue(kept))
          return { kind: 'queued' }
        }
      }
      try {
        const attendance = await this.send(kind, signupId, request)
        runInAction(() => this.accept(attendance))
        delete this.keys[keyName]
        return { kind: 'done', attendance }
      } catch (e) {
        if (isRetryable(e)) {
          runInAction(() => this.enqueue({ ...kept, attempts: 1, lastError: errorMessage(e) }))
          return { kind: 'queued' }
        }
        if (e instanceof ApiError && e.code === 'OUTSIDE_FENCE') return { kind: 'outside', message: e.message }
        return { kind: 'refused', message: errorMessage(e, kind === 'in' ? '签到失败，请稍后重试' : '签退失败，请稍后重试') }
      }
    } finally {
      runInAction(() => {
        this.busy = null
      })
    }
  }

  private send(kind: CheckKind, signupId: string, request: CheckinRequest): Promise<Attendance> {
    return kind === 'in' ? this.api.attendance.checkIn(signupId, request) : this.api.attendance.checkOut(signupId, request)
  }

  /** The server's answer goes onto the person's signup wherever it is shown (late, exceptions …). */
  private accept(attendance: Attendance): void {
    const { checkInAt, checkOutAt, late, earlyLeave, exceptions } = attendance
    this.root.duty.markAttendance(attendance.signupId, { checkInAt, checkOutAt, late, earlyLeave, exceptions })
  }

  private enqueue(item: PendingCheck): void {
    this.queue = [...this.queue.filter((p) => !(p.signupId === item.signupId && p.kind === item.kind)), item]
    this.device.queue.save(this.queue)
  }

  private dequeue(item: PendingCheck): void {
    this.queue = this.queue.filter((p) => !(p.signupId === item.signupId && p.kind === item.kind))
    this.device.queue.save(this.queue)
  }

  private touch(item: PendingCheck, lastError: string): void {
    this.queue = this.queue.map((p) => (p.signupId === item.signupId && p.kind === item.kind ? { ...p, attempts: p.attempts + 1, lastError } : p))
    this.device.queue.save(this.queue)
  }

  private onWatchedFix(fix: LocationFix): void {
    this.watchedFix = fix
    this.fix = fix
    this.fixAt = this.device.now().getTime()
    this.heartbeatError = null
    void this.beat()
  }

  /** About once a minute, the latest fix (the browser reports only changes: standing still is a fix too). */
  private async beat(): Promise<void> {
    const signupId = this.heartbeatSignupId
    const now = this.device.now().getTime()
    if (!signupId || !this.fix || this.heartbeatInFlight) return
    if (this.lastHeartbeatAt !== null && now - this.lastHeartbeatAt < HEARTBEAT_INTERVAL_MS) return
    this.heartbeatInFlight = true
    this.lastHeartbeatAt = now
    try {
      const result = await this.api.attendance.heartbeat(signupId, this.fix)
      runInAction(() => {
        this.lastHeartbeat = result
      })
    } catch (e) {
      // 409: no longer on duty (checked out, shift over): no more heartbeats for it
      if (e instanceof ApiError && e.status === 409) {
        runInAction(() => {
          for (const [owner, id] of this.owners) if (id === signupId) this.owners.delete(owner)
          this.stopHeartbeat()
        })
      }
    } finally {
      this.heartbeatInFlight = false
    }
  }

  private stopHeartbeat(): void {
    this.stopWatch?.()
    this.stopWatch = null
    this.watchedFix = null
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
    this.heartbeatSignupId = null
    this.heartbeatMode = null
    this.lastHeartbeat = null
    this.lastHeartbeatAt = null
  }
}
