import { runInAction } from 'mobx'
import type { Alarm } from '@/types/alarms'
import * as alarmDesk from '@/services/alarm-desk'
import type { Api } from '@/services/api'
import { ApiError } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { alarmDetailStore } from '@/stores/alarm-detail-store'
import { alarmPhotos } from '@/stores/alarm-photos'
import { RootStore } from '@/stores/root-store'
import { fakeApi } from './support/fixtures'
import { fakePhone } from './support/duty-fixtures'
import { fakeLive } from './support/live-fixtures'

const FIX = { lat: 28.63975, lng: 115.91745, accuracy: 12 }

function alarm(over: Partial<Alarm> = {}): Alarm {
  return {
    id: 'a1',
    schoolId: 's1',
    schoolName: '京山小学',
    stationName: '京山派出所',
    status: 'raised',
    drill: false,
    type: null,
    note: null,
    location: null,
    school: { lat: 28.64, lng: 115.917 },
    raiser: { id: 'p1', name: '王芳', phone: null },
    mine: true,
    outcome: null,
    raisedAt: '2026-12-01T00:00:00.000Z',
    closedAt: null,
    cancellableUntil: '2026-12-01T00:00:10.000Z',
    photos: [],
    marks: [],
    responders: [],
    events: [],
    can: { acknowledge: false, arrive: false, close: false, cancel: true, describe: true },
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...over,
  }
}

function setup() {
  const alarms = {
    raise: jest.fn(),
    history: jest.fn(),
    poll: jest.fn(),
    describe: jest.fn(),
    acknowledge: jest.fn(),
    arrive: jest.fn(),
    close: jest.fn(),
    cancel: jest.fn(),
    liveUrl: jest.fn(() => 'ws://test/api/live'),
  }
  const api = { ...fakeApi(), alarms } as unknown as Api & { alarms: typeof alarms }
  // the alarm page builds its calls from api.http (services/alarm-desk.ts): here they are the same fakes
  jest.spyOn(alarmDesk, 'alarmsDesk').mockReturnValue(alarms as never)
  const phone = fakePhone()
  const live = fakeLive()
  const sleeps: number[] = []
  const root = new RootStore(api, memoryTokenStorage('token-1'), phone, undefined, { live, sleep: async (ms) => void sleeps.push(ms) })
  return { api, phone, live, root, store: root.alarms, sleeps }
}

describe('AlarmStore (一键报警)', () => {
  it('keeps retrying with the same key while the network fails, saying so, then shows the alarm', async () => {
    const { api, store, sleeps } = setup()
    const states: string[] = []
    api.alarms.raise
      .mockImplementationOnce(() => (states.push(store.raiseState), Promise.reject(new ApiError(0, 'NETWORK', '网络连接失败'))))
      .mockImplementationOnce(() => (states.push(store.raiseState), Promise.reject(new ApiError(0, 'TIMEOUT', '网络超时'))))
      .mockImplementationOnce(() => (states.push(store.raiseState), Promise.resolve(alarm({ location: FIX }))))
    await store.raise({ schoolId: 's1' })
    expect(states).toEqual(['sending', 'failing', 'failing'])
    const keys = api.alarms.raise.mock.calls.map(([req]) => req.clientKey)
    expect(new Set(keys).size).toBe(1)
    expect(api.alarms.raise.mock.calls[0][0]).toMatchObject({ schoolId: 's1', clientAt: expect.any(String) })
    expect(sleeps).toEqual([2000, 2000])
    expect(store.raiseState).toBe('sent')
    expect(store.current?.id).toBe('a1')
  })

  it('a 5xx is retried like a network failure', async () => {
    const { api, store } = setup()
    api.alarms.raise.mockRejectedValueOnce(new ApiError(503, 'INTERNAL', '服务器开小差了')).mockResolvedValueOnce(alarm())
    api.alarms.describe.mockResolvedValue(alarm({ location: FIX }))
    await store.raise()
    expect(api.alarms.raise).toHaveBeenCalledTimes(2)
    expect(store.raiseState).toBe('sent')
  })

  it('a refusal (not a member) stops at once with the server’s words', async () => {
    const { api, store } = setup()
    api.alarms.raise.mockRejectedValue(new ApiError(403, 'FORBIDDEN', '通过学校审核后才能使用一键报警；紧急情况请直接拨打110'))
    await store.raise()
    expect(api.alarms.raise).toHaveBeenCalledTimes(1)
    expect(store.raiseState).toBe('refused')
    expect(store.raiseError).toContain('110')
  })

  it('does not wait for a slow fix: the alarm goes first, the fix is added when it comes', async () => {
    const { api, phone, store } = setup()
    let giveFix: (f: typeof FIX) => void = () => {}
    phone.location.current.mockImplementation(() => new Promise((resolve) => (giveFix = resolve)))
    api.alarms.raise.mockResolvedValue(alarm())
    api.alarms.describe.mockResolvedValue(alarm({ location: FIX }))
    const raising = store.raise()
    await Promise.resolve()
    await Promise.resolve()
    expect(api.alarms.raise).toHaveBeenCalledWith(expect.not.objectContaining({ location: expect.anything() }))
    giveFix(FIX)
    await raising
    expect(api.alarms.describe).toHaveBeenCalledWith('a1', { location: FIX })
    expect(store.current?.location).toEqual(FIX)
  })

  it('opens the live socket when signed in; a push about someone else’s new alarm is the banner, one about the open alarm reloads it', async () => {
    const { api, live, root, store } = setup()
    runInAction(() => (root.auth.status = 'signedIn'))
    expect(live.start).toHaveBeenCalledWith(expect.any(Function), 'token-1')
    const push = {
      type: 'alarm',
      alarmId: 'a2',
      action: 'raise',
      status: 'raised',
      schoolName: '京山小学',
      drill: false,
      alarmType: 'fight',
      raisedAt: '',
      updatedAt: '',
      mine: false,
    } as const
    live.push(push)
    expect(store.incoming).toMatchObject({ alarmId: 'a2' })
    api.alarms.poll.mockResolvedValue({ notModified: false, data: alarm({ id: 'a2', mine: false, status: 'acknowledged' }), etag: 'W/"1"' })
    // the alarm page (its own store, in the alarm subpackage) opens it
    const page = root.store(alarmDetailStore)
    await page.open('a2')
    expect(store.incoming).toBeNull()
    expect(page.current?.status).toBe('acknowledged')
    live.push({ ...push, action: 'acknowledge', status: 'acknowledged' })
    expect(api.alarms.poll).toHaveBeenLastCalledWith('a2', 'W/"1"')
    expect(store.incoming).toBeNull()
  })
})

