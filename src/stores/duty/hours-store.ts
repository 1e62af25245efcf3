// A person's hours of service this term, and the certificate of service (志愿服务证明).
import { makeAutoObservable, runInAction } from 'mobx'
import type { HoursSummary } from '@/types/attendance'
import type { Api } from '@/services/api'
import type { Certificate } from '@/types/attendance'
import { ApiError, errorMessage } from '@/services/http'
import type { LoadState } from '../load-state'

export const HOURS_STATUS_LABELS = { counted: '已计入', pending: '待审核', not_counted: '未计入' } as const

export class HoursStore {
  summary: HoursSummary | null = null
  state: LoadState = 'idle'
  error: string | null = null

  certificateSchoolId: string | null = null
  certificate: Certificate | null = null
  certificateState: LoadState = 'idle'
  certificateError: string | null = null
  /** The school has no duty of this person this term (a 404, not a failure). */
  certificateMissing = false

  constructor(private readonly api: Pick<Api, 'attendance'>) {
    makeAutoObservable<HoursStore, 'api'>(this, { api: false })
  }

  /** Schools where the person has served this term (a certificate can be issued), each once. */
  get servedSchools(): { id: string; name: string }[] {
    const seen = new Map<string, string>()
    for (const e of this.summary?.entries ?? []) seen.set(e.shift.schoolId, e.shift.schoolName)
    return [...seen].map(([id, name]) => ({ id, name }))
  }

  async load(): Promise<void> {
    this.state = this.summary ? 'ready' : 'loading'
    this.error = null
    try {
      const summary = await this.api.attendance.hours()
      runInAction(() => {
        this.summary = summary
        this.state = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.state = 'error'
        this.error = errorMessage(e, '志愿时长加载失败')
      })
    }
  }

  async loadCertificate(schoolId: string): Promise<void> {
    if (schoolId !== this.certificateSchoolId) this.certificate = null
    this.certificateSchoolId = schoolId
    this.certificateState = 'loading'
    this.certificateError = null
    this.certificateMissing = false
    try {
      const certificate = await this.api.attendance.certificate(schoolId)
      runInAction(() => {
        this.certificate = certificate
        this.certificateState = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.certificateMissing = e instanceof ApiError && e.status === 404
        this.certificateState = this.certificateMissing ? 'ready' : 'error'
        this.certificateError = errorMessage(e, '证明加载失败')
      })
    }
  }

  reset(): void {
    this.summary = null
    this.state = 'idle'
    this.certificate = null
    this.certificateSchoolId = null
    this.certificateState = 'idle'
    this.certificateMissing = false
  }
}
