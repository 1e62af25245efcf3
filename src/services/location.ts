// Where the person is, in GCJ-02 (DESIGN.md §4 "Geofence"). WeChat reports GCJ-02 itself; the
// browser reports WGS-84, converted with gcoord (never by a hand-written formula). In the browser
// a position request without a timeout can wait forever, so every request carries one.
import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import type { LocationFix } from '@/types/attendance'
import { permissionProblemOf } from './permissions'

/** `privacy`: the privacy agreement was refused (offer it again); `denied`: the permission (offer 去设置). */
export type LocationErrorCode = 'privacy' | 'denied' | 'off' | 'timeout' | 'unavailable'

export class LocationError extends Error {
  readonly code: LocationErrorCode

  constructor(code: LocationErrorCode, message: string) {
    super(message)
    this.name = 'LocationError'
    this.code = code
  }
}

export interface LocationService {
  /** One fresh fix (WeChat gives a new one at most every 30 s). */
  current(): Promise<LocationFix>
  /**
   * Fixes as the person moves, until the returned function is called. On WeChat it asks for
   * background location first (the duty goes on with the phone locked) and falls back to the
   * foreground when the person declines; `onMode` says which one runs.
   */
  watch(onFix: (fix: LocationFix) => void, onError: (error: LocationError) => void, onMode?: (mode: WatchMode) => void): () => void
  /** Opens the place where a refused permission can be granted again (WeChat's settings). */
  openSettings(): Promise<void>
}

/** `background`: positions keep coming with the phone locked; `foreground`: only while the app is shown. */
export type WatchMode = 'background' | 'foreground'

const isWeapp = process.env.TARO_ENV === 'weapp'
const H5_TIMEOUT_MS = 10_000

/** The browser's WGS-84 position as GCJ-02. */
export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  // Written as a build-time condition so that the WeChat build, where positions come as GCJ-02
  // already, leaves gcoord out of its main package.
  if (process.env.TARO_ENV !== 'weapp') {
    const [gLng, gLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
    return { lat: gLat, lng: gLng }
  }
  throw new Error('WeChat reports GCJ-02 itself: nothing to convert')
}

/** What to tell a person when locating failed, from WeChat's errMsg or the browser's error. */
export function locationErrorFrom(error: unknown): LocationError {
  if (error instanceof LocationError) return error
  const e = error as { errMsg?: string; message?: string; code?: number } | null
  const text = String(e?.errMsg ?? e?.message ?? '')
  if (/system permission|locationswitchoff|location service|ERROR_NOCELL/i.test(text)) {
    return new LocationError('off', '手机的定位服务没有打开，请在系统设置中打开定位后重试')
  }
  if (permissionProblemOf(error) === 'privacy') {
    return new LocationError('privacy', '你没有同意《护学岗隐私保护指引》，所以无法使用位置。点「重试」可再次查看并同意')
  }
  if (/denied|deny|auth|permission/i.test(text) || e?.code === 1) {
    return new LocationError(
      'denied',
      isWeapp ? '你没有允许护学岗使用位置。签到需要确认你在岗点附近，请在设置中允许使用位置后重试' : '浏览器没有允许使用位置。请在浏览器的网站设置中允许定位后重试',
    )
  }
  if (/timeout|expired/i.test(text) || e?.code === 3) return new LocationError('timeout', '定位超时，请到开阔处重试')
  return new LocationError('unavailable', '暂时无法获取位置，请稍后重试')
}

function fromWechat(res: { latitude: number; longitude: number; accuracy?: number; horizontalAccuracy?: number }): LocationFix {
  return { lat: res.latitude, lng: res.longitude, accuracy: Math.round(res.accuracy ?? res.horizontalAccuracy ?? 0) }
}

function fromBrowser(coords: { latitude: number; longitude: number; accuracy: number }): LocationFix {
  return { ...wgs84ToGcj02(coords.latitude, coords.longitude), accuracy: Math.round(coords.accuracy) }
}

export const taroLocation: LocationService = {
  async current() {
    try {
      if (isWeapp) return fromWechat(await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 }))
      // H5: only 'wgs84' is accepted, and without a timeout it may never answer.
      const res = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: H5_TIMEOUT_MS })
      return fromBrowser(res)
    } catch (e) {
      throw locationErrorFrom(e)
    }
  },

  watch(onFix, onError, onMode) {
    if (isWeapp) {
      let stopped = false
      const listener = (res: Taro.onLocationChange.CallbackResult) => onFix(fromWechat(res))
      const listen = (mode: WatchMode) => {
        if (stopped) return
        onMode?.(mode)
        Taro.onLocationChange(listener)
      }
      // Background location for the duty only (requiredBackgroundModes: location). Declined
      // (the person chose 仅在使用中), the duty still works while the app is shown.
      Taro.startLocationUpdateBackground({
        type: 'gcj02',
        success: () => listen('background'),
        fail: () => {
          if (stopped) return
          Taro.startLocationUpdate({
            type: 'gcj02',
            success: () => listen('foreground'),
            fail: (e: unknown) => onError(locationErrorFrom(e)),
          } as Taro.startLocationUpdate.Option)
        },
      } as Taro.startLocationUpdateBackground.Option)
      return () => {
        stopped = true
        Taro.offLocationChange(listener)
        Taro.stopLocationUpdate({ fail: () => {} })
      }
    }
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      onError(new LocationError('unavailable', '当前浏览器不支持定位'))
      return () => {}
    }
    onMode?.('foreground')
    const watchId = navigator.geolocation.watchPosition(
      (p) => onFix(fromBrowser(p.coords)),
      (e) => onError(locationErrorFrom(e)),
      { enableHighAccuracy: true, maximumAge: 30_000, timeout: 60_000 },
    )
    return () => navigator.geolocation.clearWatch(watchId)
  },

  async openSettings() {
    if (isWeapp) await Taro.openSetting({})
  },
}
