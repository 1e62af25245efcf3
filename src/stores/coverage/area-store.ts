// An area's coverage: a police officer's schools, or a district admin's (all stations, or one).
// Schools come worst first from the server; the page shows them in that order.
import { makeAutoObservable, runInAction } from 'mobx'
import type { AreaCoverage, CoverageRange, SchoolCoverageRow } from '@/types/coverage'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'

export interface StationGroup {
  stationName: string
  schools: SchoolCoverageRow[]
}

export class AreaCoverageStore {
  range: CoverageRange
  /** null: the whole area the person reaches */
  stationId: string | null = null
  /** the city's drill-down to one district (null: the whole area) */
  districtId: string | null = null
  data: AreaCoverage | null = null
  /** the choice (range, station) the data answers */
  private dataKey: string | null = null
  state: LoadState = 'idle'
  error: string | null = null
  exporting = false
  private seq = 0

  constructor(
    private readonly api: Pick<Api, 'coverage'>,
    range: CoverageRange = 'today',
  ) {
    this.range = range
    makeAutoObservable<AreaCoverageStore, 'api' | 'seq'>(this, { api: false, seq: false })
  }

  private get key(): string {
    return `${this.range}|${this.districtId ?? ''}|${this.stationId ?? ''}`
  }

  get current(): AreaCoverage | null {
    return this.dataKey === this.key ? this.data : null
  }

  /** Schools by station, each group worst first, groups in order of their worst school. */
  get byStation(): StationGroup[] {
    const groups: StationGroup[] = []
    for (const s of this.current?.schools ?? []) {
      const g = groups.find((x) => x.stationName === s.stationName)
      if (g) g.schools.push(s)
      else groups.push({ stationName: s.stationName, schools: [s] })
    }
    return groups
  }

  /** Schools under 70 % (red), to say on 首页 how many need attention. */
  get redCount(): number {
    return (this.current?.schools ?? []).filter((s) => s.color === 'red').length
  }

  setRange(range: CoverageRange): Promise<void> {
    if (range === this.range && this.current) return Promise.resolve()
    this.range = range
    return this.load()
  }

  setStation(stationId: string | null): Promise<void> {
    if (stationId === this.stationId && this.current) return Promise.resolve()
    this.stationId = stationId
    return this.load()
  }

  /** The city's drill-down: one district (its stations and schools), or back to the whole city. */
  setDistrict(districtId: string | null): Promise<void> {
    if (districtId === this.districtId && !this.stationId && this.current) return Promise.resolve()
    this.districtId = districtId
    this.stationId = null
    return this.load()
  }

  async load({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    const { range, stationId, districtId, key } = this
    const seq = ++this.seq
    if (!quiet || !this.current) this.state = 'loading'
    this.error = null
    try {
      const data = await this.api.coverage.area(range, stationId, districtId)
      runInAction(() => {
        if (seq !== this.seq) return
        this.data = data
        this.dataKey = key
        this.state = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        if (seq !== this.seq) return
        if (quiet && this.current) return
        this.state = 'error'
        this.error = errorMessage(e, '覆盖率加载失败')
      })
    }
  }

  async export(title: string): Promise<{ path: string; filename: string }> {
    const a = this.current
    if (!a) throw new Error('覆盖率还没有加载')
    this.exporting = true
    try {
      const path = await this.api.coverage.exportArea(this.range, this.stationId, this.districtId)
      return { path, filename: `${title}覆盖率_${a.from}_${a.to}.xlsx` }
    } finally {
      runInAction(() => {
        this.exporting = false
      })
    }
  }

  reset(): void {
    this.seq++
    this.stationId = null
    this.districtId = null
    this.data = null
    this.dataKey = null
    this.state = 'idle'
    this.error = null
    this.exporting = false
  }
}
