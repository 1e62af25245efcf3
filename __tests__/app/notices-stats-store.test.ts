import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import { noticeStatsStore } from '@/stores/notices/stats-store'
import { fakeNoticeApi, notice, stats, statsRow } from './support/notice-fixtures'
import { SHIYAN } from './support/fixtures'

const T0 = new Date('2026-12-01T03:00:00.000Z')
const at = (min: number) => new Date(T0.getTime() + min * 60_000)

async function setup(s = stats(), n = notice({ id: 'n1', canManage: true, receipt: null })) {
  const api = fakeNoticeApi()
  const root = new RootStore(api, memoryTokenStorage('t'))
  api.notices.get.mockResolvedValue(n)
  api.notices.stats.mockResolvedValue(s)
  await root.store(noticeStatsStore).load('n1')
  return { api, store: root.store(noticeStatsStore) }
}

describe('NoticeStatsStore (回执统计, 再次提醒)', () => {
  it('adds up the rows and groups them by school', async () => {
    const { store } = await setup(
      stats({
        rows: [
          statsRow({ role: 'volunteer', recipients: 3, read: 2, acked: 1, joined: 2 }),
          statsRow({ role: 'teacher', recipients: 2, read: 2, acked: 2, joined: 0 }),
          statsRow({ schoolId: SHIYAN.id, schoolName: SHIYAN.name, role: 'volunteer', recipients: 4, read: 1, acked: 0, joined: 1, attended: 1 }),
        ],
      }),
    )
    expect(store.totals).toEqual({ recipients: 9, read: 5, acked: 3, joined: 3, attended: 1 })
    expect(store.schools.map((s) => [s.schoolName, s.rows.length, s.totals.recipients])).toEqual([
      ['青云谱区京山小学', 2, 5],
      ['青云谱区实验学校', 1, 4],
    ])
  })

  it('reminds when allowed, and the answer carries the new count', async () => {
    const { api, store } = await setup()
    expect(store.remindBlock(T0)).toBeNull()
    api.notices.remind.mockResolvedValue(stats({ remindCount: 1, lastRemindedAt: T0.toISOString(), nextRemindAt: at(5).toISOString() }))

    await store.remind(T0)

    expect(api.notices.remind).toHaveBeenCalledWith('n1')
    expect(store.stats?.remindCount).toBe(1)
    expect(store.remindsLeft).toBe(2)
  })

  it('within 5 minutes of the last reminder it is disabled, with the time it opens again (domain rule)', async () => {
    const { api, store } = await setup(stats({ remindCount: 1, lastRemindedAt: T0.toISOString() }))
    expect(store.remindBlock(at(2))).toBe('5 分钟内只能提醒一次')
    expect(store.nextRemindAt).toBe(at(5).toISOString())
    await expect(store.remind(at(2))).rejects.toThrow('5 分钟内只能提醒一次')
    expect(api.notices.remind).not.toHaveBeenCalled()
    expect(store.remindBlock(at(5))).toBeNull()
  })

  it('after 3 reminders it says so and never sends again', async () => {
    const { api, store } = await setup(stats({ remindCount: 3, lastRemindedAt: T0.toISOString() }))
    expect(store.remindBlock(at(60))).toBe('最多提醒 3 次，已用完')
    expect(store.nextRemindAt).toBeNull()
    expect(store.remindsLeft).toBe(0)
    await expect(store.remind(at(60))).rejects.toThrow('最多提醒 3 次，已用完')
    expect(api.notices.remind).not.toHaveBeenCalled()
  })

  it('nobody left to remind, a withdrawn notice, or a principal looking: no reminder', async () => {
    expect((await setup(stats({ notAcknowledged: [] }))).store.remindBlock(T0)).toBe('所有人都已确认收到')
    expect((await setup(stats(), notice({ id: 'n1', canManage: true, status: 'withdrawn' }))).store.remindBlock(T0)).toBe('只有已发布的通知可以提醒')
    const principal = await setup(stats(), notice({ id: 'n1', canManage: false }))
    expect(principal.store.mayRemind).toBe(false)
  })
})
