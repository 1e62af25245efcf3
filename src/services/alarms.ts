import type { Alarm, DescribeAlarmRequest, RaiseAlarmRequest } from '@/types/alarms'
import type { Http } from './http'

/** Photo links are signed and relative: absolute on WeChat, where the API is another origin. */
export const alarmLinks =
  (http: Http) =>
  (a: Alarm): Alarm => ({ ...a, photos: a.photos.map((p) => ({ ...p, url: http.resolve(p.url), thumbUrl: http.resolve(p.thumbUrl) })) })
export const alarmPath = (id: string, what = '') => `/api/alarms/${encodeURIComponent(id)}${what}`

/** What every page needs (the button, the banner, the live socket); the alarm page's calls are in services/alarm-desk.ts. */
export function createAlarmsService(http: Http) {
  const alarm = alarmLinks(http)
  return {
    /** Idempotent by `clientKey`: a retry returns the first alarm. */
    raise: (request: RaiseAlarmRequest): Promise<Alarm> => http.post<Alarm>('/api/alarms', request).then(alarm),
    describe: (id: string, request: DescribeAlarmRequest): Promise<Alarm> => http.put<Alarm>(alarmPath(id, '/details'), request).then(alarm),
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
