import { ApiError } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { NoticeStores } from '@/stores/notices'
import { noticeDetailStore } from '@/stores/notices/detail-store'
import { RootStore } from '@/stores/root-store'
import { fakePhone } from './support/duty-fixtures'
import { PLACE, fakeNoticeApi, notice } from './support/notice-fixtures'

const START = '2026-12-05T01:00:00.000Z' // 09:00 in Shanghai
const END = '2026-12-05T03:00:00.000Z'
const at = (iso: string) => new Date(iso)

function setup() {
  const api = fakeNoticeApi()
  const phone = fakePhone()
  const root = new RootStore(api, memoryTokenStorage('t'), phone)
  const badge = jest.fn()
  // the notice stores over the fake transport, with a fake badge; the subscribe prompt is the phone's
  const stores = new NoticeStores(api, { badge })
  Object.assign(root, { notices: stores })
  return { api, root, detail: root.store(noticeDetailStore), inbox: stores.inbox, badge, subscribe: phone.subscribe }
}

describe('NoticeDetailStore (通知详情)', () => {
  it('opening an unread notice marks it read and the badge goes down', async () => {
    const { api, detail, inbox, badge } = setup()
    const n = notice({ id: 'n1', eventAt: START, eventEndAt: END })
    api.notices.inbox.mockResolvedValue([n])
    api.notices.unreadCount.mockResolvedValue(1)
    await inbox.load()
    api.notices.get.mockResolvedValue(n)
    api.notices.read.mockResolvedValue({ ...n, receipt: { ...n.receipt!, readAt: '2026-12-01T03:00:00.000Z' } })

    await detail.load('n1')

    expect(api.notices.read).toHaveBeenCalledWith('n1')
    expect(detail.notice?.receipt?.readAt).toBe('2026-12-01T03:00:00.000Z')
    expect(inbox.unreadCount).toBe(0)
    expect(badge).toHaveBeenLastCalledWith(0)
  })

  it('确认收到 asks WeChat for the notice subscription in the tap, then acknowledges', async () => {
    const { api, detail, subscribe } = setup()
    const n = notice({ id: 'n1', receipt: { readAt: '2026-12-01T03:00:00.000Z', ackedAt: null, rsvp: null, attendedAt: null } })
    api.notices.get.mockResolvedValue(n)
    await detail.load('n1')
    api.notices.acknowledge.mockResolvedValue({ ...n, receipt: { ...n.receipt!, ackedAt: '2026-12-01T03:01:00.000Z' } })

    await detail.acknowledge()

    expect(subscribe).toHaveBeenCalledWith(['tmpl-notice'])
    expect(detail.notice?.receipt?.ackedAt).toBe('2026-12-01T03:01:00.000Z')
    expect(detail.acting).toBeNull()
  })

  it('a full training cannot be joined; one already joined can still be left', async () => {
    const { api, detail } = setup()
    api.notices.get.mockResolvedValue(notice({ id: 'n1', rsvpCapacity: 2, rsvpJoined: 2 }))
    await detail.load('n1')
    expect(detail.joinBlock(at('2026-12-02T00:00:00Z'))).toBe('名额已满')
    expect(detail.declineBlock(at('2026-12-02T00:00:00Z'))).toBeNull()

    api.notices.get.mockResolvedValue(notice({ id: 'n1', rsvpCapacity: 2, rsvpJoined: 2, receipt: { readAt: null, ackedAt: null, rsvp: 'joined', attendedAt: null } }))
    await detail.load('n1')
    expect(detail.joinBlock(at('2026-12-02T00:00:00Z'))).toBeNull()
    // after the deadline neither answer changes
    expect(detail.declineBlock(at('2026-12-04T13:00:00Z'))).toBe('报名已截止')
  })

  it('attendance: only after joining, only from 30 minutes before the start until the end', async () => {
    const { api, detail } = setup()
    const joined = { readAt: 'x', ackedAt: null, rsvp: 'joined' as const, attendedAt: null }
    api.notices.get.mockResolvedValue(notice({ id: 'n1', eventAt: START, eventEndAt: END }))
    await detail.load('n1')
    expect(detail.attendance(at('2026-12-05T01:30:00Z'))).toEqual({ kind: 'blocked', reason: '报名参加后，活动时可在现场签到' })

    api.notices.get.mockResolvedValue(notice({ id: 'n1', eventAt: START, eventEndAt: END, receipt: joined }))
    await detail.load('n1')
    expect(detail.attendance(at('2026-12-05T00:20:00Z'))).toEqual({ kind: 'blocked', reason: '签到将于 12月5日 08:30 开放（开始前 30 分钟）' })
    expect(detail.attendance(at('2026-12-05T00:40:00Z'))).toEqual({ kind: 'open' })
    expect(detail.attendance(at('2026-12-05T03:01:00Z'))).toEqual({ kind: 'blocked', reason: '活动已结束，签到已关闭' })

    // a general notice has no check-in
    api.notices.get.mockResolvedValue(notice({ id: 'n1', type: 'general', location: null, rsvpCapacity: null }))
    await detail.load('n1')
    expect(detail.attendance(at('2026-12-05T01:00:00Z'))).toEqual({ kind: 'none' })
  })

  it('现场签到 sends the position and shows how far it was; a refusal keeps the server’s message', async () => {
    const { api, detail } = setup()
    const n = notice({ id: 'n1', eventAt: START, eventEndAt: END, receipt: { readAt: 'x', ackedAt: null, rsvp: 'joined', attendedAt: null } })
    api.notices.get.mockResolvedValue(n)
    await detail.load('n1')
    const far = { lat: PLACE.lat + 0.027, lng: PLACE.lng, accuracy: 15 } // about 3 km north
    api.notices.attend.mockRejectedValueOnce(new ApiError(422, 'OUTSIDE_FENCE', '你距活动地点约 3.0 公里，不在签到范围（165 米）内'))

    await expect(detail.attend(async () => far)).rejects.toThrow('你距活动地点约 3.0 公里')
    expect(detail.lastDistanceM).toBeGreaterThan(2900)

    const here = { ...PLACE, accuracy: 15 }
    api.notices.attend.mockResolvedValue({ ...n, receipt: { ...n.receipt!, attendedAt: '2026-12-05T00:50:00.000Z' } })
    await detail.attend(async () => here)
    expect(api.notices.attend).toHaveBeenLastCalledWith('n1', here)
    expect(detail.attendance(at('2026-12-05T01:00:00Z'))).toEqual({ kind: 'done', at: '2026-12-05T00:50:00.000Z' })
  })
})
