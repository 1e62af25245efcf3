// Shifts as a person on duty sees them: 首页's summary, my shifts, a week of my schools' shifts,
// and signing up, joining the waitlist, releasing and offering a swap. Whether a button can be
// pressed is decided by the same rules as the server (domain/shifts), so the reason shows
// under a disabled button instead of after a refused request.
import { makeAutoObservable, runInAction } from 'mobx'
import { rolesAt } from '@/domain/authorization'
import { countsTowardCap, isLiveSignup, monthlyCapReached, overlaps, releaseBlockReason, signupBlockReason, monthOf, swapBlockReason, type SignupContext } from '@/domain/signups'
import { DEFAULT_SETTINGS, settingsFrom, type SchoolSettings } from '@/domain/settings'
import type { MemberRow, School } from '@/types/api'
import type { Person } from '@/types/org'
import { ROLE_LABELS } from '@/types/org'
import type { HomeSummary, MySignup, Shift, ShiftDetail, ShiftRole, Swap } from '@/types/shifts'
import { SHIFT_ROLES } from '@/types/shifts'
import type { Api } from '@/services/api'
import type { SubscribePrompt } from '@/services/device'
import { errorMessage } from '@/services/http'
import { addLocalDays, localToday } from '@/utils/duty-format'
import type { LoadState } from '../load-state'
import { schoolRef } from '../me-store'
import type { RootStore } from '../root-store'
import { serverNow } from '@/services/server-clock'

/** The person holds or waits for a place on the shift. */
export function isLive(shift: Shift): boolean {
  return !!shift.mine && isLiveSignup(shift.mine.status)
}

/** What a person can do about a shift for one role. */
export type SignupOption =
  | { kind: 'signup'; role: ShiftRole }
  | { kind: 'waitlist'; role: ShiftRole }
  | { kind: 'blocked'; role: ShiftRole | null; reason: string; /** blocked only by the monthly cap: releasing a shift frees a place */ cap?: boolean }

type DutyApi = Pick<Api, 'shifts' | 'messages' | 'memberships'>

export class DutyStore {
  home: HomeSummary | null = null
  homeState: LoadState = 'idle'
  homeError: string | null = null

  upcoming: Shift[] = []
  upcomingState: LoadState = 'idle'
  upcomingError: string | null = null
  past: Shift[] = []
  pastState: LoadState = 'idle'
  pastError: string | null = null

  /** Rule settings per school (caps, cut-off, windows); defaults until loaded. */
  settingsBySchool: Record<string, SchoolSettings> = {}

  weekSchoolId: string | null = null
  weekStart: string | null = null
  day: string | null = null
  week: Shift[] = []
  weekState: LoadState = 'idle'
  weekError: string | null = null

  detail: ShiftDetail | null = null
  detailState: LoadState = 'idle'
  detailError: string | null = null
  /** Approved members of a school a manager can assign, by school. */
  assignable: Record<string, MemberRow[]> = {}

  /** The shift or signup whose action is in flight. */
  busyId: string | null = null
  subscribeIds: string[] | null = null

  private weekSeq = 0
  /** People seen on shifts of each school (swap targets a person knows). */
  private colleagues: Record<string, Record<string, Person>> = {}

  constructor(
    private readonly root: RootStore,
    private readonly api: DutyApi,
    private readonly subscribe: SubscribePrompt,
    private readonly clock: () => Date = () => serverNow(),
  ) {
    makeAutoObservable<DutyStore, 'root' | 'api' | 'subscribe' | 'clock' | 'weekSeq' | 'colleagues'>(this, {
      root: false,
      api: false,
      subscribe: false,
      clock: false,
      weekSeq: false,
      colleagues: false,
    })
  }

  // ------------------------------------------------------------ who and where

  /** Schools where the person may sign up (a duty role, police included). */
  get dutySchools(): School[] {
    return this.root.schools.items.filter((s) => this.dutyRolesAt(s.id).length > 0)
  }

