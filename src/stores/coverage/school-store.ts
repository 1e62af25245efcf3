// One school's coverage (覆盖率) for a range: what the school page shows and exports, and the
// principal's request for the police to fill a gap. The numbers are the server's, as they come.
import { makeAutoObservable, runInAction } from 'mobx'
import type { CoverageRange, SchoolCoverage } from '@/types/coverage'
import type { Api } from '@/services/api'
import { Resource, type LoadState } from '../load-state'

export class SchoolCoverageStore {
  schoolId: string | null = null
  range: CoverageRange
  /** the figures, keyed by the school and range they answer */
  private readonly figures = new Resource<SchoolCoverage>('覆盖率加载失败')
  exporting = false
  /** Gaps the police were already asked about (from this screen). */
  asked: Record<string, true> = {}
  asking: string | null = null

  constructor(
    private readonly api: Pick<Api, 'coverage'>,
    range: CoverageRange = 'today',
  ) {
    this.range = range
    makeAutoObservable<SchoolCoverageStore, 'api' | 'figures'>(this, { api: false, figures: false })
  }

  /** The data on screen belongs to the chosen school and range. */
  get current(): SchoolCoverage | null {
    return this.schoolId ? this.figures.valueFor(`${this.schoolId}|${this.range}`) : null
  }

  get state(): LoadState {
    return this.figures.state
  }

  get error(): string | null {
    return this.figures.error
  }

  setSchool(schoolId: string): Promise<void> {
    if (schoolId !== this.schoolId) {
      this.schoolId = schoolId
      this.asked = {}
    }
    return this.load()
  }

  setRange(range: CoverageRange): Promise<void> {
    if (range === this.range && this.current) return Promise.resolve()
    this.range = range
    return this.load()
  }

  /** `quiet`: a pull to refresh keeps the numbers on screen while it runs (and if it fails). */
  load({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    const { schoolId, range } = this
    if (!schoolId) return Promise.resolve()
    return this.figures.load(() => this.api.coverage.school(schoolId, range), { key: `${schoolId}|${range}`, quiet })
  }

  /** Asks the school's police to assign someone; resolves with how many officers were told. */
  async askAssign(shiftId: string): Promise<number> {
    this.asking = shiftId
    try {
      const { notified } = await this.api.coverage.askAssign(shiftId)
      runInAction(() => {
        this.asked = { ...this.asked, [shiftId]: true }
      })
      return notified
    } finally {
      runInAction(() => {
        this.asking = null
      })
    }
  }

  /** Downloads the Excel file of the view on screen; resolves with its local path. */
  async export(): Promise<{ path: string; filename: string }> {
    const c = this.current
    if (!c) throw new Error('覆盖率还没有加载')
    this.exporting = true
    try {
      const path = await this.api.coverage.exportSchool(c.schoolId, c.range)
      return { path, filename: `${c.schoolName}覆盖率_${c.from}_${c.to}.xlsx` }
    } finally {
      runInAction(() => {
        this.exporting = false
      })
    }
  }

  reset(): void {
    this.schoolId = null
    this.figures.reset()
    this.asked = {}
    this.asking = null
    this.exporting = false
  }
}
