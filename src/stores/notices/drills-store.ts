// Drills (演练): the police record one after it happened (date, schools, participants, duration,
// scenario, what went well and what to fix, photos); each school keeps its history, which its
// principal, its police and admins see.
import { makeAutoObservable, runInAction } from 'mobx'
import { local } from '@/domain/time'
import type { School } from '@/types/api'
import type { AlarmSummary } from '@/types/alarms'
import type { SafetyTheme } from '@/types/bulletin'
import type { Drill, Notice } from '@/types/notices'
import type { Api } from '@/services/api'
import { noticesDesk, type NoticeDeskService } from '@/services/notice-desk'
import { newClientKey } from '@/utils/client-key'
import { ListResource, type LoadState } from '../load-state'
import type { RootStore } from '../root-store'
import { PhotoUploads } from '../hazards/photo-uploads'
import { lazyStore } from '../lazy-store'
import { serverNow } from '@/services/server-clock'
import { safetyThemesStore } from './safety-themes-store'

export const SCENARIO_MAX = 500
export const REVIEW_MAX = 2000
export const DRILL_PHOTOS_MAX = 9

/** Newest first: by date, then by when it was recorded. */
function newestFirst(a: Drill, b: Drill): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt)
}

export class DrillRecordStore {
  noticeId: string | null = null
  date: string
  schoolIds: string[] = []
  participants = 0
  durationMin = 60
  scenario = ''
  /** the drill's safety-education theme (the city's list); the linked notice's until changed */
  themeId: string | null = null
  wentWell = ''
  toFix = ''
  readonly photos: PhotoUploads
  clientKey: string
  submitting = false

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'uploads'> & { notices: NoticeDeskService },
    private readonly newKey: () => string = newClientKey,
  ) {
    this.photos = new PhotoUploads(api, DRILL_PHOTOS_MAX)
    this.clientKey = newKey()
    this.date = local(serverNow()).format('YYYY-MM-DD')
    makeAutoObservable<DrillRecordStore, 'root' | 'api' | 'newKey'>(this, { root: false, api: false, newKey: false, photos: false })
  }

  /** Schools the person may record a drill for (police of the station, admins of the district). */
  get schoolOptions(): School[] {
    return this.root.me.schoolsWhere('drill.record')
  }

  /** The city's themes to choose from (empty until loaded, or when they could not be). */
  get themes(): SafetyTheme[] {
    return this.root.store(safetyThemesStore).items
  }

  loadThemes(): Promise<void> {
    return this.root.store(safetyThemesStore).load()
  }

  get problem(): string | null {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.date)) return '请选择演练日期'
    if (this.schoolIds.length === 0) return '请选择参加演练的学校'
    if (!(Number.isInteger(this.participants) && this.participants >= 1)) return '请填写参加人数'
    if (!(Number.isInteger(this.durationMin) && this.durationMin >= 1 && this.durationMin <= 1440)) return '请填写演练时长（1–1440 分钟）'
    if (!this.scenario.trim()) return '请填写演练情景'
    return this.photos.blocker
  }

  /** A blank record, or one prefilled from the drill notice it follows. */
  start(notice?: Notice | null): void {
    this.noticeId = notice?.id ?? null
    this.date = local(notice?.eventAt ?? serverNow()).format('YYYY-MM-DD')
    const reachable = new Set(this.schoolOptions.map((s) => s.id))
    this.schoolIds = notice ? notice.audience.schoolIds.filter((id) => reachable.has(id)) : []
    this.participants = 0
    this.durationMin =
      notice?.eventAt && notice.eventEndAt ? Math.max(1, Math.min(1440, Math.round((new Date(notice.eventEndAt).getTime() - new Date(notice.eventAt).getTime()) / 60_000))) : 60
    this.scenario = notice?.title ?? ''
    this.themeId = notice?.themeId ?? null
    this.wentWell = ''
    this.toFix = ''
    this.photos.clear()
    this.clientKey = this.newKey()
  }

  setDate(date: string): void {
    this.date = date
  }
  toggleSchool(schoolId: string): void {
    this.schoolIds = this.schoolIds.includes(schoolId) ? this.schoolIds.filter((id) => id !== schoolId) : [...this.schoolIds, schoolId]
  }
  setParticipants(n: number): void {
    this.participants = Math.floor(n)
  }
  setDuration(min: number): void {
    this.durationMin = Math.floor(min)
  }
  setScenario(v: string): void {
    this.scenario = v.slice(0, SCENARIO_MAX)
  }
  setTheme(themeId: string | null): void {
    this.themeId = themeId
  }
  setWentWell(v: string): void {
    this.wentWell = v.slice(0, REVIEW_MAX)
  }
  setToFix(v: string): void {
    this.toFix = v.slice(0, REVIEW_MAX)
  }

  /** Records it; the form's key makes a retried submit record the same drill. */
  async submit(): Promise<Drill> {
    const problem = this.problem
    if (problem) throw new Error(problem)
    if (this.submitting) throw new Error('正在提交，请稍候')
    this.submitting = true
    try {
      const drill = await this.api.notices.recordDrill({
        noticeId: this.noticeId,
        date: this.date,
        schoolIds: this.schoolIds,
        participants: this.participants,
        durationMin: this.durationMin,
        scenario: this.scenario.trim(),
        themeId: this.themeId,
        wentWell: this.wentWell.trim(),
        toFix: this.toFix.trim(),
        photoIds: this.photos.fileIds,
        clientKey: this.clientKey,
      })
      runInAction(() => this.root.store(drillHistoryStore).added(drill))
      return drill
    } finally {
      runInAction(() => {
        this.submitting = false
      })
    }
  }
}

