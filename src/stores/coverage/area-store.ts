// An area's coverage: a police officer's schools, or a district admin's (all stations, or one).
// Schools come worst first from the server; the page shows them in that order.
import { makeAutoObservable, runInAction } from 'mobx'
import type { AreaCoverage, CoverageRange, SchoolCoverageRow } from '@/types/coverage'
import type { Api } from '@/services/api'
import { Resource, type LoadState } from '../load-state'

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
  /** the figures, keyed by the choice (range, district, station) they answer */
  private readonly area = new Resource<AreaCoverage>('覆盖率加载失败')
  exporting = false

  constructor(
    private readonly api: Pick<Api, 'coverage'>,
    range: CoverageRange = 'today',
  ) {
    this.range = range
    makeAutoObservable<AreaCoverageStore, 'api' | 'area'>(this, { api: false, area: false })
  }

  private get key(): string {
    return `${this.range}|${this.districtId ?? ''}|${this.stationId ?? ''}`
  }

  get current(): AreaCoverage | null {
    return this.area.valueFor(this.key)
  }

  get state(): LoadState {
    return this.area.state
  }

  get error(): string | null {
    return this.area.error
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

  /** `quiet`: a pull to refresh keeps the figures on screen while it runs (and if it fails). */
  load({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    const { range, stationId, districtId, key } = this
    return this.area.load(() => this.api.coverage.area(range, stationId, districtId), { key, quiet })
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
    this.stationId = null
    this.districtId = null
    this.area.reset()
    this.exporting = false
  }
}
