// One school's coverage (覆盖率) for a range: what the school page shows and exports, and the
// principal's request for the police to fill a gap. The numbers are the server's, as they come.
import { makeAutoObservable, runInAction } from 'mobx'
import type { CoverageRange, SchoolCoverage } from '@/types/coverage'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'

export class SchoolCoverageStore {
  schoolId: string | null = null
  range: CoverageRange
  data: SchoolCoverage | null = null
  state: LoadState = 'idle'
  error: string | null = null
  exporting = false
  /** Gaps the police were already asked about (from this screen). */
  asked: Record<string, true> = {}
  asking: string | null = null
  private seq = 0

  constructor(
    private readonly api: Pick<Api, 'coverage'>,
    range: CoverageRange = 'today',
  ) {
    this.range = range
    makeAutoObservable<SchoolCoverageStore, 'api' | 'seq'>(this, { api: false, seq: false })
  }

  /** The data on screen belongs to the chosen school and range. */
  get current(): SchoolCoverage | null {
    return this.data && this.data.schoolId === this.schoolId && this.data.range === this.range ? this.data : null
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
  async load({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    const schoolId = this.schoolId
    if (!schoolId) return
    const range = this.range
    const seq = ++this.seq
    if (!quiet || !this.current) this.state = 'loading'
    this.error = null
    try {
      const data = await this.api.coverage.school(schoolId, range)
      runInAction(() => {
        if (seq !== this.seq) return // an answer to an older choice
        this.data = data
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
    this.seq++
    this.schoolId = null
    this.data = null
    this.state = 'idle'
    this.error = null
    this.asked = {}
    this.asking = null
    this.exporting = false
  }
}
