// Police and principals set up duty: posts (gates), shift templates, the term calendar, and
// filling the gaps of the coming two weeks.
import { makeAutoObservable, runInAction } from 'mobx'
import { templateProblem } from '@/domain/shifts'
import { currentTerm } from '@/domain/term'
import { local } from '@/domain/time'
import type { Post } from '@/types/org'
import type { CalendarDay, Candidate, Gap, ShiftRole, ShiftTemplate, Weekday } from '@/types/shifts'
import type { Api } from '@/services/api'
import type { CalendarDayInput, PostInput, TemplateInput } from '@/types/shifts'
import { ListResource } from '../load-state'
import type { RootStore } from '../root-store'
import { lazyStore } from '../lazy-store'
import { serverNow } from '@/services/server-clock'

/** The peaks most schools staff, as one-tap presets of a template. */
export const TIME_PRESETS = [
  { name: '早高峰', startTime: '07:20', endTime: '08:00' },
  { name: '午间放学', startTime: '11:30', endTime: '12:10' },
  { name: '午间到校', startTime: '13:50', endTime: '14:20' },
  { name: '晚高峰', startTime: '16:30', endTime: '17:20' },
] as const

export const MAX_HEADCOUNT = 50

/** The template form: a new template (id null) or changes to one, with its active flag. */
export type TemplateDraft = TemplateInput & { id: string | null; active: boolean }

export class ScheduleStore {
  schoolId: string | null = null
  /** The lists of the chosen school; choosing another school starts them afresh. */
  readonly templates = new ListResource<ShiftTemplate>('排班模板加载失败')
  readonly calendar = new ListResource<CalendarDay>('校历加载失败')
  readonly gaps = new ListResource<Gap>('空缺加载失败')

