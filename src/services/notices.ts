import type { ListResponse } from '@/types/api'
import type { LocationFix } from '@/types/attendance'
import type { AlarmSummary } from '@/types/alarms'
import type { Drill, DrillInput, Notice, NoticeInput, NoticeStats } from '@/types/notices'
import type { Http } from './http'

export type RsvpAnswer = 'joined' | 'declined'


const id = encodeURIComponent

export function createNoticesService(http: Http) {
  // Attachment and photo links are signed and relative: absolute on WeChat, where the API is another origin.
  const file = <F extends { url: string; thumbUrl: string }>(f: F): F => ({ ...f, url: http.resolve(f.url), thumbUrl: http.resolve(f.thumbUrl) })
  const notice = (n: Notice): Notice => ({ ...n, attachments: n.attachments.map(file) })
  const drill = (d: Drill): Drill => ({ ...d, photos: d.photos.map(file) })

  return {
    /** 我收到的: newest first. */
    inbox: (): Promise<Notice[]> => http.get<ListResponse<Notice>>('/api/notices').then((r) => r.items.map(notice)),
    unreadCount: (): Promise<number> => http.get<{ count: number }>('/api/notices/unread-count').then((r) => r.count),
    /** 我发布的 (police, admin) or 发给本校的 (principal). */
    managed: (): Promise<Notice[]> => http.get<ListResponse<Notice>>('/api/notices/managed').then((r) => r.items.map(notice)),
    get: (noticeId: string): Promise<Notice> => http.get<Notice>(`/api/notices/${id(noticeId)}`).then(notice),
    create: (input: NoticeInput): Promise<Notice> => http.post<Notice>('/api/notices', input).then(notice),
    update: (noticeId: string, input: NoticeInput): Promise<Notice> => http.put<Notice>(`/api/notices/${id(noticeId)}`, input).then(notice),
    /** Now, or at `publishAt` when it is in the future (定时发布). */
    publish: (noticeId: string, publishAt: string | null = null): Promise<Notice> =>
      http.post<Notice>(`/api/notices/${id(noticeId)}/publish`, publishAt ? { publishAt } : {}).then(notice),
    withdraw: (noticeId: string): Promise<Notice> => http.post<Notice>(`/api/notices/${id(noticeId)}/withdraw`).then(notice),
    read: (noticeId: string): Promise<Notice> => http.post<Notice>(`/api/notices/${id(noticeId)}/read`).then(notice),
    acknowledge: (noticeId: string): Promise<Notice> => http.post<Notice>(`/api/notices/${id(noticeId)}/ack`).then(notice),
    rsvp: (noticeId: string, answer: RsvpAnswer): Promise<Notice> => http.post<Notice>(`/api/notices/${id(noticeId)}/rsvp`, { answer }).then(notice),
    /** Attendance: a GCJ-02 fix at the event's place during its time. */
    attend: (noticeId: string, fix: LocationFix): Promise<Notice> =>
      http.post<Notice>(`/api/notices/${id(noticeId)}/attend`, { lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy }).then(notice),
    stats: (noticeId: string): Promise<NoticeStats> => http.get<NoticeStats>(`/api/notices/${id(noticeId)}/stats`),
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

export type NoticesService = ReturnType<typeof createNoticesService>
