import { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef } from 'react'

/**
 * Calls `tick` every `ms` while the page is shown (DESIGN.md §6: live lists poll every 10–15 s
 * and stop when hidden).
 */
export function usePolling(tick: () => void, ms: number, enabled: boolean): void {
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const latest = useRef(tick)
  latest.current = tick

  const stop = useCallback(() => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }, [])
  const start = useCallback(() => {
    stop()
    if (enabled) timer.current = setInterval(() => latest.current(), ms)
  }, [stop, enabled, ms])

  useEffect(() => {
    start()
    return stop
  }, [start, stop])
  useDidShow(start)
  useDidHide(stop)
}
