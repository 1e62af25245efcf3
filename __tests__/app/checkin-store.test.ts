import { ApiError } from '@/services/http'
import { LocationError } from '@/services/location'
import { HEARTBEAT_INTERVAL_MS } from '@/stores/duty/checkin-store'
import { AT_GATE, attendance, dutyRoot, fakePhone, mine, shift } from './support/duty-fixtures'
import { JINGSHAN, atSchool, membership } from './support/fixtures'

const volunteer = () => [membership({ role: 'volunteer', status: 'approved', scope: atSchool(JINGSHAN) })]

function onDuty(root: ReturnType<typeof dutyRoot>['root'], startsInMin = 10) {
  const s = shift({ id: 's1', mine: mine({ signupId: 'g1' }) }, startsInMin)
  root.duty.upcoming = [s]
  return s
}

describe('CheckinStore: check-in at the gate', () => {
  it('locates, sends the fix with an idempotency key, and shows the check-in on the shift', async () => {
    const { root, api } = dutyRoot()
    const s = onDuty(root)
    api.attendance.checkIn.mockResolvedValue(attendance({ signupId: 'g1', checkInAt: '2026-11-30T23:15:00.000Z' }))
    const result = await root.checkin.checkIn(s)
    expect(result.kind).toBe('done')
    const [signupId, request] = api.attendance.checkIn.mock.calls[0]
    expect(signupId).toBe('g1')
    expect(request).toMatchObject({ lat: AT_GATE.lat, lng: AT_GATE.lng, accuracy: AT_GATE.accuracy })
    expect(request.idempotencyKey).toMatch(/^.{8,64}$/)
    expect(request.clientAt).toBeUndefined()
    expect(root.duty.upcoming[0].mine?.checkInAt).toBe('2026-11-30T23:15:00.000Z')
  })

  it('outside the fence: the person may give a reason, and the retry carries the same key and the reason', async () => {
    const { root, api } = dutyRoot()
    const s = onDuty(root)
    api.attendance.checkIn.mockRejectedValueOnce(new ApiError(422, 'OUTSIDE_FENCE', '你距岗点约 2.0 公里，不在签到范围（165 米）内', 'reason'))
    const first = await root.checkin.checkIn(s)
    expect(first).toEqual({ kind: 'outside', message: '你距岗点约 2.0 公里，不在签到范围（165 米）内' })
    api.attendance.checkIn.mockResolvedValueOnce(attendance({ exceptions: [{ id: 'e1', kind: 'outside_fence', status: 'pending', reviewNote: null }] }))
    const second = await root.checkin.checkIn(s, '南门施工，在对面路口')
    expect(second.kind).toBe('done')
    const [[, a], [, b]] = api.attendance.checkIn.mock.calls
    expect(b.idempotencyKey).toBe(a.idempotencyKey)
    expect(b.reason).toBe('南门施工，在对面路口')
    expect(root.checkin.queue).toEqual([])
    // the shift card shows the exception waiting for review (as it will after a reload)
    expect(root.duty.upcoming[0].mine?.exceptions).toEqual([{ id: 'e1', kind: 'outside_fence', status: 'pending', reviewNote: null }])
  })

  it('refusals (window, accuracy) come back with the server’s words and nothing is kept', async () => {
    const { root, api, phone } = dutyRoot()
    const s = onDuty(root)
    api.attendance.checkIn.mockRejectedValue(new ApiError(422, 'LOCATION_INACCURATE', '定位不准，请到开阔处重试', 'accuracy'))
    expect(await root.checkin.checkIn(s)).toEqual({ kind: 'refused', message: '定位不准，请到开阔处重试' })
    expect(phone.queue.items).toEqual([])
  })

  it('a refused location permission says what to do, and sends nothing', async () => {
    const phone = fakePhone()
    phone.location.current.mockRejectedValue(new LocationError('denied', '浏览器没有允许使用位置。请在浏览器的网站设置中允许定位后重试'))
    const { root, api } = dutyRoot(volunteer(), phone)
    const result = await root.checkin.checkIn(onDuty(root))
    expect(result).toMatchObject({ kind: 'location', error: { code: 'denied' } })
    expect(root.checkin.locationError?.message).toMatch(/允许定位/)
    expect(api.attendance.checkIn).not.toHaveBeenCalled()
  })
})

