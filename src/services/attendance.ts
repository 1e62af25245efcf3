import type { ListResponse } from '@/types/api'
import type {
  Attendance,
  Certificate,
  CheckinRequest,
  CheckoutRequest,
  DutyBoard,
  DutyException,
  ExceptionStatus,
  HeartbeatResult,
  HoursSummary,
  LocationFix,
} from '@/types/attendance'
import type { Http } from './http'

export type BoardAnswer = { notModified: true; etag: string | null } | { notModified: false; data: DutyBoard; etag: string | null }

const id = encodeURIComponent

export function createAttendanceService(http: Http) {
  return {
    checkIn: (signupId: string, request: CheckinRequest) => http.post<Attendance>(`/api/signups/${id(signupId)}/check-in`, request),
    checkOut: (signupId: string, request: CheckoutRequest) => http.post<Attendance>(`/api/signups/${id(signupId)}/check-out`, request),
    heartbeat: (signupId: string, fix: LocationFix) => http.post<HeartbeatResult>(`/api/signups/${id(signupId)}/heartbeat`, fix),
    /** The board with the last ETag: a 304 means nothing changed. */
    board: (schoolId: string, date: string | undefined, etag: string | null): Promise<BoardAnswer> =>
      http.getConditional<DutyBoard>(`/api/schools/${id(schoolId)}/duty-board`, { date }, etag),
    exceptions: (schoolId: string, status?: ExceptionStatus) => http.get<ListResponse<DutyException>>(`/api/schools/${id(schoolId)}/exceptions`, { status }).then((r) => r.items),
    /** Pending exceptions of every school the person manages, in one request (首页). */
    pendingCounts: () => http.get<ListResponse<{ schoolId: string; pending: number }>>('/api/exceptions/pending-counts').then((r) => r.items),
    review: (exceptionId: string, decision: 'accept' | 'reject', note?: string) =>
      http.post<DutyException>(`/api/exceptions/${id(exceptionId)}/review`, { decision, ...(note ? { note } : {}) }),
    hours: (schoolId?: string) => http.get<HoursSummary>('/api/me/hours', { schoolId }),
    certificate: (schoolId: string) => http.get<Certificate>('/api/me/certificate', { schoolId }),
  }
}

export type AttendanceService = ReturnType<typeof createAttendanceService>