describe('AlarmDetailStore (the alarm page)', () => {
  it('acts on the open alarm and shows the answer; another alarm opened meanwhile is not overwritten by a late answer', async () => {
    const { api, root } = setup()
    const page = root.store(alarmDetailStore)
    api.alarms.poll.mockResolvedValueOnce({
      notModified: false,
      data: alarm({ id: 'a3', mine: false, can: { acknowledge: true, arrive: false, close: false, cancel: false, describe: false } }),
      etag: 'W/"3"',
    })
    await page.open('a3')
    api.alarms.acknowledge.mockResolvedValue(alarm({ id: 'a3', mine: false, status: 'acknowledged' }))
    await expect(page.acknowledge()).resolves.toBe(true)
    expect(api.alarms.acknowledge).toHaveBeenCalledWith('a3')
    expect(page.current?.status).toBe('acknowledged')
    expect(page.busy).toBeNull()

    // a slow poll of a3 answers after a4 was opened: a4 stays
    let answer: (v: unknown) => void = () => {}
    api.alarms.poll.mockReturnValueOnce(new Promise((r) => (answer = r)))
    const late = page.refresh()
    api.alarms.poll.mockResolvedValueOnce({ notModified: false, data: alarm({ id: 'a4', mine: false }), etag: 'W/"4"' })
    await page.open('a4')
    answer({ notModified: false, data: alarm({ id: 'a3', mine: false, status: 'closed' }), etag: 'W/"5"' })
    await late
    expect(page.current?.id).toBe('a4')
    expect(root.alarms.current?.id).toBe('a4')
  })

  it('a sign-out resets the page’s store with the rest', async () => {
    const { api, root } = setup()
    const page = root.store(alarmDetailStore)
    api.alarms.poll.mockRejectedValueOnce(new Error('offline'))
    await page.open('a5')
    expect(page.loadError).toBeTruthy()
    root.resetPersonData()
    expect(page.loadError).toBeNull()
    expect(page.current).toBeNull()
  })
})

describe('photos after raising (AlarmPhotos)', () => {
  it('a chosen photo uploads, joins the alarm through 补充, and leaves the picker; at most 3 on an alarm', async () => {
    const { api, root } = setup()
    const store = root.store(alarmDetailStore)
    const uploads = { photo: jest.fn((path: string, key: string) => Promise.resolve({ id: `f-${path}`, url: `/u/${key}`, thumbUrl: `/t/${key}`, width: 1, height: 1 })) }
    Object.assign(api, { uploads })
    api.alarms.poll.mockResolvedValue({ notModified: false, data: alarm({ photos: [{ fileId: 'f0', url: '/u0', thumbUrl: '/t0' }] }), etag: 'W/"1"' })
    await store.open('a1')
    const photos = root.store(alarmPhotos)
    photos.follow(store.current!)
    expect(photos.uploads.max).toBe(2)
    await photos.uploads.add(['one.jpg'])
    const withTwo = alarm({
      photos: [
        { fileId: 'f0', url: '/u0', thumbUrl: '/t0' },
        { fileId: 'f-one.jpg', url: '/u1', thumbUrl: '/t1' },
      ],
    })
    api.alarms.describe.mockResolvedValue(withTwo)
    expect(await photos.attach()).toBe(true)
    expect(api.alarms.describe).toHaveBeenCalledWith('a1', { photoIds: ['f-one.jpg'] })
    expect(photos.uploads.items).toEqual([])
    expect(photos.uploads.max).toBe(1)
    // nothing uploaded: nothing sent
    expect(await photos.attach()).toBe(false)
    expect(api.alarms.describe).toHaveBeenCalledTimes(1)
  })

  it('a refused 补充 keeps the photo in the picker to try again', async () => {
    const { api, root } = setup()
    const store = root.store(alarmDetailStore)
    Object.assign(api, { uploads: { photo: jest.fn(() => Promise.resolve({ id: 'f1', url: '/u', thumbUrl: '/t', width: 1, height: 1 })) } })
    api.alarms.poll.mockResolvedValue({ notModified: false, data: alarm(), etag: 'W/"1"' })
    await store.open('a1')
    const photos = root.store(alarmPhotos)
    photos.follow(store.current!)
    await photos.uploads.add(['one.jpg'])
    api.alarms.describe.mockRejectedValue(new ApiError(409, 'CONFLICT', '报警已处置完毕，不能补充情况'))
    await expect(photos.attach()).rejects.toThrow('不能补充情况')
    expect(photos.uploads.fileIds).toEqual(['f1'])
    expect(photos.attaching).toBe(false)
  })
})
