// 远程广播 on the phones: the card's inbox follows pushes (and polls while the socket is down),
// 确认 takes it off; the officer's desk sends the draft once per key and follows the open broadcast.
import { runInAction } from 'mobx'
import type { Broadcast } from '@/types/broadcasts'
import type { Api } from '@/services/api'
import { memoryTokenStorage } from '@/services/token-storage'
import { BroadcastDesk } from '@/stores/broadcast-desk'
import { RootStore } from '@/stores/root-store'
import { fakeApi } from './support/fixtures'
import { fakePhone } from './support/duty-fixtures'
import { fakeLive } from './support/live-fixtures'

function broadcast(over: Partial<Broadcast> = {}): Broadcast {
  return {
    id: 'b1',
    text: '留意穿灰色夹克的男子',
    photo: null,
    sender: { id: 'police', name: '陈志强' },
    stationName: '京山派出所',
    wholeStation: false,
    schools: [{ id: 's1', name: '京山小学' }],
    createdAt: '2026-12-01T00:30:00.000Z',
    mine: false,
    myConfirmation: { confirmedAt: null },
    counts: { total: 2, confirmed: 0, waiting: 2, call: 0 },
    recipients: [],
    ...over,
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

function setup() {
  const api = fakeApi() as Api & ReturnType<typeof fakeApi>
  const live = fakeLive()
  const root = new RootStore(api, memoryTokenStorage('token-1'), fakePhone(), undefined, { live })
  runInAction(() => (root.auth.status = 'signedIn'))
  return { api, live, root }
}

describe('the card on every page (BroadcastInbox)', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }))
  afterEach(() => jest.useRealTimers())

  it('a push of a new broadcast loads the pending ones; 确认 takes it off', async () => {
    const { api, live, root } = setup()
    ;(api.broadcasts.pending as jest.Mock).mockResolvedValue([broadcast()])
    live.push({ type: 'broadcast', broadcastId: 'b1', action: 'send' })
    await jest.advanceTimersByTimeAsync(0)
    expect(root.broadcasts.first?.id).toBe('b1')
    ;(api.broadcasts.confirm as jest.Mock).mockResolvedValue(broadcast({ myConfirmation: { confirmedAt: '2026-12-01T00:31:00.000Z' } }))
    await root.broadcasts.confirm('b1')
    expect(api.broadcasts.confirm).toHaveBeenCalledWith('b1')
    expect(root.broadcasts.first).toBeNull()
  })

  it('a confirmation that fails keeps the card (and says why)', async () => {
    const { api, root } = setup()
    ;(api.broadcasts.pending as jest.Mock).mockResolvedValue([broadcast()])
    await root.broadcasts.load()
    ;(api.broadcasts.confirm as jest.Mock).mockRejectedValue(new Error('网络不通'))
    await expect(root.broadcasts.confirm('b1')).rejects.toThrow('网络不通')
    expect(root.broadcasts.first?.id).toBe('b1')
    expect(root.broadcasts.confirming).toBeNull()
  })

  it('polls every 20 s while the socket is down, not while it is up; catches up when it comes back', async () => {
    const { api, live } = setup()
    const pending = api.broadcasts.pending as jest.Mock
    pending.mockResolvedValue([])
    await jest.advanceTimersByTimeAsync(0)
    const atStart = pending.mock.calls.length
    await jest.advanceTimersByTimeAsync(20_000)
    expect(pending.mock.calls.length).toBe(atStart + 1)
    live.setState(true)
    expect(pending.mock.calls.length).toBe(atStart + 2)
    await jest.advanceTimersByTimeAsync(60_000)
    expect(pending.mock.calls.length).toBe(atStart + 2)
  })

  it('signing out clears it', async () => {
    const { api, root } = setup()
    ;(api.broadcasts.pending as jest.Mock).mockResolvedValue([broadcast()])
    await root.broadcasts.load()
    root.resetPersonData()
    expect(root.broadcasts.pending).toEqual([])
  })
})

describe('the officer’s desk (BroadcastDesk)', () => {
  function desk() {
    const api = fakeApi() as Api & ReturnType<typeof fakeApi>
    const live = fakeLive()
    ;(api.broadcasts.targets as jest.Mock).mockResolvedValue([
      { schoolId: 's1', schoolName: '京山小学', stationId: 'st1', responsible: true, onDuty: 2 },
      { schoolId: 's2', schoolName: '实验学校', stationId: 'st1', responsible: true, onDuty: 0 },
      { schoolId: 's3', schoolName: '洪都小学', stationId: 'st1', responsible: false, onDuty: 3 },
    ])
    return { api, live, desk: new BroadcastDesk(api, live) }
  }

  it('says what is missing; picks schools one is responsible for, or the whole station', async () => {
    const { desk: d } = desk()
    await d.loadTargets()
    expect(d.pickable.map((t) => t.schoolId)).toEqual(['s1', 's2'])
    expect(d.blocker).toBe('请填写广播内容')
    d.setText('留意')
    expect(d.blocker).toBe('请选择学校，或发给全所')
    d.toggleSchool('s1')
    expect(d.blocker).toBeNull()
    expect(d.reach).toBe(2)
    d.setWholeStation(true)
    expect(d.schoolIds).toEqual([])
    expect(d.reach).toBe(5)
  })

  it('a retry after a lost answer sends the same key; a sent draft starts a new one', async () => {
    const { api, desk: d } = desk()
    await d.loadTargets()
    d.setText('  留意穿灰色夹克的男子 ')
    d.toggleSchool('s1')
    const send = api.broadcasts.send as jest.Mock
    send.mockRejectedValueOnce(new Error('网络不通')).mockResolvedValueOnce(broadcast({ mine: true }))
    await expect(d.send()).rejects.toThrow('网络不通')
    await d.send()
    expect(send.mock.calls[0][0]).toEqual({ clientKey: expect.any(String), text: '留意穿灰色夹克的男子', schoolIds: ['s1'] })
    expect(send.mock.calls[1][0].clientKey).toBe(send.mock.calls[0][0].clientKey)
    expect(d.text).toBe('')
    expect(d.current?.id).toBe('b1')
    d.setText('另一条')
    d.setWholeStation(true)
    send.mockResolvedValueOnce(broadcast({ id: 'b2', mine: true }))
    await d.send()
    expect(send.mock.calls[2][0]).toMatchObject({ wholeStation: true })
    expect(send.mock.calls[2][0].clientKey).not.toBe(send.mock.calls[0][0].clientKey)
  })

  it('a push about the open broadcast reloads it (someone confirmed)', async () => {
    const { api, live, desk: d } = desk()
    const detail = api.broadcasts.detail as jest.Mock
    detail.mockResolvedValueOnce(broadcast({ mine: true }))
    await d.open('b1')
    detail.mockResolvedValueOnce(broadcast({ mine: true, counts: { total: 2, confirmed: 1, waiting: 1, call: 0 } }))
    live.push({ type: 'broadcast', broadcastId: 'b1', action: 'confirm' })
    await flush()
    expect(d.current?.counts.confirmed).toBe(1)
    live.push({ type: 'broadcast', broadcastId: 'other', action: 'confirm' })
    expect(detail).toHaveBeenCalledTimes(2)
  })
})
