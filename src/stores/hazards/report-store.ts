// The 上报 form: category (proposing a severity), description, photos, location, nearest school.
// Before a report is filed, open reports of the same category within 50 m are offered as
// "我也遇到了" instead (DESIGN.md §4). The form's client key is made once: a retried submit
// files the same report, never a second one.
import type { HazardLocationKind } from '@/types/bulletin'
import { makeAutoObservable, runInAction } from 'mobx'
import { distanceM, nearestSchool } from '@/domain/geo'
import type { HazardCategory, HazardDetail, Severity } from '@/types/hazards'
import type { School } from '@/types/api'
import type { Api } from '@/services/api'
import type { PlacedFix } from '@/services/map-point'
import type { NearbyHazard } from '@/services/hazards'
import { newClientKey } from '@/utils/client-key'
import { permissionProblemOf, type PermissionProblem } from '@/services/permissions'
import type { RootStore } from '../root-store'
import { PhotoUploads } from './photo-uploads'

export const DESCRIPTION_MIN = 2
export const DESCRIPTION_MAX = 500

export type SubmitOutcome = { kind: 'invalid'; message: string } | { kind: 'nearby'; items: NearbyHazard[] } | { kind: 'reported'; hazard: HazardDetail }

export class HazardReportStore {
  categoryId: string | null = null
  /** Chosen by the person; null means the category's proposal. */
  chosenSeverity: Severity | null = null
  /** 校内 or 校园周边: the bulletin counts the two apart */
  locationKind: HazardLocationKind = 'around'
  description = ''
  position: PlacedFix | null = null
  locating = false
  locationError: string | null = null
  /** A refusal behind the error: the privacy agreement (offer it again) or the permission (去设置). */
  locationRefusal: PermissionProblem | null = null
  readonly photos: PhotoUploads
  clientKey: string
  /** Open reports nearby, for the place and category they were looked up for. */
  nearby: NearbyHazard[] = []
  private nearbyFor: string | null = null
  checkingNearby = false
  submitting = false
  /** The nearby report being confirmed ("我也遇到了"). */
  confirmingId: string | null = null
  /** Send the form's first photo with "我也遇到了". */
  attachPhotoToConfirm = true
  /** What was just done, shown until the next form is started. */
  done: { kind: 'reported' | 'confirmed'; hazard: HazardDetail } | null = null

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'hazards' | 'uploads'>,
    private readonly newKey: () => string = newClientKey,
  ) {
    this.photos = new PhotoUploads(api)
    this.clientKey = newKey()
    makeAutoObservable<HazardReportStore, 'root' | 'api' | 'newKey'>(this, { root: false, api: false, newKey: false, photos: false })
  }

  get category(): HazardCategory | undefined {
    return this.root.hazards.categories.byId(this.categoryId)
  }

  get severity(): Severity | null {
    return this.chosenSeverity ?? this.category?.defaultSeverity ?? null
  }

  /** The school the report will belong to: the nearest of the schools where the person may report (the server decides the same). */
  get school(): School | null {
    if (!this.position) return null
    return nearestSchool(this.root.me.schoolsWhere('hazard.report'), this.position)
  }

  get schoolDistanceM(): number | null {
    return this.school && this.position ? Math.round(distanceM(this.school, this.position)) : null
  }

  /** Why the form cannot be sent yet, in the order a person fills it in. */
  get missing(): string | null {
    if (!this.categoryId) return '请选择隐患类别'
    if (this.description.trim().length < DESCRIPTION_MIN) return '请描述你看到的情况（至少 2 个字）'
    if (!this.position) return '请获取当前位置或在地图上选点'
    return this.photos.blocker
  }

  /** Nearby reports are shown for this place and category (and not yet answered). */
  get offeringNearby(): boolean {
    return this.nearby.length > 0 && this.nearbyFor === this.nearbyKey
  }

  private get nearbyKey(): string | null {
    if (!this.position || !this.categoryId) return null
    return `${this.categoryId}@${this.position.lat.toFixed(5)},${this.position.lng.toFixed(5)}`
  }

  setCategory(categoryId: string): void {
    if (categoryId === this.categoryId) return
    this.categoryId = categoryId
    this.chosenSeverity = null // the new category proposes its own
  }

  setSeverity(severity: Severity): void {
    this.chosenSeverity = severity
  }

  setLocationKind(kind: HazardLocationKind): void {
    this.locationKind = kind
  }

  setDescription(text: string): void {
    this.description = text.slice(0, DESCRIPTION_MAX)
  }

  setAttachPhotoToConfirm(value: boolean): void {
    this.attachPhotoToConfirm = value
  }

  /**
   * Locates with the given source: the current position (services/location), or a point picked
   * on the map, which resolves null when the person closes the map.
   */
  async locate(source: () => Promise<PlacedFix | null>): Promise<void> {
    this.locating = true
    this.locationError = null
    this.locationRefusal = null
    try {
      const position = await source()
      runInAction(() => {
        if (position) this.position = position
      })
    } catch (e) {
      runInAction(() => {
        this.locationError = (e as Error).message || '定位失败，请重试'
        // a LocationError carries its own code; a map pick fails with WeChat's errMsg
        const code = (e as { code?: unknown } | null)?.code
        this.locationRefusal = code === 'privacy' || code === 'denied' ? code : permissionProblemOf(e)
      })
    } finally {
      runInAction(() => {
        this.locating = false
      })
    }
  }

  /**
   * Sends the form: first asks for open reports nearby (once per place and category); when
   * there are some, they are offered instead. Throws ApiError when the server refuses.
   */
  async submit(): Promise<SubmitOutcome> {
    const missing = this.missing
    if (missing) return { kind: 'invalid', message: missing }
    const key = this.nearbyKey
    if (this.nearbyFor !== key) {
      this.checkingNearby = true
      try {
        const items = await this.api.hazards.nearby(this.position!, this.categoryId!)
        runInAction(() => {
          this.nearby = items
          this.nearbyFor = key
        })
        if (items.length > 0) return { kind: 'nearby', items }
      } finally {
        runInAction(() => {
          this.checkingNearby = false
        })
      }
    }
    return this.fileReport()
  }

  /** The person has seen the nearby reports and files their own anyway. */
  reportAnyway(): Promise<SubmitOutcome> {
    const missing = this.missing
    if (missing) return Promise.resolve({ kind: 'invalid', message: missing })
    return this.fileReport()
  }

  /** "我也遇到了" on a nearby report instead of filing a new one (with the first photo, if chosen). */
  async confirmNearby(hazardId: string): Promise<HazardDetail> {
    if (this.photos.blocker) throw new Error(this.photos.blocker)
    this.confirmingId = hazardId
    try {
      const photoId = this.attachPhotoToConfirm ? this.photos.fileIds[0] : undefined
      const hazard = await this.api.hazards.confirm(hazardId, photoId)
      runInAction(() => {
        this.start()
        this.done = { kind: 'confirmed', hazard }
      })
      return hazard
    } finally {
      runInAction(() => {
        this.confirmingId = null
      })
    }
  }

  /** A fresh form with a new client key (after a report, or when the person starts over). */
  start(): void {
    this.categoryId = null
    this.chosenSeverity = null
    this.locationKind = 'around'
    this.description = ''
    this.photos.clear()
    this.nearby = []
    this.nearbyFor = null
    this.clientKey = this.newKey()
    this.done = null
    this.locationError = null
    // the position stays: the next report is most likely from the same spot
  }

  reset(): void {
    this.start()
    this.position = null
  }

  private async fileReport(): Promise<SubmitOutcome> {
    this.submitting = true
    try {
      const hazard = await this.api.hazards.report({
        lat: this.position!.lat,
        lng: this.position!.lng,
        categoryId: this.categoryId!,
        description: this.description.trim(),
        severity: this.severity ?? undefined,
        // the school shown on the form (the server would pick the same nearest one)
        schoolId: this.school?.id,
        locationKind: this.locationKind,
        photoIds: this.photos.fileIds,
        clientKey: this.clientKey,
      })
      runInAction(() => {
        this.start()
        this.done = { kind: 'reported', hazard }
      })
      return { kind: 'reported', hazard }
    } finally {
      runInAction(() => {
        this.submitting = false
      })
    }
  }
}
