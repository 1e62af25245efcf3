// 远程广播 for the police officer (packages/alarm only, created on first use): the schools to send
// to with how many are on duty now, the draft (text, one photo, schools or the whole station),
// sending with one client key per draft (a retry sends nothing twice), the recent broadcasts, and
// the open one followed live — who has confirmed, and whom to phone.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Broadcast, BroadcastTarget } from '@/types/broadcasts'
import type { LiveMessage } from '@/types/alarms'
import type { Api } from '@/services/api'
import { broadcastsDesk, type BroadcastDeskService } from '@/services/broadcast-desk'
import { errorMessage } from '@/services/http'
import { newClientKey } from '@/utils/client-key'
import { PhotoUploads } from './hazards/photo-uploads'
import { ListResource } from './load-state'
import { lazyStore } from './lazy-store'

const POLL_MS = 5_000

export class BroadcastDesk {
  readonly targets = new ListResource<BroadcastTarget>('学校加载失败')
  readonly recent = new ListResource<Broadcast>('广播加载失败')
  text = ''
  schoolIds: string[] = []
  wholeStation = false
  photo: PhotoUploads
  sending = false
  /** The open broadcast's page. */
  current: Broadcast | null = null
  currentError: string | null = null
  private clientKey = newClientKey()
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly api: Pick<Api, 'uploads'> & { broadcasts: BroadcastDeskService },
    live: { onMessage(listener: (m: LiveMessage) => void): () => void },
  ) {
    this.photo = new PhotoUploads(api, 1)
    makeAutoObservable<BroadcastDesk, 'api' | 'clientKey' | 'timer'>(this, { api: false, clientKey: false, timer: false })
    live.onMessage((m) => {
      if (m.type === 'broadcast' && m.broadcastId === this.current?.id) void this.refresh()
    })
  }

  loadTargets(): Promise<void> {
    return this.targets.load(() => this.api.broadcasts.targets())
  }

  loadRecent(): Promise<void> {
    return this.recent.load(() => this.api.broadcasts.list())
  }

  /** The schools the officer may pick one by one: those they are responsible for. */
  get pickable(): BroadcastTarget[] {
    return this.targets.items.filter((t) => t.responsible)
  }

  /** How many the draft reaches now (people on duty at the chosen schools, or the station's). */
  get reach(): number {
    const chosen = this.wholeStation ? this.targets.items : this.targets.items.filter((t) => this.schoolIds.includes(t.schoolId))
    return chosen.reduce((n, t) => n + t.onDuty, 0)
  }

  get blocker(): string | null {
    if (!this.text.trim()) return '请填写广播内容'
    if (!this.wholeStation && this.schoolIds.length === 0) return '请选择学校，或发给全所'
    return this.photo.blocker
  }

  setText(text: string): void {
    this.text = text
  }

  toggleSchool(id: string): void {
    this.wholeStation = false
    this.schoolIds = this.schoolIds.includes(id) ? this.schoolIds.filter((s) => s !== id) : [...this.schoolIds, id]
  }

  setWholeStation(on: boolean): void {
    this.wholeStation = on
    if (on) this.schoolIds = []
  }

  /** Sends the draft; the same key on a retry (a lost answer) returns the first broadcast. */
  async send(): Promise<Broadcast> {
    const blocker = this.blocker
    if (blocker) throw new Error(blocker)
    this.sending = true
    try {
      const sent = await this.api.broadcasts.send({
        clientKey: this.clientKey,
        text: this.text.trim(),
        ...(this.photo.fileIds[0] ? { photoId: this.photo.fileIds[0] } : {}),
        ...(this.wholeStation ? { wholeStation: true } : { schoolIds: this.schoolIds }),
      })
      runInAction(() => {
        this.recent.set([sent, ...this.recent.items.filter((b) => b.id !== sent.id)])
        this.current = sent
        this.clearDraft()
      })
      return sent
    } finally {
      runInAction(() => (this.sending = false))
    }
  }

  private clearDraft(): void {
    this.text = ''
    this.schoolIds = []
    this.wholeStation = false
    this.photo = new PhotoUploads(this.api, 1)
    this.clientKey = newClientKey()
  }

  async open(id: string): Promise<void> {
    if (this.current?.id !== id) this.current = this.recent.items.find((b) => b.id === id) ?? null
    await this.refresh(id)
  }

  async refresh(id = this.current?.id): Promise<void> {
    if (!id) return
    try {
      const b = await this.api.broadcasts.detail(id)
      runInAction(() => {
        this.current = b
        this.currentError = null
        this.recent.set(this.recent.items.map((r) => (r.id === b.id ? b : r)))
      })
    } catch (e) {
      runInAction(() => (this.currentError = errorMessage(e, '广播加载失败')))
    }
  }

  /** The polling fallback while the page shows (pushes refresh it at once). */
  startPolling(): void {
    this.stopPolling()
    const tick = () => {
      this.timer = setTimeout(() => void this.refresh().finally(() => this.timer !== null && tick()), POLL_MS)
    }
    tick()
  }

  stopPolling(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  reset(): void {
    this.stopPolling()
    this.targets.reset()
    this.recent.reset()
    this.clearDraft()
    this.current = null
    this.currentError = null
  }
}

export const broadcastDesk = lazyStore(
  (root, api) => new BroadcastDesk({ ...api, broadcasts: broadcastsDesk(api) }, root.live),
  (store) => store.reset(),
)
