import { NoticeInboxStore, isUnread } from '@/stores/notices/inbox-store'
import { fakeNoticeApi, notice } from './support/notice-fixtures'

function setup() {
  const api = fakeNoticeApi()
  const badge = jest.fn()
  const inbox = new NoticeInboxStore(api, badge)
  return { api, badge, inbox }
}

const read = (n: ReturnType<typeof notice>) => ({ ...n, receipt: { ...n.receipt!, readAt: '2026-12-01T03:00:00.000Z' } })

describe('NoticeInboxStore (通知 tab)', () => {
  it('loads the notices and the unread count, and puts the count on the tab bar', async () => {
    const { api, badge, inbox } = setup()
    api.notices.inbox.mockResolvedValue([notice({ id: 'n2' }), notice({ id: 'n1', type: 'drill' })])
    api.notices.unreadCount.mockResolvedValue(2)

    await inbox.load()

    expect(inbox.state).toBe('ready')
    expect(inbox.items.map((n) => n.id)).toEqual(['n2', 'n1'])
    expect(inbox.unreadCount).toBe(2)
    expect(badge).toHaveBeenLastCalledWith(2)
  })

  it('reading a notice marks it read on the server, lowers the count and the badge at once', async () => {
    const { api, badge, inbox } = setup()
    const n = notice({ id: 'n1' })
    api.notices.inbox.mockResolvedValue([n, notice({ id: 'n2' })])
    api.notices.unreadCount.mockResolvedValue(2)
    await inbox.load()
    api.notices.read.mockResolvedValue(read(n))

    const after = await inbox.markRead(n)

    expect(api.notices.read).toHaveBeenCalledWith('n1')
    expect(after.receipt?.readAt).not.toBeNull()
    expect(inbox.unreadCount).toBe(1)
    expect(badge).toHaveBeenLastCalledWith(1)
    expect(isUnread(inbox.byId('n1')!)).toBe(false)
    expect(isUnread(inbox.byId('n2')!)).toBe(true)
  })

  it('the same notice opened twice is counted down once', async () => {
    const { api, inbox } = setup()
    const n = notice({ id: 'n1' })
    api.notices.inbox.mockResolvedValue([n])
    api.notices.unreadCount.mockResolvedValue(1)
    await inbox.load()
    api.notices.read.mockResolvedValue(read(n))

    await Promise.all([inbox.markRead(n), inbox.markRead(n)])

    expect(api.notices.read).toHaveBeenCalledTimes(1)
    expect(inbox.unreadCount).toBe(0)
  })

  it('a notice already read, or withdrawn, asks nothing and keeps the count', async () => {
    const { api, inbox } = setup()
    api.notices.inbox.mockResolvedValue([])
    api.notices.unreadCount.mockResolvedValue(3)
    await inbox.load()

    await inbox.markRead(read(notice({ id: 'a' })))
    await inbox.markRead(notice({ id: 'b', status: 'withdrawn' }))

    expect(api.notices.read).not.toHaveBeenCalled()
    expect(inbox.unreadCount).toBe(3)
  })

  it('a failed read leaves the count, and the next opening tries again', async () => {
    const { api, inbox } = setup()
    const n = notice({ id: 'n1' })
    api.notices.inbox.mockResolvedValue([n])
    api.notices.unreadCount.mockResolvedValue(1)
    await inbox.load()
    api.notices.read.mockRejectedValueOnce(new Error('offline')).mockResolvedValue(read(n))

    await expect(inbox.markRead(n)).rejects.toThrow('offline')
    expect(inbox.unreadCount).toBe(1)
    await inbox.markRead(n)
    expect(inbox.unreadCount).toBe(0)
  })

  it('a failed list keeps what was shown and says why', async () => {
    const { api, inbox } = setup()
    api.notices.inbox.mockResolvedValue([notice({ id: 'n1' })])
    api.notices.unreadCount.mockResolvedValue(1)
    await inbox.load()
    const { ApiError } = await import('@/services/http')
    api.notices.inbox.mockRejectedValue(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))

    await inbox.load()
    expect(inbox.state).toBe('error')
    expect(inbox.error).toBe('网络连接失败，请检查网络后重试')
    expect(inbox.items).toHaveLength(1)
  })
})

describe('the unread badge while the app is open', () => {
  afterEach(() => jest.useRealTimers())

  it('is asked for at once and every 15 s while watched, and no more once unwatched (app in the background)', async () => {
    jest.useFakeTimers()
    const { api, badge, inbox } = setup()
    api.notices.unreadCount.mockResolvedValue(0)
    inbox.watchUnread()
    await jest.advanceTimersByTimeAsync(0)
    expect(api.notices.unreadCount).toHaveBeenCalledTimes(1)
    expect(badge).toHaveBeenLastCalledWith(0)

    // a notice is published meanwhile: the next tick puts the badge up
    api.notices.unreadCount.mockResolvedValue(1)
    await jest.advanceTimersByTimeAsync(14_999)
    expect(api.notices.unreadCount).toHaveBeenCalledTimes(1)
    await jest.advanceTimersByTimeAsync(1)
    expect(api.notices.unreadCount).toHaveBeenCalledTimes(2)
    expect(badge).toHaveBeenLastCalledWith(1)

    inbox.unwatchUnread()
    await jest.advanceTimersByTimeAsync(60_000)
    expect(api.notices.unreadCount).toHaveBeenCalledTimes(2)
  })

  it('watching twice keeps one timer; signing out (reset) stops it', async () => {
    jest.useFakeTimers()
    const { api, inbox } = setup()
    api.notices.unreadCount.mockResolvedValue(0)
    inbox.watchUnread()
    inbox.watchUnread()
    await jest.advanceTimersByTimeAsync(15_000)
    expect(api.notices.unreadCount).toHaveBeenCalledTimes(3) // two immediate asks, one tick
    inbox.reset()
    await jest.advanceTimersByTimeAsync(45_000)
    expect(api.notices.unreadCount).toHaveBeenCalledTimes(3)
  })
})