  /** Schools whose posts, templates and assignments the person manages. */
  get managedSchools(): School[] {
    return this.root.me.schoolsWhere('shift.manage')
  }

  get managesDuty(): boolean {
    return this.managedSchools.length > 0
  }

  /** Police and principals: 首页 lists their schools' open places of the next 48 h (the server's rule). */
  get seesUnfilled(): boolean {
    return this.root.me.holds('shift.staff')
  }

  /** The shift roles the person holds at a school. */
  dutyRolesAt(schoolId: string): ShiftRole[] {
    const school = this.root.schools.byId(schoolId)
    if (!school) return []
    const roles = rolesAt(this.root.me.grants, schoolRef(school))
    return SHIFT_ROLES.filter((r) => roles.includes(r))
  }

  managesSchool(schoolId: string): boolean {
    return this.managedSchools.some((s) => s.id === schoolId)
  }

  settingsOf(schoolId: string): SchoolSettings {
    return this.settingsBySchool[schoolId] ?? DEFAULT_SETTINGS
  }

  /** My live signups (active or waitlisted) on coming shifts. */
  get myLiveUpcoming(): Shift[] {
    return this.upcoming.filter((s) => s.status === 'scheduled' && isLive(s))
  }

  /** Every shift this phone knows with the person's signup on it, each once. */
  private get knownMine(): Shift[] {
    const byId = new Map<string, Shift>()
    for (const s of [...this.past, ...this.week, ...this.upcoming]) if (s.mine) byId.set(s.id, s)
    return [...byId.values()]
  }

  // ------------------------------------------------------------ the rules, for buttons

  /** Why the person cannot take this role on this shift (null: they can). */
  signupBlock(shift: Shift, role: ShiftRole, now: Date = this.clock()): string | null {
    return signupBlockReason(this.signupContext(shift, role, now))
  }

  /** Only the volunteer's monthly cap stands between them and this shift (releasing one frees a place). */
  capBlocks(shift: Shift, role: ShiftRole, now: Date = this.clock()): boolean {
    const c = this.signupContext(shift, role, now)
    return monthlyCapReached(c) && signupBlockReason({ ...c, signupsThisMonth: 0 }) === null
  }

  private signupContext(shift: Shift, role: ShiftRole, now: Date): SignupContext {
    const month = monthOf(shift.date)
    const mine = this.knownMine
    const live = mine.filter((s) => isLive(s) && s.status === 'scheduled')
    return {
      now,
      settings: this.settingsOf(shift.schoolId),
      shift: { startsAt: shift.startsAt, endsAt: shift.endsAt, status: shift.status, date: shift.date },
      role,
      rolesAtSchool: this.dutyRolesAt(shift.schoolId),
      signupsThisMonth: live.filter((s) => countsTowardCap(s.mine!.role) && monthOf(s.date) === month && s.id !== shift.id).length,
      alreadySigned: isLive(shift),
      overlapping: live.some((s) => s.id !== shift.id && overlaps(s, shift)),
    }
  }

  /** Per role the shift asks for and the person holds: sign up, join the waitlist, or why not. */
  signupOptions(shift: Shift, now: Date = this.clock()): SignupOption[] {
    const myRoles = this.dutyRolesAt(shift.schoolId)
    const wanted = shift.roles.filter((r) => r.required > 0 && myRoles.includes(r.role))
    if (wanted.length === 0) {
      // police and principals look at shifts to manage them: no reason on every one
      if (this.managesSchool(shift.schoolId)) return []
      const reason = myRoles.length ? `该班次不需要${myRoles.map((r) => ROLE_LABELS[r]).join('、')}` : '你在该校没有通过审核的值守身份'
      return [{ kind: 'blocked', role: null, reason }]
    }
    return wanted.map((fill) => {
      const reason = this.signupBlock(shift, fill.role, now)
      if (reason) return { kind: 'blocked', role: fill.role, reason, cap: this.capBlocks(shift, fill.role, now) }
      return fill.filled < fill.required ? { kind: 'signup', role: fill.role } : { kind: 'waitlist', role: fill.role }
    })
  }

