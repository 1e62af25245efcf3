import { runInAction } from 'mobx'
import { errorMessage } from '@/services/http'

/** Where a list or a record is in its life on screen. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error'

/** A store that shows one list loaded from the server. */
export interface ListHolder<T> {
  items: T[]
  state: LoadState
  error: string | null
}

/** A list not loaded yet. */
export const emptyList = <T>(): ListHolder<T> => ({ items: [], state: 'idle', error: null })

const running = new WeakMap<object, Promise<void>>()

/**
 * Loads a store's list: 'loading' only while nothing is shown yet, 'error' with the server's
 * message (or `failure`) when it fails, the items already shown kept; a second call while one
 * runs shares it. Call it from the store's own action.
 */
export function loadList<T>(store: ListHolder<T>, fetch: () => Promise<T[]>, failure: string): Promise<void> {
  const current = running.get(store)
  if (current) return current
  store.state = store.items.length ? 'ready' : 'loading'
  store.error = null
  const run = fetch()
    .then((items) =>
      runInAction(() => {
        store.items = items
        store.state = 'ready'
      }),
    )
    .catch((e: unknown) =>
      runInAction(() => {
        store.state = 'error'
        store.error = errorMessage(e, failure)
      }),
    )
    .finally(() => {
      running.delete(store)
    })
  running.set(store, run)
  return run
}

/** Back to nothing loaded (signing out). */
export function resetList<T>(store: ListHolder<T>): void {
  store.items = []
  store.state = 'idle'
  store.error = null
}
