// A person's hours of service this term, and the certificate of service (志愿服务证明).
import { makeAutoObservable, runInAction } from 'mobx'
import type { HoursSummary } from '@/types/attendance'
import type { Api } from '@/services/api'
import type { Certificate } from '@/types/attendance'
import { ApiError, errorMessage } from '@/services/http'
import { Resource, type LoadState } from '../load-state'

export const HOURS_STATUS_LABELS = { counted: '已计入', pending: '待审核', not_counted: '未计入' } as const

export class HoursStore {
  private readonly hours = new Resource<HoursSummary>('志愿时长加载失败', { keep: true })

  certificateSchoolId: string | null = null
  certificate: Certificate | null = null
  certificateState: LoadState = 'idle'
  certificateError: string | null = null
  /** The school has no duty of this person this term (a 404, not a failure). */
  certificateMissing = false

  constructor(private readonly api: Pick<Api, 'attendance'>) {
    makeAutoObservable<HoursStore, 'api' | 'hours'>(this, { api: false, hours: false })
  }

  get summary(): HoursSummary | null {
    return this.hours.value
  }

  get state(): LoadState {
    return this.hours.state
  }

  get error(): string | null {
    return this.hours.error
  }

  /** Schools where the person has served this term (a certificate can be issued), each once. */
  get servedSchools(): { id: string; name: string }[] {
    const seen = new Map<string, string>()
    for (const e of this.summary?.entries ?? []) seen.set(e.shift.schoolId, e.shift.schoolName)
    return [...seen].map(([id, name]) => ({ id, name }))
  }

  /** What is shown stays while asking again. */
  load(): Promise<void> {
    return this.hours.load(() => this.api.attendance.hours())
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
    this.hours.reset()
    this.certificate = null
    this.certificateSchoolId = null
    this.certificateState = 'idle'
    this.certificateMissing = false
  }
}
