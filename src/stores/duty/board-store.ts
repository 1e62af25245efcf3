// The duty board of a school (police, principals): who is at which gate today, refreshed every
// few seconds while the screen is shown (a 304 when nothing changed), and the review of
// exceptions (outside the fence, offline, missing check-out).
import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type { BoardPerson, DutyBoard, DutyException, ExceptionStatus } from '@/types/attendance'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import { lazyStore } from '../lazy-store'
import type { LoadState } from '../load-state'
import type { PendingStore } from '../pending-store'
import { serverNow } from '@/services/server-clock'

export const BOARD_POLL_MS = 12_000

export const EXCEPTION_TABS: { key: ExceptionStatus; title: string }[] = [
  { key: 'pending', title: '待审核' },
  { key: 'accepted', title: '已认可' },
  { key: 'rejected', title: '未认可' },
]

/** Counts of a board, for the summary line. */
export function boardCounts(board: DutyBoard | null): { people: number; present: number; attention: number } {
  const people: BoardPerson[] = board ? board.posts.flatMap((p) => p.shifts.flatMap((s) => s.people)) : []
  return {
    people: people.length,
    present: people.filter((p) => p.state === 'on_duty' || p.state === 'late' || p.state === 'checked_out').length,
    attention: people.filter((p) => p.state === 'missing' || p.state === 'off_post' || p.state === 'no_show' || p.pendingExceptions.length > 0).length,
  }
}

export class BoardStore {
  schoolId: string | null = null
  /** Local date; null = today (the server's). */
  date: string | null = null
  board: DutyBoard | null = null
  state: LoadState = 'idle'
  error: string | null = null
  /** When the board was last confirmed current (ms). */
  checkedAt: number | null = null
  polling = false

  exceptionStatus: ExceptionStatus = 'pending'
  exceptions: DutyException[] = []
  exceptionsState: LoadState = 'idle'
  exceptionsError: string | null = null
  busyId: string | null = null

  private etag: string | null = null
  private timer: ReturnType<typeof setInterval> | null = null
  private seq = 0
  private exceptionsSeq = 0

  /** `pending`: the exceptions waiting per school (badges on 首页 and the school chips), kept current from here. */
  constructor(
    private readonly api: Pick<Api, 'attendance'>,
    private readonly pending: PendingStore,
    private readonly clock: () => Date = () => serverNow(),
  ) {
    makeAutoObservable<BoardStore, 'api' | 'pending' | 'clock' | 'etag' | 'timer' | 'seq' | 'exceptionsSeq'>(this, {
      api: false,
      pending: false,
      clock: false,
      // replaced whole on every change (never edited in place): no deep proxies for a polled board
      board: observableRef,
      etag: false,
      timer: false,
      seq: false,
      exceptionsSeq: false,
    })
  }

  get counts() {
    return boardCounts(this.board)
  }

  selectSchool(schoolId: string): Promise<void> {
    if (schoolId === this.schoolId) return Promise.resolve()
    this.schoolId = schoolId
    this.board = null
    this.etag = null
    return this.load()
  }

  setDate(date: string | null): Promise<void> {
    if (date === this.date) return Promise.resolve()
    this.date = date
    this.board = null
    this.etag = null
    return this.load()
  }

  /** One refresh; a 304 keeps what is shown. */
  async load(): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return
    const seq = ++this.seq
    if (!this.board) this.state = 'loading'
    try {
      const answer = await this.api.attendance.board(schoolId, this.date ?? undefined, this.etag)
      if (seq !== this.seq) return
      runInAction(() => {
        if (!answer.notModified) this.board = answer.data
        this.etag = answer.etag
        this.state = 'ready'
        this.error = null
        this.checkedAt = this.clock().getTime()
      })
    } catch (e) {
      if (seq !== this.seq) return
      runInAction(() => {
        // a board on screen stays; the line above it says it could not refresh
        this.state = this.board ? 'ready' : 'error'
        this.error = errorMessage(e, '看板加载失败')
      })
    }
  }

  /** While the board screen is shown: refresh now and every BOARD_POLL_MS. */
  startPolling(): void {
    this.stopPolling()
    this.polling = true
    void this.load()
    this.timer = setInterval(() => void this.load(), BOARD_POLL_MS)
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.polling = false
  }

  // ------------------------------------------------------------ exceptions

  selectExceptionStatus(status: ExceptionStatus): Promise<void> {
    if (status === this.exceptionStatus) return Promise.resolve()
    this.exceptionStatus = status
    this.exceptions = []
    return this.loadExceptions()
  }

  async loadExceptions(): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return
    const seq = ++this.exceptionsSeq
    const status = this.exceptionStatus
    this.exceptionsState = 'loading'
    this.exceptionsError = null
    try {
      const items = await this.api.attendance.exceptions(schoolId, status)
      if (seq !== this.exceptionsSeq) return
      runInAction(() => {
        this.exceptions = items
        this.exceptionsState = 'ready'
        if (status === 'pending') this.pending.setExceptions(schoolId, items.length)
      })
    } catch (e) {
      if (seq !== this.exceptionsSeq) return
      runInAction(() => {
        this.exceptionsState = 'error'
        this.exceptionsError = errorMessage(e, '异常记录加载失败')
      })
    }
  }

  /** Accept or reject with a note the person reads. */
  async review(exception: DutyException, decision: 'accept' | 'reject', note: string): Promise<DutyException> {
    this.busyId = exception.id
    try {
      const reviewed = await this.api.attendance.review(exception.id, decision, note.trim() || undefined)
      runInAction(() => {
        this.exceptions = this.exceptions.map((e) => (e.id === reviewed.id ? reviewed : e))
        if (exception.status === 'pending') this.pending.exceptionReviewed(reviewed.shift.schoolId)
        // the board's pending marks follow at once
        this.etag = null
      })
      return reviewed
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  /** Rows of the current tab (a reviewed row leaves 待审核 at once). */
  get visibleExceptions(): DutyException[] {
    return this.exceptions.filter((e) => e.status === this.exceptionStatus)
  }

  reset(): void {
    this.stopPolling()
    this.schoolId = null
    this.date = null
    this.board = null
    this.state = 'idle'
    this.error = null
    this.etag = null
    this.exceptions = []
    this.exceptionsState = 'idle'
  }
}

/** root.store(boardStore): the duty board's and 异常审核's store (packages/duty), created on first use. */
export const boardStore = lazyStore(
  (root, api, device) => new BoardStore(api, root.pending, device.now),
  (store) => store.reset(),
)
