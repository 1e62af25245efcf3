// 通知 tab: the notices sent to me (newest first) and the unread count behind the tab-bar badge.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Notice } from '@/types/notices'
import type { Api } from '@/services/api'
import type { TabBadge } from '@/services/tab-badge'
import { ListResource, type LoadState } from '../load-state'

/** A published notice I have not opened yet (a withdrawn one no longer asks to be read). */
export function isUnread(notice: Notice): boolean {
  return notice.status === 'published' && notice.receipt !== null && notice.receipt.readAt === null
}

/** The badge's pace while the app is open: that of the other live lists (DESIGN.md §6, 10–15 s). */
export const UNREAD_POLL_MS = 15_000

export class NoticeInboxStore {
  private readonly list = new ListResource<Notice>('通知加载失败')
  /** From the server (it counts beyond the listed 100); null until first asked. */
  unreadCount: number | null = null
  /** Notices this phone has marked read (a page shown twice must not count one down twice). */
  private readonly marked = new Set<string>()
  private pollTimer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly api: Pick<Api, 'notices'>,
    private readonly badge: TabBadge,
  ) {
    makeAutoObservable<NoticeInboxStore, 'api' | 'badge' | 'marked' | 'pollTimer' | 'list'>(this, { api: false, badge: false, marked: false, pollTimer: false, list: false })
  }

  get items(): Notice[] {
    return this.list.items
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  byId(noticeId: string): Notice | undefined {
    return this.items.find((n) => n.id === noticeId)
  }

  /** The list and the count together (pull to refresh, tab shown). */
  load(): Promise<void> {
    return this.list.load(() => Promise.all([this.api.notices.inbox(), this.refreshUnread()]).then(([items]) => items))
  }

  /** Asks the server for the unread count and puts it on the tab bar; a failure keeps the last count. */
  async refreshUnread(): Promise<void> {
    try {
      const count = await this.api.notices.unreadCount()
      this.setUnread(count)
    } catch {
      // the badge stays as it was; the next show asks again
    }
  }

  /**
   * While the app is in front with someone signed in: the count now and every `ms`, so a notice
   * published meanwhile puts the badge up without reopening the app. Calling again restarts it.
   */
  watchUnread(ms: number = UNREAD_POLL_MS): void {
    this.unwatchUnread()
    void this.refreshUnread()
    this.pollTimer = setInterval(() => void this.refreshUnread(), ms)
  }

  /** The app went to the background (or the person signed out): no more asking. */
  unwatchUnread(): void {
    if (this.pollTimer) clearInterval(this.pollTimer)
    this.pollTimer = null
  }

  /** Opening a notice marks it read: the list and the badge follow at once. */
  async markRead(notice: Notice): Promise<Notice> {
    if (!isUnread(notice) || this.marked.has(notice.id)) return notice
    this.marked.add(notice.id)
    let read: Notice
    try {
      read = await this.api.notices.read(notice.id)
    } catch (e) {
      this.marked.delete(notice.id)
      throw e
    }
    runInAction(() => {
      this.upsert(read)
      if (this.unreadCount !== null) this.setUnread(Math.max(0, this.unreadCount - 1))
    })
    return read
  }

  /** A notice changed elsewhere (acknowledged, joined, withdrawn): the list shows it at once. */
  upsert(notice: Notice): void {
    this.list.set(this.items.map((n) => (n.id === notice.id ? notice : n)))
  }

  /** Shows the current count again (a tab page came to the front). */
  syncBadge(): void {
    if (this.unreadCount !== null) this.badge(this.unreadCount)
  }

  reset(): void {
    this.unwatchUnread()
    this.marked.clear()
    this.list.reset()
    this.setUnread(0)
    this.unreadCount = null
  }

  private setUnread(count: number): void {
    this.unreadCount = count
    this.badge(count)
  }
}