  draft: TemplateDraft | null = null
  saving = false
  busyId: string | null = null

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'shifts'>,
    private readonly clock: () => Date = () => serverNow(),
  ) {
    makeAutoObservable<ScheduleStore, 'root' | 'api' | 'clock'>(this, { root: false, api: false, clock: false })
  }

  get school() {
    return this.root.schools.byId(this.schoolId)
  }

  get posts(): Post[] {
    return this.school?.posts ?? []
  }

  /** Why the draft cannot be saved (the same rule as the server's), or null. */
  get draftProblem(): { field: string; message: string } | null {
    const d = this.draft
    if (!d) return null
    if (!d.postId) return { field: 'postId', message: '请选择岗点' }
    if (!d.name.trim()) return { field: 'name', message: '请填写班次名称，如 早高峰' }
    return templateProblem(d)
  }

  /** Chooses the school; the pages load what they show. */
  selectSchool(schoolId: string): boolean {
    if (schoolId === this.schoolId) return false
    this.schoolId = schoolId
    this.clearLists()
    return true
  }

  // ------------------------------------------------------------ posts

  /** Adds a post (postId null) or changes one; the school's posts reload. */
  async savePost(postId: string | null, input: PostInput): Promise<Post> {
    if (!this.schoolId) throw new Error('choose a school first')
    this.saving = true
    try {
      const post = postId ? await this.api.shifts.updatePost(postId, input) : await this.api.shifts.createPost(this.schoolId, input)
      await this.root.schools.load()
      return post
    } finally {
      runInAction(() => {
        this.saving = false
      })
    }
  }

  // ------------------------------------------------------------ templates

  loadTemplates(): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return Promise.resolve()
    return this.templates.load(() => this.api.shifts.templates(schoolId))
  }

  /** A form for a new template (with sensible defaults) or a copy of an existing one. */
  startDraft(template: ShiftTemplate | null): void {
    if (template) {
      const { id, postId, name, weekdays, startTime, endTime, headcount, termStart, termEnd, active } = template
      this.draft = { id, postId, name, weekdays: [...weekdays], startTime, endTime, headcount: { ...headcount }, termStart, termEnd, active }
      return
    }
    // in a holiday after a term, the next term
    const now = this.clock()
    let term = currentTerm(now)
    if (term.end < local(now).format('YYYY-MM-DD')) term = currentTerm(new Date(now.getTime() + 40 * 86_400_000))
    this.draft = {
      id: null,
      postId: this.posts[0]?.id ?? '',
      name: TIME_PRESETS[0].name,
      weekdays: [1, 2, 3, 4, 5],
      startTime: TIME_PRESETS[0].startTime,
      endTime: TIME_PRESETS[0].endTime,
      headcount: { volunteer: 2, teacher: 1, guard: 1, police: 0 },
      termStart: term.start,
      termEnd: term.end,
      active: true,
    }
  }

  updateDraft(patch: Partial<Omit<TemplateDraft, 'id'>>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch }
  }

  toggleWeekday(day: Weekday): void {
    if (!this.draft) return
    const has = this.draft.weekdays.includes(day)
    const weekdays = has ? this.draft.weekdays.filter((d) => d !== day) : [...this.draft.weekdays, day]
    this.draft = { ...this.draft, weekdays: weekdays.sort((a, b) => a - b) }
  }

  setHeadcount(role: ShiftRole, count: number): void {
    if (!this.draft) return
    const n = Number.isFinite(count) ? Math.min(MAX_HEADCOUNT, Math.max(0, Math.round(count))) : 0
    this.draft = { ...this.draft, headcount: { ...this.draft.headcount, [role]: n } }
  }

  /** Creates or updates the template; the server regenerates the coming shifts. */
  async saveDraft(): Promise<ShiftTemplate> {
    const d = this.draft
    if (!d || !this.schoolId) throw new Error('no draft')
    const problem = this.draftProblem
    if (problem) throw new Error(problem.message)
    this.saving = true
    try {
      const input = {
        postId: d.postId,
        name: d.name.trim(),
        weekdays: d.weekdays,
        startTime: d.startTime,
        endTime: d.endTime,
        headcount: d.headcount,
        termStart: d.termStart,
        termEnd: d.termEnd,
      }
      const saved = d.id ? await this.api.shifts.updateTemplate(d.id, { ...input, active: d.active }) : await this.api.shifts.createTemplate(this.schoolId, input)
      runInAction(() => {
        this.templates.set(d.id ? this.templates.items.map((t) => (t.id === saved.id ? saved : t)) : [...this.templates.items, saved])
        this.draft = null
      })
      return saved
    } finally {
      runInAction(() => {
        this.saving = false
      })
    }
  }

  /** Stops (or resumes) a template: its future shifts are cancelled (or come back), people are told. */
  async setActive(template: ShiftTemplate, active: boolean): Promise<ShiftTemplate> {
    this.busyId = template.id
    try {
      const { postId, name, weekdays, startTime, endTime, headcount, termStart, termEnd } = template
      const saved = await this.api.shifts.updateTemplate(template.id, { postId, name, weekdays, startTime, endTime, headcount, termStart, termEnd, active })
      runInAction(() => {
        this.templates.set(this.templates.items.map((t) => (t.id === saved.id ? saved : t)))
      })
      return saved
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  // ------------------------------------------------------------ term calendar

  loadCalendar(): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return Promise.resolve()
    return this.calendar.load(() => this.api.shifts.calendar(schoolId))
  }

  async setCalendarDay(date: string, input: CalendarDayInput): Promise<void> {
    if (!this.schoolId) return
    this.busyId = date
    try {
      const items = await this.api.shifts.setCalendarDay(this.schoolId, date, { ...input, note: input.note.trim() })
      runInAction(() => {
        this.calendar.set(items)
      })
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  async deleteCalendarDay(date: string): Promise<void> {
    if (!this.schoolId) return
    this.busyId = date
    try {
      const items = await this.api.shifts.deleteCalendarDay(this.schoolId, date)
      runInAction(() => {
        this.calendar.set(items)
      })
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  // ------------------------------------------------------------ gaps

  loadGaps(days = 14): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return Promise.resolve()
    return this.gaps.load(() => this.api.shifts.gaps(schoolId, days))
  }

  /** One tap: the candidate takes the place; the gaps reload (the candidate may now be busy elsewhere). */
  async assign(gap: Gap, candidate: Candidate): Promise<void> {
    this.busyId = `${gap.shift.id}:${candidate.person.id}`
    try {
      await this.api.shifts.assign(gap.shift.id, candidate.person.id, gap.role)
      await this.loadGaps()
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  reset(): void {
    this.schoolId = null
    this.clearLists()
    this.draft = null
  }

  /** Nothing of the previous school: an answer still on its way for it is dropped. */
  private clearLists(): void {
    this.templates.reset()
    this.calendar.reset()
    this.gaps.reset()
  }
}

/** root.store(scheduleStore): the schedule pages' store (packages/schedule), created on first use. */
export const scheduleStore = lazyStore(
  (root, api, device) => new ScheduleStore(root, api, device.now),
  (store) => store.reset(),
)