  /** Why the person cannot release their place now (a waitlist place can always be left). */
  releaseBlock(shift: Shift, now: Date = this.clock()): string | null {
    if (!shift.mine || !isLive(shift)) return '你不在该班次的名单中'
    if (shift.mine.status === 'waitlisted') return null
    return releaseBlockReason(now, shift.startsAt, this.settingsOf(shift.schoolId))
  }

  /** Why the person cannot offer their place to someone else. */
  swapBlock(shift: Shift, now: Date = this.clock()): string | null {
    if (!shift.mine || shift.mine.status !== 'active') return '只有已报名的班次可以换班'
    return swapBlockReason(now, shift.startsAt)
  }

  /** People the person has met on this school's shifts (besides themselves), for a named swap. */
  colleaguesAt(schoolId: string): Person[] {
    const myId = this.root.me.person?.id
    return Object.values(this.colleagues[schoolId] ?? {}).filter((p) => p.id !== myId)
  }

  // ------------------------------------------------------------ loading

  async loadHome(): Promise<void> {
    this.homeState = this.home ? 'ready' : 'loading'
    this.homeError = null
    try {
      const home = await this.api.shifts.home()
      runInAction(() => {
        this.home = home
        this.homeState = 'ready'
      })
      const schools = new Set([home.nextShift?.schoolId, ...home.unfilled.map((u) => u.shift.schoolId)].filter((s): s is string => !!s))
      await Promise.all([...schools].map((s) => this.loadSettings(s)))
    } catch (e) {
      runInAction(() => {
        this.homeState = 'error'
        this.homeError = errorMessage(e, '首页加载失败')
      })
    }
  }

  async loadUpcoming(): Promise<void> {
    this.upcomingState = this.upcoming.length ? 'ready' : 'loading'
    this.upcomingError = null
    try {
      const items = await this.api.shifts.mine('upcoming')
      runInAction(() => {
        this.upcoming = items
        this.upcomingState = 'ready'
      })
      await Promise.all([...new Set(items.map((s) => s.schoolId))].map((s) => this.loadSettings(s)))
    } catch (e) {
      runInAction(() => {
        this.upcomingState = 'error'
        this.upcomingError = errorMessage(e, '我的班次加载失败')
      })
    }
  }

  async loadPast(): Promise<void> {
    this.pastState = this.past.length ? 'ready' : 'loading'
    this.pastError = null
    try {
      const items = await this.api.shifts.mine('past')
      runInAction(() => {
        this.past = items
        this.pastState = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.pastState = 'error'
        this.pastError = errorMessage(e, '过去的班次加载失败')
      })
    }
  }

  /** The school's rule settings; on failure the defaults of DESIGN.md stand (the server decides anyway). */
  async loadSettings(schoolId: string, force = false): Promise<void> {
    if (this.settingsBySchool[schoolId] && !force) return
    try {
      const stored = await this.api.shifts.settings(schoolId)
      runInAction(() => {
        this.settingsBySchool = { ...this.settingsBySchool, [schoolId]: settingsFrom(stored) }
      })
    } catch {
      // defaults stay
    }
  }

  /**
   * The week view: a school and seven days from today (a person looks ahead, not at the days
   * already gone); ‹ › move by a week.
   */
  openWeek(schoolId: string, day?: string): Promise<void> {
    const today = localToday(this.clock())
    const chosen = day ?? this.day ?? today
    const start = this.weekStart && chosen >= this.weekStart && chosen <= addLocalDays(this.weekStart, 6) ? this.weekStart : chosen
    if (schoolId === this.weekSchoolId && start === this.weekStart && this.weekState === 'ready') {
      this.day = chosen
      return Promise.resolve()
    }
    this.weekSchoolId = schoolId
    this.weekStart = start
    this.day = chosen
    this.week = []
    return this.loadWeek()
  }

  selectDay(day: string): void {
    this.day = day
  }