describe('CheckinStore: nothing lost on a bad network', () => {
  it('no network: the check-in is kept on the phone with its key and the time of the tap, and sent again with the same key when the network returns', async () => {
    let clock = new Date('2026-11-30T23:12:00.000Z')
    const phone = fakePhone(() => clock)
    const { root, api } = dutyRoot(volunteer(), phone)
    const s = onDuty(root)
    root.checkin.start()

    api.attendance.checkIn.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))
    expect(await root.checkin.checkIn(s)).toEqual({ kind: 'queued' })
    const [kept] = phone.queue.items
    const firstKey = api.attendance.checkIn.mock.calls[0][1].idempotencyKey
    expect(kept).toMatchObject({ signupId: 'g1', kind: 'in', request: { idempotencyKey: firstKey, clientAt: '2026-11-30T23:12:00.000Z' } })
    expect(root.checkin.pendingFor('g1', 'in')).not.toBeNull()

    // a later tap does not make a second check-in: it only tries to send the kept one
    api.attendance.checkIn.mockRejectedValueOnce(new ApiError(0, 'TIMEOUT', '网络超时，请稍后重试'))
    expect(await root.checkin.checkIn(s)).toEqual({ kind: 'queued' })
    await Promise.resolve()

    clock = new Date('2026-11-30T23:20:00.000Z')
    api.attendance.checkIn.mockResolvedValueOnce(attendance({ signupId: 'g1', offline: true, checkInAt: '2026-11-30T23:12:00.000Z' }))
    phone.reconnect()
    await new Promise((r) => setTimeout(r, 0))

    const calls = api.attendance.checkIn.mock.calls
    const last = calls[calls.length - 1][1]
    expect(last.idempotencyKey).toBe(firstKey)
    expect(last.clientAt).toBe('2026-11-30T23:12:00.000Z')
    expect(phone.queue.items).toEqual([])
    expect(root.checkin.queue).toEqual([])
    expect(root.duty.upcoming[0].mine?.checkInAt).toBe('2026-11-30T23:12:00.000Z')
  })

  it('what is kept survives a restart of the app (read back from storage) and is sent by the new session', async () => {
    const phone = fakePhone()
    phone.queue.save([
      {
        personId: 'p1',
        signupId: 'g1',
        shiftId: 's1',
        kind: 'in',
        request: { lat: 1, lng: 2, accuracy: 10, idempotencyKey: 'ck-kept-key-1', clientAt: '2026-11-30T23:12:00.000Z' },
        attempts: 1,
        lastError: '网络连接失败',
      },
    ])
    const { root, api } = dutyRoot(volunteer(), phone)
    api.attendance.checkIn.mockResolvedValue(attendance())
    root.checkin.start()
    await new Promise((r) => setTimeout(r, 0))
    expect(api.attendance.checkIn).toHaveBeenCalledWith('g1', expect.objectContaining({ idempotencyKey: 'ck-kept-key-1', clientAt: '2026-11-30T23:12:00.000Z' }))
    expect(phone.queue.items).toEqual([])
  })

  it('a kept check-in the server refuses on arrival is dropped and the person told why', async () => {
    const phone = fakePhone()
    const { root, api } = dutyRoot(volunteer(), phone)
    const s = onDuty(root)
    api.attendance.checkIn.mockRejectedValueOnce(new ApiError(503, 'INTERNAL', '服务器开小差了'))
    expect(await root.checkin.checkIn(s)).toEqual({ kind: 'queued' })
    api.attendance.checkIn.mockRejectedValueOnce(new ApiError(409, 'OUT_OF_WINDOW', '班次已结束，不能签到'))
    await root.checkin.flush()
    expect(phone.queue.items).toEqual([])
    expect(root.checkin.takeRefusedOffline()).toEqual([{ signupId: 'g1', kind: 'in', message: '班次已结束，不能签到' }])
  })

  it('a check-out while the check-in still waits on the phone waits behind it', async () => {
    const phone = fakePhone()
    const { root, api } = dutyRoot(volunteer(), phone)
    const s = onDuty(root, -30)
    api.attendance.checkIn.mockRejectedValue(new ApiError(0, 'NETWORK', '网络连接失败'))
    await root.checkin.checkIn(s)
    expect(await root.checkin.checkOut(s)).toEqual({ kind: 'queued' })
    expect(api.attendance.checkOut).not.toHaveBeenCalled()
    expect(phone.queue.items.map((i) => i.kind)).toEqual(['in', 'out'])
  })
})

