import { useEffect, useState } from 'react'

/** The current time, renewed every `intervalMs` while the component is shown (windows open and close as time passes). */
export function useNow(intervalMs = 15_000): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
