// 写通知 (police, admins): type, title, body, time and place (with a check-in location for drills
// and trainings), audience = some or all of their schools × some or all roles, 需要确认, RSVP for
// trainings, attachments (images and PDFs, at most 9 in all). Saved as a draft, published now or
// scheduled (定时发布).
// A draft once created is updated in place: a retried save never makes a second notice.
import { autorun, makeAutoObservable, runInAction } from 'mobx'
import { noticeAudienceProblem, noticeProblem } from '@/domain/notices'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import type { School } from '@/types/api'
import type { Notice, NoticeInput, NoticeType } from '@/types/notices'
import { SCHOOL_ROLES, type Role } from '@/types/org'
import type { Api } from '@/services/api'
import { noticesDesk, type NoticeDeskService } from '@/services/notice-desk'
import type { SafetyTheme } from '@/types/bulletin'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'
import type { RootStore } from '../root-store'
import { PhotoUploads } from '../hazards/photo-uploads'
import { lazyStore } from '../lazy-store'
import { serverNow } from '@/services/server-clock'
import { safetyThemesStore } from './safety-themes-store'

export const TITLE_MAX = 60
export const BODY_MAX = 5000
export const PLACE_MAX = 100
/** Images and PDFs together. */
export const ATTACHMENTS_MAX = 9
/** What POST /api/uploads takes (server MAX_UPLOAD_BYTES). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024
export const PDF_MIME = 'application/pdf'

/** A PDF chosen on the phone: WeChat's chooseMessageFile, or the browser's file input (a blob: URL). */
export interface ChosenPdf {
  path: string
  name: string
  size: number
  /** The browser's type for it, when known. */
  type?: string
}

/** A PDF in the form, for its row: the name it was chosen with (附件.pdf when kept from a draft). */
export interface PdfAttachmentRow {
  key: string
  name: string
  size: number | null
  state: 'uploading' | 'done' | 'error'
  error: string | null
}
export const RADIUS_CHOICES = [100, 150, 300, 500] as const
export const DEFAULT_CAPACITY = 30
/** Who a notice can go to: the people of a school. */
export const AUDIENCE_ROLES: readonly Role[] = SCHOOL_ROLES

export interface CheckinPlace {
  lat: number
  lng: number
  radiusM: number
  /** What the person picked it from (地图选点, 当前位置, a school). */
  label: string
}

export type ComposeAction = 'draft' | 'publish' | 'schedule'

