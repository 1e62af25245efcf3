import type { Alarm, AlarmOutcome, AlarmPage, ArriveRequest, DescribeAlarmRequest, RaiseAlarmRequest } from '@/types/alarms'
import type { Http } from './http'

export function createAlarmsService(http: Http) {
  // Photo links are signed and relative: absolute on WeChat, where the API is another origin.
  const alarm = (a: Alarm): Alarm => ({ ...a, photos: a.photos.map((p) => ({ ...p, url: http.resolve(p.url), thumbUrl: http.resolve(p.thumbUrl) })) })
  const path = (id: string, what = '') => `/api/alarms/${encodeURIComponent(id)}${what}`
  return {
    /** Idempotent by `clientKey`: a retry returns the first alarm. */
    raise: (request: RaiseAlarmRequest): Promise<Alarm> => http.post<Alarm>('/api/alarms', request).then(alarm),
    /** Recent alarms of the schools one may see, newest first; `before` is the last page's cursor. */
    history: (before: string | null, limit = 20): Promise<AlarmPage> => http.get<AlarmPage>('/api/alarms/history', { limit, ...(before ? { before } : {}) }),
    /** The polling fallback: a 304 when nothing changed since `etag`. */
    poll: async (id: string, etag: string | null) => {
      const res = await http.getConditional<Alarm>(path(id), undefined, etag)
      return res.notModified ? res : { ...res, data: alarm(res.data) }
    },
    describe: (id: string, request: DescribeAlarmRequest): Promise<Alarm> => http.put<Alarm>(path(id, '/details'), request).then(alarm),
    acknowledge: (id: string): Promise<Alarm> => http.post<Alarm>(path(id, '/acknowledge')).then(alarm),
    arrive: (id: string, request: ArriveRequest): Promise<Alarm> => http.post<Alarm>(path(id, '/arrive'), request).then(alarm),
    close: (id: string, outcome: AlarmOutcome, note?: string): Promise<Alarm> => http.post<Alarm>(path(id, '/close'), { outcome, ...(note ? { note } : {}) }).then(alarm),
    cancel: (id: string): Promise<Alarm> => http.post<Alarm>(path(id, '/cancel')).then(alarm),
    /** Where the live socket connects: the API origin with ws(s). */
    liveUrl: (): string => {
      const base = http.resolve('/api/live')
      if (/^https?:/i.test(base)) return base.replace(/^http/i, 'ws')
      const loc = typeof window !== 'undefined' ? window.location : null
      return `${loc?.protocol === 'https:' ? 'wss' : 'ws'}://${loc?.host ?? 'localhost'}${base}`
    },
  }
}

export type AlarmsService = ReturnType<typeof createAlarmsService>
