// The city's safety-education themes (防溺水, 防拐骗 …), asked once per session: the drill record
// offers them (the linked notice's theme first chosen); the bulletin counts drills by them.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Api } from '@/services/api'
import { createSafetyThemesService } from '@/services/safety-themes'
import type { SafetyTheme } from '@/types/bulletin'
import { lazyStore } from '../lazy-store'

export class SafetyThemesStore {
  items: SafetyTheme[] = []
  private loading: Promise<void> | null = null

  constructor(private readonly api: Pick<Api, 'http'>) {
    makeAutoObservable<SafetyThemesStore, 'api' | 'loading'>(this, { api: false, loading: false })
  }

  /** Once; a failure leaves the list empty (forms work without a theme) and the next call asks again. */
  load(): Promise<void> {
    if (this.items.length) return Promise.resolve()
    this.loading ??= createSafetyThemesService(this.api.http)
      .list()
      .then((items) => runInAction(() => void (this.items = items)))
      .catch(() => undefined)
      .finally(() => void (this.loading = null))
    return this.loading
  }
}

export const safetyThemesStore = lazyStore(
  (_root, api) => new SafetyThemesStore(api),
  () => undefined,
)
