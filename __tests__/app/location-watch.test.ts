// The duty's location on WeChat: background location first, the foreground when declined; and
// what a refused privacy agreement or permission is called.
type Callbacks = { success?: () => void; fail?: (e: unknown) => void }

function weappLocation(taro: Record<string, jest.Mock>) {
  const previous = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  let mod: typeof import('@/services/location') | undefined
  jest.isolateModules(() => {
    jest.doMock('@tarojs/taro', () => ({ __esModule: true, default: taro }))
    // a fresh copy of the module for this platform: isolateModules only works with require
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('@/services/location')
  })
  process.env.TARO_ENV = previous
  return mod!
}

function fakeTaro(background: 'allowed' | 'declined') {
  return {
    startLocationUpdateBackground: jest.fn((o: Callbacks) => (background === 'allowed' ? o.success?.() : o.fail?.({ errMsg: 'startLocationUpdateBackground:fail auth deny' }))),
    startLocationUpdate: jest.fn((o: Callbacks) => o.success?.()),
    onLocationChange: jest.fn(),
    offLocationChange: jest.fn(),
    stopLocationUpdate: jest.fn(),
    getLocation: jest.fn(),
    openSetting: jest.fn(),
  }
}

describe('location while on duty (WeChat)', () => {
  it('asks for background location, so a locked phone keeps reporting', () => {
    const taro = fakeTaro('allowed')
    const { taroLocation } = weappLocation(taro)
    const onMode = jest.fn()
    const stop = taroLocation.watch(jest.fn(), jest.fn(), onMode)
    expect(taro.startLocationUpdateBackground).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }))
    expect(taro.startLocationUpdate).not.toHaveBeenCalled()
    expect(onMode).toHaveBeenCalledWith('background')
    expect(taro.onLocationChange).toHaveBeenCalledTimes(1)
    stop()
    expect(taro.stopLocationUpdate).toHaveBeenCalled()
    expect(taro.offLocationChange).toHaveBeenCalled()
  })

  it('declined: the duty goes on in the foreground, and says so', () => {
    const taro = fakeTaro('declined')
    const { taroLocation } = weappLocation(taro)
    const onMode = jest.fn()
    const onError = jest.fn()
    const onFix = jest.fn()
    taroLocation.watch(onFix, onError, onMode)
    expect(taro.startLocationUpdate).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }))
    expect(onMode).toHaveBeenCalledWith('foreground')
    expect(onError).not.toHaveBeenCalled()
    const listener = taro.onLocationChange.mock.calls[0][0] as (r: object) => void
    listener({ latitude: 28.6, longitude: 115.9, accuracy: 12.4 })
    expect(onFix).toHaveBeenCalledWith({ lat: 28.6, lng: 115.9, accuracy: 12 })
  })

  it('stopped before WeChat answered: nothing is listened to', () => {
    const taro = fakeTaro('allowed')
    let answer: (() => void) | undefined
    taro.startLocationUpdateBackground.mockImplementation((o: Callbacks) => {
      answer = o.success
    })
    const { taroLocation } = weappLocation(taro)
    const stop = taroLocation.watch(jest.fn(), jest.fn())
    stop()
    answer?.()
    expect(taro.onLocationChange).not.toHaveBeenCalled()
  })
})

describe('refusals', () => {
  it.each([
    [{ errMsg: 'getLocation:fail privacy permission is not authorized', errno: 104 }, 'privacy'],
    [{ errMsg: 'getLocation:fail api scope is not declared in the privacy agreement', errno: 112 }, 'privacy'],
    [{ errMsg: 'getLocation:fail auth deny' }, 'denied'],
    [{ errMsg: 'getLocation:fail authorize no response' }, 'denied'],
    [{ errMsg: 'getLocation:fail system permission denied' }, 'off'],
    [{ errMsg: 'getLocation:fail timeout' }, 'timeout'],
  ])('%j → %s', (error, code) => {
    const { locationErrorFrom } = weappLocation(fakeTaro('allowed'))
    expect(locationErrorFrom(error).code).toBe(code)
  })

  it('a refused agreement is not sent to 去设置: it says what happened and offers the agreement again', () => {
    const { locationErrorFrom } = weappLocation(fakeTaro('allowed'))
    const e = locationErrorFrom({ errMsg: 'getLocation:fail privacy permission is not authorized', errno: 104 })
    expect(e.message).toMatch(/没有同意《护学岗隐私保护指引》/)
    expect(e.message).not.toMatch(/设置/)
  })
})
