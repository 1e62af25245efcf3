import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/**
 * Runs `onReturn` each time the screen is shown again after being hidden: back from a page on
 * top, its tab chosen again, the app back in front. Not on the first show (the opening).
 */
export function useOnReturn(onReturn: () => unknown): void {
  const latest = useRef(onReturn)
  latest.current = onReturn
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    void latest.current()
  })
}

/**
 * A screen's data: loaded when the screen opens (once `ready`, e.g. signed in) and again every
 * time it is shown again, so a list is never stale on return. Stores keep what is shown while
 * they ask again (loadList, `quiet` loads); polled routes answer 304. `load` may change between
 * renders: the latest is used.
 */
export function useScreenLoad(load: () => unknown, ready = true): void {
  const latest = useRef(load)
  latest.current = load
  useEffect(() => {
    if (ready) void latest.current()
  }, [ready])
  useOnReturn(() => (ready ? latest.current() : undefined))
}
