// A point picked on WeChat's map (chooseLocation, GCJ-02), for a hazard seen somewhere other
// than where the person stands. The current position comes from services/location.
import Taro from '@tarojs/taro'
import type { LocationFix } from '@/types/attendance'
import { locationErrorFrom } from './location'

/** A position with, when picked on the map, the place's name and address. */
export interface PlacedFix extends LocationFix {
  name?: string
  address?: string
}

/** Only WeChat has a map to pick from; the browser build uses the current position. */
export const canPickOnMap = process.env.TARO_ENV === 'weapp'

/** Resolves with the picked point, or null when the person closed the map. */
export async function pickOnMap(near?: { lat: number; lng: number }): Promise<PlacedFix | null> {
  try {
    const res = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {})
    return { lat: res.latitude, lng: res.longitude, accuracy: 0, name: res.name, address: res.address }
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) return null
    throw locationErrorFrom(e)
  }
}
