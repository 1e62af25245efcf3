// One report: its facts, its timeline, and what the person looking may do with it. Which action
// buttons appear is decided by domain/hazards (the same table the server checks), from the
// person's roles at the report's school and whether it was handed to them.
import type { HazardLocationKind } from '@/types/bulletin'
import { createHazardLocationService } from '@/services/hazard-location'
import { makeAutoObservable, runInAction } from 'mobx'
import { hazardActorKinds, statusType, transitionHazard, type HazardActorKind } from '@/domain/hazards'
import { HAZARD_ACTIONS, type Hazard, type HazardAction, type HazardDetail, type TransitionRequest } from '@/types/hazards'
import type { School } from '@/types/api'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'
import { schoolRef } from '../me-store'
import type { RootStore } from '../root-store'
import { PhotoUploads } from './photo-uploads'
import { lazyStore } from '../lazy-store'

export class HazardDetailStore {
  hazardId: string | null = null
  hazard: HazardDetail | null = null
  state: LoadState = 'idle'
  error: string | null = null
  /** The action being sent. */
  busy: HazardAction | 'confirm' | null = null
  /** Photos of a rectification (整改) or of a "我也遇到了". */
  readonly photos: PhotoUploads
  /** Other reports this one may duplicate (police/admin). */
  candidates: Hazard[] = []
  candidatesState: LoadState = 'idle'
  candidatesError: string | null = null
  private requestSeq = 0

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'hazards' | 'uploads' | 'http'>,
  ) {
    this.photos = new PhotoUploads(api)
    makeAutoObservable<HazardDetailStore, 'root' | 'api' | 'requestSeq'>(this, { root: false, api: false, requestSeq: false, photos: false })
  }

  get school(): School | undefined {
    return this.hazard ? this.root.schools.byId(this.hazard.schoolId) : undefined
  }

  /** handler at the report's school, assignee when it was handed to this person. */
  get actorKinds(): HazardActorKind[] {
    const hazard = this.hazard
    if (!hazard) return []
    const handles = this.school ? this.root.me.can('hazard.handle', schoolRef(this.school)) : false
    const personId = this.root.me.person?.id
    const isAssignee = Boolean(personId && hazard.assignee?.personId === personId)
    return hazardActorKinds(handles, isAssignee)
  }

  /** The police and admins correct where a hazard is (校内 / 校园周边). */
  get setsLocation(): boolean {
    return this.actorKinds.includes('handler')
  }

  async setLocationKind(kind: HazardLocationKind): Promise<void> {
    const id = this.hazardId
    if (!id || this.hazard?.locationKind === kind) return
    await createHazardLocationService(this.api.http).set(id, kind)
    await this.load({ quiet: true })
  }

  /** The actions this person may take now, in the table's order. */
  get actions(): HazardAction[] {
    const hazard = this.hazard
    if (!hazard) return []
    const kinds = this.actorKinds
    // what an action needs is asked for in its dialog: here only rights and the state count
    const filledIn = { note: '…', duplicateOf: '…', hasAssignee: true }
    return HAZARD_ACTIONS.filter((action) => {
      const result = transitionHazard(hazard.status, action, kinds, filledIn)
      return result.ok && result.changed
    })
  }

  /** "我也遇到了": another member (not one handling it), on a report that is not closed, once. */
  get canConfirm(): boolean {
    const hazard = this.hazard
    return !!hazard && !hazard.mine && !hazard.confirmedByMe && statusType(hazard.status) !== 'closed' && this.actorKinds.length === 0
  }

  /** Opens a report; the same one again only refreshes. */
  open(hazardId: string): Promise<void> {
    if (hazardId !== this.hazardId) {
      this.hazardId = hazardId
      this.hazard = null
      this.candidates = []
      this.candidatesState = 'idle'
      this.photos.clear()
    }
    return this.load()
  }

  async load(options: { quiet?: boolean } = {}): Promise<void> {
    const id = this.hazardId
    if (!id) return
    const seq = ++this.requestSeq
    if (!(options.quiet && this.hazard)) {
      this.state = 'loading'
      this.error = null
    }
    try {
      const hazard = await this.api.hazards.get(id)
      if (seq !== this.requestSeq) return
      runInAction(() => {
        this.hazard = hazard
        this.state = 'ready'
        this.error = null
      })
    } catch (e) {
      if (seq !== this.requestSeq) return
      runInAction(() => {
        if (options.quiet && this.hazard) return
        this.state = 'error'
        this.error = errorMessage(e, '隐患加载失败')
      })
    }
  }

  /**
   * Sends one action; photos chosen on this page go with 整改完成. The answer (with the new
   * timeline) replaces what is shown. Throws ApiError with the server's message on refusal.
   */
  async transition(request: TransitionRequest): Promise<HazardDetail> {
    const id = this.hazardId
    if (!id) throw new Error('no report open')
    if (request.action === 'resolve' && this.photos.blocker) throw new Error(this.photos.blocker)
    this.busy = request.action
    try {
      const photoIds = request.action === 'resolve' ? this.photos.fileIds : undefined
      const hazard = await this.api.hazards.transition(id, { ...request, note: request.note?.trim() || undefined, ...(photoIds?.length ? { photoIds } : {}) })
      runInAction(() => {
        this.hazard = hazard
        if (request.action === 'resolve') this.photos.clear()
        this.root.hazards.afterChange(hazard)
      })
      return hazard
    } finally {
      runInAction(() => {
        this.busy = null
      })
    }
  }

  /** "我也遇到了" from the detail page, with the first photo chosen here, if any. */
  async confirm(): Promise<HazardDetail> {
    const id = this.hazardId
    if (!id) throw new Error('no report open')
    if (this.photos.blocker) throw new Error(this.photos.blocker)
    this.busy = 'confirm'
    try {
      const hazard = await this.api.hazards.confirm(id, this.photos.fileIds[0])
      runInAction(() => {
        this.hazard = hazard
        this.photos.clear()
      })
      return hazard
    } finally {
      runInAction(() => {
        this.busy = null
      })
    }
  }

  /** Reports of the same school that this one may duplicate: open ones, same category first. */
  async loadCandidates(): Promise<void> {
    const hazard = this.hazard
    if (!hazard) return
    this.candidatesState = 'loading'
    this.candidatesError = null
    try {
      const items = await this.api.hazards.list({ scope: 'queue', schoolId: hazard.schoolId })
      runInAction(() => {
        const others = items.filter((h) => h.id !== hazard.id && statusType(h.status) !== 'closed')
        const same = others.filter((h) => h.category.id === hazard.category.id)
        this.candidates = [...same, ...others.filter((h) => h.category.id !== hazard.category.id)]
        this.candidatesState = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.candidatesState = 'error'
        this.candidatesError = errorMessage(e, '候选隐患加载失败')
      })
    }
  }

  reset(): void {
    this.hazardId = null
    this.hazard = null
    this.state = 'idle'
    this.error = null
    this.busy = null
    this.candidates = []
    this.candidatesState = 'idle'
    this.photos.clear()
  }
}

/** root.store(hazardDetailStore): the hazard detail page's store (packages/hazards), created on first use. */
export const hazardDetailStore = lazyStore(
  (root, api) => new HazardDetailStore(root, api),
  (store) => store.reset(),
)
