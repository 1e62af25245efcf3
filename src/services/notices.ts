import type { ListResponse } from '@/types/api'
import type { Drill, Notice, NoticeStats } from '@/types/notices'
import type { Http } from './http'

export type RsvpAnswer = 'joined' | 'declined'

export const id = encodeURIComponent

/** Attachment and photo links are signed and relative: absolute on WeChat, where the API is another origin. */
export function noticeLinks(http: Http) {
  const file = <F extends { url: string; thumbUrl: string }>(f: F): F => ({ ...f, url: http.resolve(f.url), thumbUrl: http.resolve(f.thumbUrl) })
  return {
    notice: (n: Notice): Notice => ({ ...n, attachments: n.attachments.map(file) }),
    drill: (d: Drill): Drill => ({ ...d, photos: d.photos.map(file) }),
  }
}

/** What the tab pages ask (收到的、我发布的、已读、回执数); the subpackage's calls are in services/notice-desk.ts. */
export function createNoticesService(http: Http) {
  const { notice } = noticeLinks(http)
  return {
    /** 我收到的: newest first. */
    inbox: (): Promise<Notice[]> => http.get<ListResponse<Notice>>('/api/notices').then((r) => r.items.map(notice)),
    unreadCount: (): Promise<number> => http.get<{ count: number }>('/api/notices/unread-count').then((r) => r.count),
    /** 我发布的 (police, admin) or 发给本校的 (principal). */
    managed: (): Promise<Notice[]> => http.get<ListResponse<Notice>>('/api/notices/managed').then((r) => r.items.map(notice)),
    read: (noticeId: string): Promise<Notice> => http.post<Notice>(`/api/notices/${id(noticeId)}/read`).then(notice),
    stats: (noticeId: string): Promise<NoticeStats> => http.get<NoticeStats>(`/api/notices/${id(noticeId)}/stats`),
  }
}

export type NoticesService = ReturnType<typeof createNoticesService>