export class DrillHistoryStore {
  schoolId: string | null = null
  private readonly list = new ListResource<Drill>('演练记录加载失败')

  constructor(
    private readonly root: RootStore,
    private readonly api: { notices: NoticeDeskService },
  ) {
    makeAutoObservable<DrillHistoryStore, 'root' | 'api' | 'list'>(this, { root: false, api: false, list: false })
  }

  get items(): Drill[] {
    return this.list.items
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  /** Schools whose drill history the person sees: as principal, police or admin. */
  get schoolOptions(): School[] {
    return this.root.me.schoolsWhere('drill.view')
  }

  get mayRecord(): boolean {
    const school = this.root.schools.byId(this.schoolId)
    return !!school && this.root.me.can('drill.record', school)
  }

  selectSchool(schoolId: string): Promise<void> {
    if (schoolId === this.schoolId && this.state !== 'error') return Promise.resolve()
    this.schoolId = schoolId
    this.list.reset()
    return this.load()
  }

  load(): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return Promise.resolve()
    return this.list.load(() => this.api.notices.schoolDrills(schoolId).then((items) => [...items].sort(newestFirst)))
  }

  /** A drill just recorded shows in the history of its schools at once. */
  added(drill: Drill): void {
    if (this.schoolId && drill.schools.some((s) => s.id === this.schoolId) && !this.items.some((d) => d.id === drill.id)) {
      this.list.set([drill, ...this.items].sort(newestFirst))
    }
  }

  reset(): void {
    this.schoolId = null
    this.list.reset()
  }
}

/** root.store(drillRecordStore) / root.store(drillHistoryStore): the drill pages' stores (packages/notices). */
export const drillRecordStore = lazyStore(
  (root, api) => new DrillRecordStore(root, { ...api, notices: noticesDesk(api) }),
  (store) => store.start(),
)
export const drillHistoryStore = lazyStore(
  (root, api) => new DrillHistoryStore(root, { ...api, notices: noticesDesk(api) }),
  (store) => store.reset(),
)

/** The drill alarms of one drill notice, with their response times (the notice page, the record form). */
export class DrillAlarmsStore {
  noticeId: string | null = null
  private readonly list = new ListResource<AlarmSummary>('演练报警加载失败')

  constructor(private readonly api: { notices: NoticeDeskService }) {
    makeAutoObservable<DrillAlarmsStore, 'api' | 'list'>(this, { api: false, list: false })
  }

  get items(): AlarmSummary[] {
    return this.list.items
  }

  get state(): LoadState {
    return this.list.state
  }

  get error(): string | null {
    return this.list.error
  }

  load(noticeId: string): Promise<void> {
    if (this.noticeId !== noticeId) this.list.reset()
    this.noticeId = noticeId
    return this.list.load(() => this.api.notices.drillAlarms(noticeId))
  }

  reset(): void {
    this.noticeId = null
    this.list.reset()
  }
}

export const drillAlarmsStore = lazyStore(
  (_root, api) => new DrillAlarmsStore({ notices: noticesDesk(api) }),
  (store) => store.reset(),
)
