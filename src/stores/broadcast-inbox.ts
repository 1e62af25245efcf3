// 远程广播 on the receiving phone: the urgent messages sent to me and not yet confirmed, shown as
// a card on whatever page is open until I tap 确认. Live through the app's one socket (a send or
// a re-alert makes it load and vibrate); while the socket is down it polls.
import Taro from '@tarojs/taro'
import { makeAutoObservable, reaction, runInAction } from 'mobx'
import type { LiveMessage } from '@/types/alarms'
import type { Broadcast } from '@/types/broadcasts'
import type { Api } from '@/services/api'
import type { SubscribePrompt } from '@/services/device'
import type { SubscribeTemplates } from '@/services/messages'
import type { LiveConnection } from '@/services/live'

const POLL_MS = 20_000

/** A buzz where the phone has one (not every browser does). */
function vibrate(): void {
  try {
    void Taro.vibrateLong({}).catch(() => {})
  } catch {
    // no vibration here
  }
}

export class BroadcastInbox {
  pending: Broadcast[] = []
  confirming: string | null = null
  private connected = false
  private timer: ReturnType<typeof setInterval> | null = null
  private templates: SubscribeTemplates | null = null

  constructor(
    signedIn: () => boolean,
    private readonly api: Api,
    live: LiveConnection,
    private readonly subscribe: SubscribePrompt,
  ) {
    makeAutoObservable<BroadcastInbox, 'api' | 'subscribe' | 'timer' | 'connected' | 'templates'>(this, {
      api: false,
      subscribe: false,
      timer: false,
      connected: false,
      templates: false,
    })
    live.onMessage((m) => this.onLive(m))
    live.onState((c) => {
      this.connected = c
      // back on the socket: catch up with what came while it was down
      if (c) void this.load()
    })
    reaction(
      signedIn,
      (yes) => {
        this.stopPolling()
        if (!yes) return
        void this.load()
        void this.loadTemplates()
        this.timer = setInterval(() => {
          if (!this.connected) void this.load()
        }, POLL_MS)
      },
      { fireImmediately: true },
    )
  }

  get first(): Broadcast | null {
    return this.pending[0] ?? null
  }

  async load(): Promise<void> {
    try {
      const items = await this.api.broadcasts.pending()
      runInAction(() => (this.pending = items))
    } catch {
      // the next push or poll tries again
    }
  }

  private onLive(m: LiveMessage): void {
    if (m.type !== 'broadcast' || (m.action !== 'send' && m.action !== 'realert')) return
    void this.load().then(() => {
      if (this.pending.some((b) => b.id === m.broadcastId)) vibrate()
    })
  }

  /** 确认, in the tap: WeChat's prompt for the alarm template (the next urgent messages) may only start there. */
  async confirm(id: string): Promise<void> {
    this.askToSubscribe()
    this.confirming = id
    try {
      await this.api.broadcasts.confirm(id)
      runInAction(() => (this.pending = this.pending.filter((b) => b.id !== id)))
    } finally {
      runInAction(() => (this.confirming = null))
    }
  }

  /**
   * WeChat: ask for the alarm subscribe message (一键报警, 远程广播) from a tap — before the first
   * raise (a tap on the alarm button), on 确认, and when joining a school (with the review result's).
   */
  askToSubscribe(withReview = false): void {
    const t = this.templates
    const ids = [t?.alarm, withReview ? t?.review : null].filter((id): id is string => !!id)
    if (ids.length) void this.subscribe(ids)
  }

  private async loadTemplates(): Promise<void> {
    if (this.templates || process.env.TARO_ENV !== 'weapp') return
    try {
      const t = await this.api.messages.subscribeTemplates()
      this.templates = t
    } catch {
      // asked again at the next sign-in
    }
  }

  private stopPolling(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  reset(): void {
    this.pending = []
    this.confirming = null
  }
}
