import type { LiveMessage } from '@/types/alarms'
import type { LiveConnection } from '@/services/live'

/** The app's one socket, faked: pushes reach every listener (the alarm store, the broadcast inbox); `setState` says up or down. */
export function fakeLive() {
  const listeners = new Set<(m: LiveMessage) => void>()
  const states = new Set<(c: boolean) => void>()
  const live: LiveConnection & { start: jest.Mock; stop: jest.Mock; push(m: LiveMessage): void; setState(c: boolean): void } = {
    start: jest.fn(),
    stop: jest.fn(),
    onMessage: (l) => (listeners.add(l), () => listeners.delete(l)),
    onState: (l) => (states.add(l), () => states.delete(l)),
    push: (m) => listeners.forEach((l) => l(m)),
    setState: (c) => states.forEach((l) => l(c)),
  }
  return live
}