  /** Seven days later (+1) or earlier (−1); the first day of them is selected. */
  moveWeek(delta: number): Promise<void> {
    if (!this.weekSchoolId || !this.weekStart) return Promise.resolve()
    const start = addLocalDays(this.weekStart, delta * 7)
    this.weekStart = start
    this.day = start
    this.week = []
    return this.loadWeek()
  }

  get weekDays(): string[] {
    if (!this.weekStart) return []
    return Array.from({ length: 7 }, (_, i) => addLocalDays(this.weekStart!, i))
  }

  get dayShifts(): Shift[] {
    return this.week.filter((s) => s.date === this.day && s.status === 'scheduled')
  }

  /** Open places per day of the week (for the dots on the day strip). */
  openPlacesOn(date: string): number {
    return this.week.filter((s) => s.date === date && s.status === 'scheduled').reduce((n, s) => n + s.roles.reduce((m, r) => m + Math.max(0, r.required - r.filled), 0), 0)
  }

  hasMineOn(date: string): boolean {
    return this.week.some((s) => s.date === date && isLive(s))
  }

  async loadWeek(): Promise<void> {
    const schoolId = this.weekSchoolId
    const start = this.weekStart
    if (!schoolId || !start) return
    const seq = ++this.weekSeq
    this.weekState = 'loading'
    this.weekError = null
    try {
      const [items] = await Promise.all([this.api.shifts.list(schoolId, start, addLocalDays(start, 6)), this.loadSettings(schoolId)])
      if (seq !== this.weekSeq) return
      runInAction(() => {
        this.week = items
        this.weekState = 'ready'
      })
    } catch (e) {
      if (seq !== this.weekSeq) return
      runInAction(() => {
        this.weekState = 'error'
        this.weekError = errorMessage(e, '班次加载失败')
      })
    }
  }

  async loadDetail(shiftId: string): Promise<void> {
    if (this.detail?.id !== shiftId) this.detail = null
    this.detailState = this.detail ? 'ready' : 'loading'
    this.detailError = null
    try {
      const detail = await this.api.shifts.detail(shiftId)
      runInAction(() => this.acceptDetail(detail))
      await this.loadSettings(detail.schoolId)
    } catch (e) {
      runInAction(() => {
        this.detailState = 'error'
        this.detailError = errorMessage(e, '班次加载失败')
      })
    }
  }

  async loadAssignable(schoolId: string): Promise<void> {
    const rows = await this.api.memberships.listMembers({ schoolId, status: 'approved' })
    runInAction(() => {
      this.assignable = { ...this.assignable, [schoolId]: rows }
    })
  }

  /** Subscribe-message template ids for duty reminders (null ids skipped). */
  async loadSubscribeIds(): Promise<void> {
    if (this.subscribeIds) return
    try {
      const t = await this.api.messages.subscribeTemplates()
      runInAction(() => {
        this.subscribeIds = [t.duty, t.review].filter((id): id is string => !!id)
      })
    } catch {
      // no prompt then
    }
  }

  // ------------------------------------------------------------ actions

  /**
   * Signs up (or joins the waitlist). WeChat's subscribe prompt must start inside the tap, so it
   * is started here before the request, not after it.
   */
  async signUp(shift: Shift, role: ShiftRole, waitlist: boolean): Promise<Shift> {
    if (this.subscribeIds?.length) void this.subscribe(this.subscribeIds)
    return this.act(shift.id, () => this.api.shifts.signUp(shift.id, role, waitlist))
  }

  /** Leaves the shift or its waitlist (the page has asked for confirmation). */
  release(shift: Shift): Promise<Shift> {
    if (!shift.mine) return Promise.reject(new Error('not signed up'))
    const signupId = shift.mine.signupId
    return this.act(shift.id, () => this.api.shifts.release(signupId))
  }