export class NoticeComposeStore {
  noticeId: string | null = null
  /** 'loading' while an existing draft is fetched for editing. */
  state: LoadState = 'ready'
  error: string | null = null
  type: NoticeType = 'training'
  title = ''
  body = ''
  eventAt: string | null = null
  eventEndAt: string | null = null
  place = ''
  location: CheckinPlace | null = null
  schoolIds: string[] = []
  roles: Role[] = ['volunteer']
  ackRequired = true
  rsvpCapacity: number = DEFAULT_CAPACITY
  /** the safety-education theme of a training or drill (the city's list) */
  themeId: string | null = null
  rsvpDeadline: string | null = null
  /** Image attachments (the photo picker's). */
  readonly attachments: PhotoUploads
  /** PDF attachments: uploaded the same way (POST /api/uploads takes PDFs), one at a time. */
  readonly pdfs: PhotoUploads
  /** Name and size of each PDF, by its local path (the uploads know only the path). */
  pdfMeta: Record<string, { name: string; size: number | null }> = {}
  saving: ComposeAction | null = null

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'uploads' | 'http'> & { notices: NoticeDeskService },
  ) {
    this.attachments = new PhotoUploads(api, ATTACHMENTS_MAX)
    this.pdfs = new PhotoUploads(api, ATTACHMENTS_MAX)
    makeAutoObservable<NoticeComposeStore, 'root' | 'api'>(this, { root: false, api: false, attachments: false, pdfs: false })
    // one limit for both kinds: each may take what the other leaves (the picker shows it as n/max)
    autorun(() => {
      const images = this.attachments.items.length
      const pdfs = this.pdfs.items.length
      runInAction(() => {
        this.attachments.max = Math.max(0, ATTACHMENTS_MAX - pdfs)
        this.pdfs.max = Math.max(0, ATTACHMENTS_MAX - images)
      })
    })
  }

  /** Images and PDFs in the form. */
  get attachmentCount(): number {
    return this.attachments.items.length + this.pdfs.items.length
  }

  get canAddPdf(): boolean {
    return this.attachmentCount < ATTACHMENTS_MAX
  }

  get pdfRows(): PdfAttachmentRow[] {
    return this.pdfs.items.map((p) => ({
      key: p.key,
      name: this.pdfMeta[p.localPath]?.name ?? '附件.pdf',
      size: this.pdfMeta[p.localPath]?.size ?? p.file?.size ?? null,
      state: p.state,
      error: p.error,
    }))
  }

  /** What keeps the attachments from being sent, if anything. */
  get attachmentsProblem(): string | null {
    if (this.attachments.blocker) return this.attachments.blocker
    if (this.pdfs.uploading) return 'PDF 还在上传，请稍候'
    if (this.pdfs.failed) return '有 PDF 上传失败，请重试或删除'
    return null
  }

  /** Schools the person may publish to: their station's (police) or district's (admin). */
  get schoolOptions(): School[] {
    return this.root.me.schoolsWhere('notice.publish')
  }

  get allSchools(): boolean {
    return this.schoolOptions.length > 0 && this.schoolOptions.every((s) => this.schoolIds.includes(s.id))
  }

  get allRoles(): boolean {
    return AUDIENCE_ROLES.every((r) => this.roles.includes(r))
  }

  get needsEventTime(): boolean {
    return this.type !== 'general'
  }

  /** Drills and trainings are attended: a check-in at their place. */
  get needsLocation(): boolean {
    return this.type !== 'general'
  }

  get takesRsvp(): boolean {
    return this.type === 'training'
  }

  get editing(): boolean {
    return this.noticeId !== null
  }

  /** The first thing that keeps the notice from being saved, in the order of the form. */
  get problem(): string | null {
    return noticeProblem(this.input)?.message ?? this.attachmentsProblem
  }

  get audienceProblem(): string | null {
    return noticeAudienceProblem(this.input.audience)?.message ?? null
  }

  /** What else publishing needs: people attend drills and trainings by checking in at the place. */
  get publishProblem(): string | null {
    if (this.problem) return this.problem
    if (this.needsLocation && !this.place.trim()) return '请填写地点'
    if (this.needsLocation && !this.location) return '请设置签到位置：参加的人要在现场签到'
    return null
  }

  /** The body the server takes (only the schools the person may reach). */
  get input(): NoticeInput {
    const reachable = new Set(this.schoolOptions.map((s) => s.id))
    return {
      type: this.type,
      title: this.title.trim(),
      body: this.body.trim(),
      eventAt: this.eventAt,
      eventEndAt: this.eventAt ? this.eventEndAt : null,
      place: this.place.trim() || null,
      location: this.needsLocation && this.location ? { lat: this.location.lat, lng: this.location.lng, radiusM: this.location.radiusM } : null,
      audience: { schoolIds: this.schoolIds.filter((id) => reachable.has(id)), roles: AUDIENCE_ROLES.filter((r) => this.roles.includes(r)) },
      ackRequired: this.ackRequired,
      rsvpCapacity: this.takesRsvp ? this.rsvpCapacity : null,
      rsvpDeadline: this.takesRsvp ? this.rsvpDeadline : null,
      attachmentIds: [...this.attachments.fileIds, ...this.pdfs.fileIds],
      themeId: this.needsEventTime ? this.themeId : null,
    }
  }

  /** The city's themes (asked once per session, shared with the drill record). */
  get themes(): SafetyTheme[] {
    return this.root.store(safetyThemesStore).items
  }

  loadThemes(): Promise<void> {
    return this.root.store(safetyThemesStore).load()
  }

  setTheme(themeId: string | null): void {
    this.themeId = themeId
  }

  /** A blank form: every school the person reaches, volunteers, acknowledgement required. */
  startNew(): void {
    this.noticeId = null
    this.state = 'ready'
    this.error = null
    this.type = 'training'
    this.title = ''
    this.body = ''
    this.eventAt = null
    this.eventEndAt = null
    this.place = ''
    this.location = null
    this.schoolIds = this.schoolOptions.map((s) => s.id)
    this.roles = ['volunteer']
    this.ackRequired = true
    this.rsvpCapacity = DEFAULT_CAPACITY
    this.rsvpDeadline = null
    this.themeId = null
    this.attachments.clear()
    this.pdfs.clear()
    this.pdfMeta = {}
    this.saving = null
  }

  /** Schools arrived after the form was started: a new notice goes to all of them by default. */
  defaultSchoolsIfEmpty(): void {
    if (!this.editing && this.schoolIds.length === 0) this.schoolIds = this.schoolOptions.map((s) => s.id)
  }

  /** Opens a draft or scheduled notice for editing. */
  async edit(noticeId: string): Promise<void> {
    this.startNew()
    this.noticeId = noticeId
    this.state = 'loading'
    try {
      const n = await this.api.notices.get(noticeId)
      runInAction(() => {
        if (n.status !== 'draft' && n.status !== 'scheduled') {
          this.state = 'error'
          this.error = '已发布的通知不能修改，可以撤回后重新发布'
          return
        }
        this.fill(n)
        this.state = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '通知加载失败')
      })
    }
  }

  /**
   * Adds a PDF and uploads it (a retry keeps its idempotency key). Refused with the reason when it
   * is not a PDF, too large, or the form already has 9 attachments.
   */
  async addPdf(chosen: ChosenPdf): Promise<void> {
    const refusal = this.pdfRefusal(chosen)
    if (refusal) throw new Error(refusal)
    this.pdfMeta[chosen.path] = { name: chosen.name || '附件.pdf', size: chosen.size || null }
    await this.pdfs.add([chosen.path])
  }

  /** Why this file cannot be added, or null (the browser asks before making a blob: URL for it). */
  pdfRefusal(chosen: Omit<ChosenPdf, 'path'>): string | null {
    if (!this.canAddPdf) return `附件最多 ${ATTACHMENTS_MAX} 个（图片和 PDF 合计）`
    const looksPdf = chosen.type ? chosen.type === PDF_MIME : /\.pdf$/i.test(chosen.name)
    if (!looksPdf) return '请选择 PDF 文件'
    if (chosen.size > UPLOAD_MAX_BYTES) return 'PDF 不能超过 10 MB'
    return null
  }

  retryPdf(key: string): Promise<void> {
    return this.pdfs.retry(key)
  }

  removePdf(key: string): void {
    const item = this.pdfs.items.find((p) => p.key === key)
    this.pdfs.remove(key)
    if (item) delete this.pdfMeta[item.localPath]
  }

  setType(type: NoticeType): void {
    this.type = type
  }
  setTitle(v: string): void {
    this.title = v.slice(0, TITLE_MAX)
  }
  setBody(v: string): void {
    this.body = v.slice(0, BODY_MAX)
  }
  setPlace(v: string): void {
    this.place = v.slice(0, PLACE_MAX)
  }
  setAckRequired(v: boolean): void {
    this.ackRequired = v
  }
  setCapacity(v: number): void {
    this.rsvpCapacity = Math.floor(v)
  }
  setDeadline(instant: string | null): void {
    this.rsvpDeadline = instant
  }

  /** A start without an end (or an end now before it) gets an end one hour later. */
  setEventAt(instant: string | null): void {
    this.eventAt = instant
    if (instant && (!this.eventEndAt || this.eventEndAt <= instant)) this.eventEndAt = new Date(new Date(instant).getTime() + 3_600_000).toISOString()
  }
  setEventEndAt(instant: string | null): void {
    this.eventEndAt = instant
  }

  setLocation(point: { lat: number; lng: number }, label: string, name?: string): void {
    this.location = { lat: point.lat, lng: point.lng, radiusM: this.location?.radiusM ?? DEFAULT_SETTINGS.defaultRadiusM, label }
    if (name && !this.place.trim()) this.setPlace(name)
  }
  setRadius(radiusM: number): void {
    if (this.location) this.location = { ...this.location, radiusM }
  }
  clearLocation(): void {
    this.location = null
  }

  toggleSchool(schoolId: string): void {
    this.schoolIds = this.schoolIds.includes(schoolId) ? this.schoolIds.filter((id) => id !== schoolId) : [...this.schoolIds, schoolId]
  }
  setAllSchools(all: boolean): void {
    this.schoolIds = all ? this.schoolOptions.map((s) => s.id) : []
  }
  toggleRole(role: Role): void {
    this.roles = this.roles.includes(role) ? this.roles.filter((r) => r !== role) : [...this.roles, role]
  }
  setAllRoles(all: boolean): void {
    this.roles = all ? [...AUDIENCE_ROLES] : []
  }

  saveDraft(): Promise<Notice> {
    return this.run('draft', this.problem, () => this.save())
  }

  /** 发布: reaches the audience now. */
  publishNow(): Promise<Notice> {
    return this.run('publish', this.publishProblem, async () => this.api.notices.publish((await this.save()).id))
  }

  /** 定时发布 at a time in the future. */
  schedule(publishAt: string, now: Date = serverNow()): Promise<Notice> {
    const tooEarly = new Date(publishAt).getTime() <= now.getTime() ? '定时发布的时间应晚于现在' : null
    return this.run('schedule', this.publishProblem ?? tooEarly, async () => this.api.notices.publish((await this.save()).id, publishAt))
  }

  reset(): void {
    this.startNew()
    this.schoolIds = []
  }

  private async save(): Promise<Notice> {
    const input = this.input
    const notice = this.noticeId ? await this.api.notices.update(this.noticeId, input) : await this.api.notices.create(input)
    runInAction(() => {
      this.noticeId = notice.id
      this.root.notices.managed.upsert(notice)
    })
    return notice
  }

  private async run(action: ComposeAction, problem: string | null, send: () => Promise<Notice>): Promise<Notice> {
    if (problem) throw new Error(problem)
    if (this.saving) throw new Error('正在保存，请稍候')
    this.saving = action
    try {
      const notice = await send()
      runInAction(() => this.root.notices.managed.upsert(notice))
      return notice
    } finally {
      runInAction(() => {
        this.saving = null
      })
    }
  }

  private fill(n: Notice): void {
    this.type = n.type
    this.title = n.title
    this.body = n.body
    this.eventAt = n.eventAt
    this.eventEndAt = n.eventEndAt
    this.place = n.place ?? ''
    this.location = n.location ? { ...n.location, label: n.place || '已设置的位置' } : null
    this.schoolIds = [...n.audience.schoolIds]
    this.roles = [...n.audience.roles]
    this.ackRequired = n.ackRequired
    this.rsvpCapacity = n.rsvpCapacity ?? DEFAULT_CAPACITY
    this.rsvpDeadline = n.rsvpDeadline
    this.themeId = n.themeId
    this.attachments.clear()
    this.pdfs.clear()
    this.pdfMeta = {}
    // attachments already stored stay as they are, kept by id: images shown from their
    // thumbnails, PDFs as rows (the notice gives no name or size)
    const kept = (a: Notice['attachments'][number], localPath: string) => ({
      key: `kept-${a.fileId}`,
      localPath,
      state: 'done' as const,
      file: { id: a.fileId, url: a.url, thumbUrl: a.thumbUrl, mime: a.mime, size: 0 },
      error: null,
    })
    const pdfs = n.attachments.filter((a) => a.mime === PDF_MIME)
    pdfs.forEach((a, i) => {
      this.pdfMeta[a.url] = { name: pdfs.length > 1 ? `附件${i + 1}.pdf` : '附件.pdf', size: null }
    })
    this.attachments.items.push(...n.attachments.filter((a) => a.mime !== PDF_MIME).map((a) => kept(a, a.thumbUrl)))
    this.pdfs.items.push(...pdfs.map((a) => kept(a, a.url)))
  }
}

/** root.store(noticeComposeStore): the compose page's store (packages/notices), created on first use. */
export const noticeComposeStore = lazyStore(
  (root, api) => new NoticeComposeStore(root, { ...api, notices: noticesDesk(api) }),
  (store) => store.reset(),
)
