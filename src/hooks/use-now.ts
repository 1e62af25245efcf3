import { useEffect, useState } from 'react'
import { serverNow } from '@/services/server-clock'

/** The current time, renewed every `intervalMs` while the component is shown (windows open and close as time passes). */
export function useNow(intervalMs = 15_000): Date {
  const [now, setNow] = useState(() => serverNow())
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
