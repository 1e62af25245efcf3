// The bulletin page (简报): a period and an area the person reaches (the city, a district, a
// station), the figures for them, and the Word and Excel downloads. Only the coverage subpackage
// uses it (a lazy store), so its code ships there.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Bulletin, BulletinLevel, BulletinQuery } from '@/types/bulletin'
import { CITY_SCOPE } from '@/domain/authorization'
import { termSoFar } from '@/domain/term'
import { local } from '@/domain/time'
import { createBulletinService, type BulletinService } from '@/services/bulletin'
import type { RootStore } from '../root-store'
import { lazyStore } from '../lazy-store'
import { Resource, type LoadState } from '../load-state'

export type BulletinPeriod = 'term' | 'month' | 'lastMonth' | 'week'
export const BULLETIN_PERIODS: { key: BulletinPeriod; title: string }[] = [
  { key: 'term', title: '本学期' },
  { key: 'month', title: '本月' },
  { key: 'lastMonth', title: '上月' },
  { key: 'week', title: '本周' },
]

export interface AreaChoice {
  level: BulletinLevel
  id?: string
  name: string
}

/** The dates of a period, up to today (a bulletin reports what happened). */
export function periodDates(period: BulletinPeriod, now: Date): { from: string; to: string } {
  const today = local(now)
  const fmt = (d: ReturnType<typeof local>) => d.format('YYYY-MM-DD')
  if (period === 'week') return { from: fmt(today.subtract(today.isoWeekday() - 1, 'day')), to: fmt(today) }
  if (period === 'month') return { from: fmt(today.startOf('month')), to: fmt(today) }
  if (period === 'lastMonth') {
    const last = today.subtract(1, 'month')
    return { from: fmt(last.startOf('month')), to: fmt(last.endOf('month')) }
  }
  // the term so far: the same dates as coverage's 本学期 (domain/term.ts)
  const term = termSoFar(now)
  return { from: term.from, to: term.to }
}

export class BulletinStore {
  period: BulletinPeriod = 'term'
  area: AreaChoice | null = null
  /** the figures, keyed by the query they answer */
  private readonly report = new Resource<Bulletin>('简报加载失败')
  downloading: 'docx' | 'xlsx' | null = null
  private readonly service: BulletinService

  constructor(
    private readonly root: RootStore,
    http: Parameters<typeof createBulletinService>[0],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.service = createBulletinService(http)
    makeAutoObservable<BulletinStore, 'root' | 'report' | 'service' | 'now'>(this, { root: false, report: false, service: false, now: false })
  }

  /** The areas the person may ask for, widest first: the city, districts, stations (by the policy). */
  get areas(): AreaChoice[] {
    const me = this.root.me
    const out: AreaChoice[] = []
    if (me.can('bulletin.view', CITY_SCOPE)) out.push({ level: 'city', name: '全市' })
    const districts = new Map<string, string>()
    const stations = new Map<string, { name: string; districtId: string }>()
    for (const s of this.root.schools.items) {
      districts.set(s.districtId, s.districtName)
      stations.set(s.stationId, { name: s.stationName, districtId: s.districtId })
    }
    for (const [id, name] of districts) if (me.can('bulletin.view', { level: 'district', districtId: id })) out.push({ level: 'district', id, name })
    for (const [id, st] of stations) if (me.can('bulletin.view', { level: 'station', stationId: id, districtId: st.districtId })) out.push({ level: 'station', id, name: st.name })
    return out
  }

  get chosenArea(): AreaChoice | null {
    return this.area ?? this.areas[0] ?? null
  }

  get query(): BulletinQuery | null {
    const area = this.chosenArea
    if (!area) return null
    return { ...periodDates(this.period, this.now()), level: area.level, id: area.id }
  }

  private keyOf(q: BulletinQuery): string {
    return `${q.from}|${q.to}|${q.level}|${q.id ?? ''}`
  }

  /** The figures of the chosen period and area (an answer to another choice is not shown). */
  get current(): Bulletin | null {
    const q = this.query
    return q ? this.report.valueFor(this.keyOf(q)) : null
  }

  get state(): LoadState {
    return this.report.state
  }

  get error(): string | null {
    return this.report.error
  }

  setPeriod(period: BulletinPeriod): Promise<void> {
    this.period = period
    return this.load()
  }

  setArea(area: AreaChoice): Promise<void> {
    this.area = area
    return this.load()
  }

  /** `quiet`: a pull to refresh keeps the figures on screen while it runs (and if it fails). */
  load({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    const q = this.query
    if (!q) return Promise.resolve()
    return this.report.load(() => this.service.get(q), { key: this.keyOf(q), quiet })
  }

  async download(kind: 'docx' | 'xlsx'): Promise<{ path: string; filename: string; fileType: 'docx' | 'xlsx' }> {
    const b = this.current
    const q = this.query
    if (!b || !q) throw new Error('简报还没有加载')
    this.downloading = kind
    try {
      const path = await this.service.download(kind, q)
      return { path, filename: `${b.scope.name}校园安全工作简报_${b.from}_${b.to}.${kind}`, fileType: kind }
    } finally {
      runInAction(() => {
        this.downloading = null
      })
    }
  }

  reset(): void {
    this.period = 'term'
    this.area = null
    this.report.reset()
    this.downloading = null
  }
}

export const bulletinStore = lazyStore(
  (root, api) => new BulletinStore(root, api.http),
  (store) => store.reset(),
)
