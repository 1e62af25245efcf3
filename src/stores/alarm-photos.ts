// Photos the raiser adds after raising (the alarm page, packages/alarm only, created on first use):
// each uploads as soon as it is chosen (the files module, like hazards), then joins the alarm
// through the raiser's 补充 (at most 3 on an alarm); sent ones leave the picker and show on the alarm.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Alarm } from '@/types/alarms'
import type { Api } from '@/services/api'
import { alarmDetailStore, type AlarmDetailStore } from './alarm-detail-store'
import { PhotoUploads } from './hazards/photo-uploads'
import { lazyStore } from './lazy-store'

export const ALARM_PHOTOS_MAX = 3

export class AlarmPhotos {
  readonly uploads: PhotoUploads
  attaching = false
  private alarmId: string | null = null

  constructor(
    private readonly alarms: AlarmDetailStore,
    api: Api,
  ) {
    this.uploads = new PhotoUploads(api, ALARM_PHOTOS_MAX)
    makeAutoObservable<AlarmPhotos, 'alarms' | 'alarmId'>(this, { alarms: false, alarmId: false, uploads: false })
  }

  /** The page shows this alarm: a picker for as many photos as it still takes. */
  follow(alarm: Alarm): void {
    const room = Math.max(0, ALARM_PHOTOS_MAX - alarm.photos.length)
    if (this.alarmId !== alarm.id) {
      this.alarmId = alarm.id
      this.uploads.restart(room)
    } else if (this.uploads.items.length === 0) this.uploads.max = room
  }

  /** Uploaded photos not yet on the alarm join it; they then show with the alarm, not in the picker. */
  async attach(): Promise<boolean> {
    const done = this.uploads.items.filter((p) => p.state === 'done' && p.file)
    if (this.attaching || done.length === 0) return false
    this.attaching = true
    try {
      const ok = await this.alarms.describe({ photoIds: done.map((p) => p.file!.id) })
      if (ok) {
        runInAction(() => {
          for (const p of done) this.uploads.remove(p.key)
          this.uploads.max = Math.max(0, ALARM_PHOTOS_MAX - (this.alarms.current?.photos.length ?? 0))
        })
      }
      return ok
    } finally {
      runInAction(() => (this.attaching = false))
    }
  }

  reset(): void {
    this.alarmId = null
    this.uploads.restart(ALARM_PHOTOS_MAX)
  }
}

export const alarmPhotos = lazyStore(
  (root, api) => new AlarmPhotos(root.store(alarmDetailStore), api),
  (store) => store.reset(),
)
