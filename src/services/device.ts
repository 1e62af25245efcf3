// What the duty stores need from the phone besides HTTP: when the network or the app comes back,
// and WeChat's subscribe-message prompt. One object, so tests pass fakes.
import Taro from '@tarojs/taro'
import { taroQueueStorage, type QueueStorage } from './checkin-queue'
import { taroLocation, type LocationService } from './location'
import { serverNow } from './server-clock'

export interface Connectivity {
  /** Calls back when the network is back (or the app returns to the foreground); returns a stop function. */
  onReconnect(listener: () => void): () => void
}

export const taroConnectivity: Connectivity = {
  onReconnect(listener) {
    const onStatus = (res: { isConnected: boolean }) => {
      if (res.isConnected) listener()
    }
    const onShow = () => listener()
    Taro.onNetworkStatusChange(onStatus)
    Taro.onAppShow(onShow)
    // The browser's own event: navigator.connection does not report going online everywhere.
    const onOnline = () => listener()
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.addEventListener('online', onOnline)
    return () => {
      Taro.offNetworkStatusChange(onStatus)
      Taro.offAppShow(onShow)
      if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.removeEventListener('online', onOnline)
    }
  },
}

/**
 * WeChat's subscribe prompt. It must run inside the handler of a tap (not after an awaited
 * request), so callers start it synchronously in the tap and do not wait for it.
 */
export type SubscribePrompt = (templateIds: string[]) => Promise<void>

export const taroSubscribePrompt: SubscribePrompt = async (templateIds) => {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return
  try {
    await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
  } catch {
    // refused or unavailable: reminders are a courtesy, signing up goes on
  }
}

/** Everything the duty stores take from the phone. */
export interface DutyDevice {
  location: LocationService
  queue: QueueStorage
  connectivity: Connectivity
  subscribe: SubscribePrompt
  now: () => Date
}

export function taroDutyDevice(): DutyDevice {
  return { location: taroLocation, queue: taroQueueStorage, connectivity: taroConnectivity, subscribe: taroSubscribePrompt, now: () => serverNow() }
}
