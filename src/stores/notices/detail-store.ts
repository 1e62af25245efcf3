// One notice: opening it marks it read; 确认收到, 报名参加 / 不参加 and 现场签到 for recipients;
// publish and 撤回 for its publisher. What may be done now comes from domain/notices.
import { makeAutoObservable, runInAction } from 'mobx'
import { distanceM } from '@/domain/geo'
import { attendanceOpen, rsvpBlockReason } from '@/domain/notices'
import type { LocationFix } from '@/types/attendance'
import type { Notice } from '@/types/notices'
import type { Api } from '@/services/api'
import { noticesDesk, type NoticeDeskService } from '@/services/notice-desk'
import { taroSubscribePrompt, type SubscribePrompt } from '@/services/device'
import { errorMessage } from '@/services/http'
import type { RsvpAnswer } from '@/services/notices'
import { formatLocal } from '@/domain/time'
import type { LoadState } from '../load-state'
import type { RootStore } from '../root-store'
import { lazyStore } from '../lazy-store'

export type NoticeAction = 'ack' | RsvpAnswer | 'attend' | 'publish' | 'withdraw'

export type AttendanceState =
  /** No check-in at this notice (a general notice, no place, or not a recipient). */
  { kind: 'none' } | { kind: 'done'; at: string } | { kind: 'blocked'; reason: string } | { kind: 'open' }

const ATTENDANCE_OPENS_MIN = 30

/** Why 报名参加 is disabled now (deadline, capacity: domain/notices), or null. */
export function joinBlockOf(n: Notice, now: Date): string | null {
  if (!n.receipt) return '只有通知对象可以报名'
  if (n.status === 'withdrawn') return '通知已撤回'
  return rsvpBlockReason({ capacity: n.rsvpCapacity, deadline: n.rsvpDeadline, joined: n.rsvpJoined }, now, n.receipt.rsvp === 'joined')
}

/** Why 不参加 is disabled now (the same deadline; no capacity to respect), or null. */
export function declineBlockOf(n: Notice, now: Date): string | null {
  if (!n.receipt) return '只有通知对象可以报名'
  if (n.status === 'withdrawn') return '通知已撤回'
  if (n.rsvpDeadline && now.getTime() > new Date(n.rsvpDeadline).getTime()) return '报名已截止'
  return null
}