  async offerSwap(shift: Shift, toPersonId: string | null): Promise<Swap> {
    if (!shift.mine) throw new Error('not signed up')
    this.busyId = shift.id
    try {
      return await this.api.shifts.offerSwap(shift.mine.signupId, toPersonId)
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  /** Managers: put a member on the shift. */
  async assign(shiftId: string, personId: string, role: ShiftRole): Promise<ShiftDetail> {
    this.busyId = personId
    try {
      const detail = await this.api.shifts.assign(shiftId, personId, role)
      runInAction(() => this.acceptDetail(detail))
      return detail
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  /** Managers: take a person off the shift, with a reason they will read. */
  async remove(signupId: string, reason: string): Promise<ShiftDetail> {
    this.busyId = signupId
    try {
      const detail = await this.api.shifts.remove(signupId, reason.trim())
      runInAction(() => this.acceptDetail(detail))
      return detail
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }

  /** A shift as the server now sees it, everywhere it is shown. */
  applyShift(shift: Shift): void {
    const swapIn = (list: Shift[]) => list.map((s) => (s.id === shift.id ? shift : s))
    this.week = swapIn(this.week)
    this.past = swapIn(this.past)
    const inUpcoming = this.upcoming.some((s) => s.id === shift.id)
    if (inUpcoming) this.upcoming = swapIn(this.upcoming)
    else if (shift.mine && new Date(shift.endsAt).getTime() > this.clock().getTime()) {
      this.upcoming = [...this.upcoming, shift].sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    }
    if (this.detail?.id === shift.id) this.detail = { ...this.detail, ...shift }
    if (this.home?.nextShift?.id === shift.id) this.home = { ...this.home, nextShift: shift }
  }

  /** After a check-in or check-out: the times on my signup. */
  markAttendance(signupId: string, facts: Partial<Pick<MySignup, 'checkInAt' | 'checkOutAt' | 'late' | 'earlyLeave' | 'exceptions'>>): void {
    const withFacts = (s: Shift): Shift => (s.mine?.signupId === signupId ? { ...s, mine: { ...s.mine, ...facts } } : s)
    this.upcoming = this.upcoming.map(withFacts)
    this.week = this.week.map(withFacts)
    if (this.home?.nextShift) this.home = { ...this.home, nextShift: withFacts(this.home.nextShift) }
    if (this.detail) this.detail = { ...this.detail, ...withFacts(this.detail) }
  }

  /** A shift the person is on by signup id, among those loaded. */
  shiftOfSignup(signupId: string): Shift | null {
    const all = [this.home?.nextShift, this.detail, ...this.upcoming, ...this.week].filter((s): s is Shift => !!s)
    return all.find((s) => s.mine?.signupId === signupId) ?? null
  }

  reset(): void {
    this.home = null
    this.homeState = 'idle'
    this.upcoming = []
    this.upcomingState = 'idle'
    this.past = []
    this.pastState = 'idle'
    this.settingsBySchool = {}
    this.weekSchoolId = null
    this.weekStart = null
    this.day = null
    this.week = []
    this.weekState = 'idle'
    this.detail = null
    this.detailState = 'idle'
    this.assignable = {}
    this.busyId = null
    this.colleagues = {}
  }

  private acceptDetail(detail: ShiftDetail): void {
    this.detail = detail
    this.detailState = 'ready'
    const known = { ...(this.colleagues[detail.schoolId] ?? {}) }
    for (const s of detail.signups) known[s.person.id] = s.person
    this.colleagues[detail.schoolId] = known
    const { signups: _signups, ...shift } = detail
    this.applyShift(shift)
  }

  private async act(shiftId: string, send: () => Promise<Shift>): Promise<Shift> {
    this.busyId = shiftId
    try {
      const shift = await send()
      runInAction(() => this.applyShift(shift))
      // the summary on 首页 and the list of my shifts follow
      void this.loadHome()
      void this.loadUpcoming()
      if (this.detail?.id === shiftId) void this.loadDetail(shiftId)
      return shift
    } finally {
      runInAction(() => {
        this.busyId = null
      })
    }
  }
}
