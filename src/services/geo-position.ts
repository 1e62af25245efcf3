// Where the phone is, in GCJ-02 (DESIGN.md §4): WeChat gives GCJ-02 itself; the browser gives
// WGS-84, converted with gcoord (never by hand). A point can also be picked on a map on WeChat.
import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import type { Gcj02Point } from '@/types/org'

export interface GeoPosition extends Gcj02Point {
  /** Accuracy radius in metres (0 when picked on a map). */
  accuracy: number
  /** Name and address of a point picked on the map. */
  name?: string
  address?: string
}

/** A failure to locate, with what to tell the person. */
export class GeoPositionError extends Error {
  readonly reason: 'denied' | 'timeout' | 'unavailable' | 'cancelled'

  constructor(reason: GeoPositionError['reason'], message: string) {
    super(message)
    this.name = 'GeoPositionError'
    this.reason = reason
  }
}

function failure(e: unknown): GeoPositionError {
  const text = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '')
  if (/cancel/i.test(text)) return new GeoPositionError('cancelled', '已取消')
  if (/denied|deny|auth|permission/i.test(text)) return new GeoPositionError('denied', '没有定位权限，请在设置中允许护学岗使用你的位置')
  if (/timeout|time out|expired/i.test(text)) return new GeoPositionError('timeout', '定位超时，请到开阔处重试')
  return new GeoPositionError('unavailable', '暂时无法定位，请稍后重试或在地图上选点')
}

/** The current position in GCJ-02. */
export async function currentPosition(): Promise<GeoPosition> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      // the browser's position is WGS-84; without a timeout a granted-but-silent GPS waits forever
      const res = await Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: 10000 })
      const [lng, lat] = gcoord.transform([res.longitude, res.latitude], gcoord.WGS84, gcoord.GCJ02) as [number, number]
      return { lat, lng, accuracy: res.accuracy }
    }
    const res = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 })
    return { lat: res.latitude, lng: res.longitude, accuracy: res.accuracy }
  } catch (e) {
    throw failure(e)
  }
}

/** Whether this build can pick a point on a map (WeChat's chooseLocation). */
export const canPickOnMap = process.env.TARO_ENV === 'weapp'

/** A point picked on WeChat's map (GCJ-02), starting near `near`. */
export async function pickOnMap(near?: Gcj02Point): Promise<GeoPosition> {
  try {
    const res = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {})
    return { lat: res.latitude, lng: res.longitude, accuracy: 0, name: res.name, address: res.address }
  } catch (e) {
    throw failure(e)
  }
}
