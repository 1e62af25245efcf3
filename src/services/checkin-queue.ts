// Check-ins and check-outs that could not reach the server are kept on the phone (Taro storage)
// with their idempotency key and the time of the tap, and sent again when the network returns.
import Taro from '@tarojs/taro'
import type { CheckinRequest } from '@/types/attendance'

export type CheckKind = 'in' | 'out'

export interface PendingCheck {
  personId: string
  signupId: string
  shiftId: string
  kind: CheckKind
  /** Sent as is on every retry: same idempotency key, clientAt = the tap. */
  request: CheckinRequest
  attempts: number
  lastError: string | null
}

export interface QueueStorage {
  load(): PendingCheck[]
  save(items: PendingCheck[]): void
}

const KEY = 'hxg.checkin.queue'

export const taroQueueStorage: QueueStorage = {
  load() {
    try {
      const raw = Taro.getStorageSync(KEY)
      const items = typeof raw === 'string' && raw ? JSON.parse(raw) : raw
      return Array.isArray(items) ? (items as PendingCheck[]) : []
    } catch {
      return []
    }
  },
  save(items) {
    Taro.setStorageSync(KEY, JSON.stringify(items))
  },
}

export function memoryQueueStorage(initial: PendingCheck[] = []): QueueStorage & { items: PendingCheck[] } {
  const store = {
    items: initial.map((i) => ({ ...i })),
    load: () => store.items.map((i) => ({ ...i, request: { ...i.request } })),
    save: (items: PendingCheck[]) => {
      store.items = items.map((i) => ({ ...i, request: { ...i.request } }))
    },
  }
  return store
}

/** A key the server keeps per check-in: random enough for one phone, 8–64 characters. */
export function newIdempotencyKey(now: number = Date.now()): string {
  let random = ''
  for (let i = 0; i < 3; i++) random += Math.random().toString(36).slice(2, 8)
  return `ck-${now.toString(36)}-${random}`
}