export class NoticeDetailStore {
  noticeId: string | null = null
  notice: Notice | null = null
  state: LoadState = 'idle'
  error: string | null = null
  acting: NoticeAction | null = null
  /** The PDF attachment being fetched to the phone (WeChat), if any. */
  openingFileId: string | null = null
  /** The last position sent for attendance, and how far it was from the place. */
  lastFix: LocationFix | null = null
  /** WeChat subscribe-message template for notices (null until asked, [] when none configured). */
  private subscribeIds: string[] | null = null
  private requestSeq = 0

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'messages'> & { notices: NoticeDeskService },
    private readonly subscribe: SubscribePrompt = taroSubscribePrompt,
  ) {
    makeAutoObservable<NoticeDetailStore, 'root' | 'api' | 'subscribe' | 'subscribeIds' | 'requestSeq'>(this, {
      root: false,
      api: false,
      subscribe: false,
      subscribeIds: false,
      requestSeq: false,
    })
  }

  get isRecipient(): boolean {
    return this.notice?.receipt != null
  }

  get withdrawn(): boolean {
    return this.notice?.status === 'withdrawn'
  }

  /** The training takes RSVPs (报名参加 / 不参加). */
  get takesRsvp(): boolean {
    return this.notice?.type === 'training' && this.notice.rsvpCapacity !== null
  }

  get lastDistanceM(): number | null {
    const place = this.notice?.location
    return place && this.lastFix ? Math.round(distanceM(place, this.lastFix)) : null
  }

  /** Why 报名参加 is disabled now, or null. */
  joinBlock(now: Date): string | null {
    return this.notice ? joinBlockOf(this.notice, now) : '正在加载'
  }

  /** Why 不参加 is disabled now, or null. */
  declineBlock(now: Date): string | null {
    return this.notice ? declineBlockOf(this.notice, now) : '正在加载'
  }

  attendance(now: Date): AttendanceState {
    const n = this.notice
    if (!n || n.type === 'general' || !n.location || !n.receipt) return { kind: 'none' }
    if (n.receipt.attendedAt) return { kind: 'done', at: n.receipt.attendedAt }
    if (n.status === 'withdrawn') return { kind: 'blocked', reason: '通知已撤回' }
    if (n.type === 'training' && n.receipt.rsvp !== 'joined') return { kind: 'blocked', reason: '报名参加后，活动时可在现场签到' }
    if (!attendanceOpen(now, n.eventAt, n.eventEndAt)) {
      const opensAt = n.eventAt ? new Date(new Date(n.eventAt).getTime() - ATTENDANCE_OPENS_MIN * 60_000) : null
      if (opensAt && now < opensAt) return { kind: 'blocked', reason: `签到将于 ${formatLocal(opensAt.toISOString(), 'M月D日 HH:mm')} 开放（开始前 ${ATTENDANCE_OPENS_MIN} 分钟）` }
      return { kind: 'blocked', reason: '活动已结束，签到已关闭' }
    }
    return { kind: 'open' }
  }

  /** Loads the notice; a recipient's unread notice is marked read (the badge follows). */
  async load(noticeId: string): Promise<void> {
    const seq = ++this.requestSeq
    if (noticeId !== this.noticeId) {
      this.noticeId = noticeId
      this.notice = null
      this.lastFix = null
    }
    this.state = this.notice ? 'ready' : 'loading'
    this.error = null
    void this.loadSubscribeIds()
    let notice: Notice
    try {
      notice = await this.api.notices.get(noticeId)
    } catch (e) {
      if (seq !== this.requestSeq) return
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '通知加载失败')
      })
      return
    }
    if (seq !== this.requestSeq) return
    this.accept(notice)
    runInAction(() => {
      this.state = 'ready'
    })
    try {
      const read = await this.root.notices.inbox.markRead(notice)
      if (seq === this.requestSeq) this.accept(read)
    } catch {
      // still unread on the server: the next opening tries again
    }
  }

  /** 确认收到. Called in the tap: WeChat's subscribe prompt (for the next notices and reminders) may only start there. */
  acknowledge(): Promise<Notice> {
    this.askToSubscribe()
    return this.act('ack', (id) => this.api.notices.acknowledge(id))
  }

  rsvp(answer: RsvpAnswer): Promise<Notice> {
    if (answer === 'joined') this.askToSubscribe()
    return this.act(answer, (id) => this.api.notices.rsvp(id, answer))
  }

  /** 现场签到: where the person is (GCJ-02), sent for the server to check against the place and time. */
  attend(locate: () => Promise<LocationFix>): Promise<Notice> {
    return this.act('attend', async (id) => {
      const fix = await locate()
      runInAction(() => {
        this.lastFix = fix
      })
      return this.api.notices.attend(id, fix)
    })
  }

  publish(publishAt: string | null = null): Promise<Notice> {
    return this.act('publish', (id) => this.api.notices.publish(id, publishAt))
  }

  withdraw(): Promise<Notice> {
    return this.act('withdraw', (id) => this.api.notices.withdraw(id))
  }

  /**
   * WeChat: a PDF attachment downloaded to the phone, for openDocument (the browser opens its link
   * in a new tab instead). One at a time: a second tap while one downloads is refused.
   */
  async downloadAttachment(fileId: string): Promise<string> {
    const file = this.notice?.attachments.find((a) => a.fileId === fileId)
    if (!file) throw new Error('附件不存在')
    if (this.openingFileId) throw new Error('正在打开附件，请稍候')
    this.openingFileId = fileId
    try {
      return await this.api.notices.attachmentFile(file.url)
    } finally {
      runInAction(() => {
        this.openingFileId = null
      })
    }
  }

  reset(): void {
    this.requestSeq++
    this.noticeId = null
    this.notice = null
    this.state = 'idle'
    this.error = null
    this.acting = null
    this.openingFileId = null
    this.lastFix = null
  }

  private askToSubscribe(): void {
    if (this.subscribeIds?.length) void this.subscribe(this.subscribeIds)
  }

  private async loadSubscribeIds(): Promise<void> {
    if (this.subscribeIds) return
    try {
      const t = await this.api.messages.subscribeTemplates()
      this.subscribeIds = t.notice ? [t.notice] : []
    } catch {
      // asked again next time a notice opens
    }
  }

  private accept(notice: Notice): void {
    this.notice = notice
    this.root.notices.inbox.upsert(notice)
    if (notice.canManage) this.root.notices.managed.upsert(notice)
  }

  private async act(action: NoticeAction, send: (noticeId: string) => Promise<Notice>): Promise<Notice> {
    if (!this.noticeId) throw new Error('通知还没有加载')
    if (this.acting) throw new Error('正在处理，请稍候')
    this.acting = action
    try {
      const notice = await send(this.noticeId)
      runInAction(() => this.accept(notice))
      return notice
    } finally {
      runInAction(() => {
        this.acting = null
      })
    }
  }
}

/** root.store(noticeDetailStore): the notice detail page's store (packages/notices), created on first use. */
export const noticeDetailStore = lazyStore(
  (root, api, device) => new NoticeDetailStore(root, { ...api, notices: noticesDesk(api) }, device.subscribe),
  (store) => store.reset(),
)