describe('CheckinStore: heartbeats while on duty', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-30T23:25:00.000Z') }))
  afterEach(() => jest.useRealTimers())

  it('watches location while a screen wants it, sends about once a minute (the last fix when standing still), and stops', async () => {
    const phone = fakePhone(() => new Date())
    const { root, api } = dutyRoot(volunteer(), phone)
    api.attendance.heartbeat.mockResolvedValue({ inside: true, distanceM: 20, limitM: 165 })

    root.checkin.setHeartbeat('home', 'g1')
    expect(phone.location.watch).toHaveBeenCalledTimes(1)
    phone.move(AT_GATE)
    phone.move({ ...AT_GATE, lat: AT_GATE.lat + 0.00001 })
    await Promise.resolve()
    expect(api.attendance.heartbeat).toHaveBeenCalledTimes(1)

    // no new fix (standing still): the last one goes out once a minute
    await jest.advanceTimersByTimeAsync(HEARTBEAT_INTERVAL_MS + 15_000)
    expect(api.attendance.heartbeat).toHaveBeenCalledTimes(2)
    expect(root.checkin.lastHeartbeat).toEqual({ inside: true, distanceM: 20, limitM: 165 })

    // a second screen asking for the same signup does not start a second watch
    root.checkin.setHeartbeat('duty-tab', 'g1')
    expect(phone.location.watch).toHaveBeenCalledTimes(1)
    root.checkin.setHeartbeat('home', null)
    root.checkin.setHeartbeat('duty-tab', null)
    await jest.advanceTimersByTimeAsync(5 * HEARTBEAT_INTERVAL_MS)
    expect(api.attendance.heartbeat).toHaveBeenCalledTimes(2)
    expect(root.checkin.heartbeatSignupId).toBeNull()
  })

  it('the server saying the person is no longer on duty stops the heartbeats', async () => {
    const phone = fakePhone(() => new Date())
    const { root, api } = dutyRoot(volunteer(), phone)
    api.attendance.heartbeat.mockRejectedValue(new ApiError(409, 'CONFLICT', '不在值守时间内，不记录位置'))
    root.checkin.setHeartbeat('home', 'g1')
    phone.move(AT_GATE)
    await jest.advanceTimersByTimeAsync(0)
    expect(root.checkin.heartbeatSignupId).toBeNull()
  })
})

describe('CheckinStore: locating while on duty', () => {
  it('a check-out while location is watched uses the watch’s last fix (a browser may not answer a one-off request then)', async () => {
    const phone = fakePhone()
    const { root, api } = dutyRoot(volunteer(), phone)
    const s = shift({ id: 's1', mine: mine({ signupId: 'g1', checkInAt: new Date().toISOString() }) }, -30)
    root.duty.upcoming = [s]
    root.checkin.setHeartbeat('home', 'g1')
    api.attendance.heartbeat.mockResolvedValue({ inside: true, distanceM: 5, limitM: 165 })
    const here = { lat: AT_GATE.lat + 0.0001, lng: AT_GATE.lng, accuracy: 8 }
    phone.move(here)
    phone.location.current.mockReturnValue(new Promise(() => {}))
    api.attendance.checkOut.mockResolvedValue(attendance({ checkOutAt: new Date().toISOString() }))
    expect((await root.checkin.checkOut(s)).kind).toBe('done')
    expect(api.attendance.checkOut).toHaveBeenCalledWith('g1', expect.objectContaining({ lat: here.lat, accuracy: 8 }))
    root.checkin.setHeartbeat('home', null)
  })
})
