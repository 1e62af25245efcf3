// The notices calls only the notices subpackage makes (writing and publishing, a notice's page,
// 回执/报名/签到, reminders, drills). Built there from the shared Http (api.http), so their code
// ships with that subpackage; noticesDesk() gives those stores api.notices with these added.
import type { ListResponse } from '@/types/api'
import type { LocationFix } from '@/types/attendance'
import type { AlarmSummary } from '@/types/alarms'
import type { Drill, DrillInput, Notice, NoticeInput, NoticeStats } from '@/types/notices'
import type { Api } from './api'
import type { Http } from './http'
import { id, noticeLinks, type NoticesService, type RsvpAnswer } from './notices'

export function createNoticeDeskService(http: Http) {
  const { notice, drill } = noticeLinks(http)
  return {
    get: (noticeId: string): Promise<Notice> => http.get<Notice>(`/api/notices/${id(noticeId)}`).then(notice),
    create: (input: NoticeInput): Promise<Notice> => http.post<Notice>('/api/notices', input).then(notice),
    update: (noticeId: string, input: NoticeInput): Promise<Notice> => http.put<Notice>(`/api/notices/${id(noticeId)}`, input).then(notice),
    /** Now, or at `publishAt` when it is in the future (定时发布). */
    publish: (noticeId: string, publishAt: string | null = null): Promise<Notice> =>
      http.post<Notice>(`/api/notices/${id(noticeId)}/publish`, publishAt ? { publishAt } : {}).then(notice),
    withdraw: (noticeId: string): Promise<Notice> => http.post<Notice>(`/api/notices/${id(noticeId)}/withdraw`).then(notice),
    acknowledge: (noticeId: string): Promise<Notice> => http.post<Notice>(`/api/notices/${id(noticeId)}/ack`).then(notice),
    rsvp: (noticeId: string, answer: RsvpAnswer): Promise<Notice> => http.post<Notice>(`/api/notices/${id(noticeId)}/rsvp`, { answer }).then(notice),
    /** Attendance: a GCJ-02 fix at the event's place during its time. */
    attend: (noticeId: string, fix: LocationFix): Promise<Notice> =>
      http.post<Notice>(`/api/notices/${id(noticeId)}/attend`, { lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy }).then(notice),
    remind: (noticeId: string): Promise<NoticeStats> => http.post<NoticeStats>(`/api/notices/${id(noticeId)}/remind`),
    recordDrill: (request: DrillInput): Promise<Drill> => http.post<Drill>('/api/drills', request).then(drill),
    /** The drill alarms of a drill notice, with their response times. */
    drillAlarms: (noticeId: string): Promise<AlarmSummary[]> => http.get<ListResponse<AlarmSummary>>(`/api/notices/${id(noticeId)}/drill-alarms`).then((r) => r.items),
    schoolDrills: (schoolId: string): Promise<Drill[]> => http.get<ListResponse<Drill>>(`/api/schools/${id(schoolId)}/drills`).then((r) => r.items.map(drill)),
    /**
     * A PDF attachment fetched to the phone from its signed link (as the notice gave it, made
     * absolute above): resolves with its local path, for openDocument.
     */
    attachmentFile: (url: string): Promise<string> => {
      const base = http.resolve('')
      return http.download(base && url.startsWith(base) ? url.slice(base.length) : url)
    },
  }
}

export type NoticeDeskService = NoticesService & ReturnType<typeof createNoticeDeskService>

/** api.notices with the subpackage's calls added. */
export const noticesDesk = (api: Pick<Api, 'notices' | 'http'>): NoticeDeskService => ({ ...api.notices, ...createNoticeDeskService(api.http) })
