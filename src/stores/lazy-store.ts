// A store that only subpackage pages use. The root creates it on first use (`root.store(key)`),
// and only those pages import its module, so webpack ships its code with that subpackage instead
// of the main package (WeChat's 2 MB limit, and less to load at launch). The root still owns it:
// one instance per root, and resetPersonData() resets it like the others.
import type { Api } from '@/services/api'
import type { DutyDevice } from '@/services/device'
import type { RootStore } from './root-store'

export interface LazyStore<T> {
  create(root: RootStore, api: Api, device: DutyDevice): T
  /** What "nothing of the last person stays" means for this store (most call reset()). */
  reset(store: T): void
}

export function lazyStore<T>(create: LazyStore<T>['create'], reset: LazyStore<T>['reset']): LazyStore<T> {
  return { create, reset }
}
