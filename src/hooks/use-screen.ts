import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useScreenLoad } from './use-screen-load'

export interface ScreenOptions {
  /** What the screen shows, loaded when it opens (once `ready`) and each time it is shown again (useScreenLoad). */
  load?: () => unknown
  /** False until the screen may load (e.g. signed in). */
  ready?: boolean
  /** What a pull to refresh runs (the screen's `load` when not given); the spinner stops when it settles. */
  refresh?: () => unknown
}

const nothing = () => undefined

/**
 * A page's data: loaded on open and on return, and again on a pull to refresh
 * (usePullDownRefresh → refresh → stopPullDownRefresh). The page draws its states with `screenGate()`
 * (components/page-state). Options may change between renders: the latest are used.
 */
export function useScreen({ load, ready = true, refresh }: ScreenOptions): void {
  useScreenLoad(load ?? nothing, ready && !!load)
  const pull = refresh ?? load ?? nothing
  usePullDownRefresh(async () => {
    try {
      await pull()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })
}
