// The alarm calls only the alarm subpackage makes (the alarm page's follow-up and 最近报警). Built
// there from the shared Http (api.http), so their code ships with that subpackage; alarmsDesk()
// gives those stores api.alarms with these added.
import type { Alarm, AlarmOutcome, AlarmPage, ArriveRequest } from '@/types/alarms'
import { alarmLinks, alarmPath as path, type AlarmsService } from './alarms'
import type { Api } from './api'
import type { Http } from './http'

export function createAlarmDeskService(http: Http) {
  const alarm = alarmLinks(http)
  return {
    /** Recent alarms of the schools one may see, newest first; `before` is the last page's cursor. */
    history: (before: string | null, limit = 20): Promise<AlarmPage> => http.get<AlarmPage>('/api/alarms/history', { limit, ...(before ? { before } : {}) }),
    /** The polling fallback: a 304 when nothing changed since `etag`. */
    poll: async (id: string, etag: string | null) => {
      const res = await http.getConditional<Alarm>(path(id), undefined, etag)
      return res.notModified ? res : { ...res, data: alarm(res.data) }
    },
    acknowledge: (id: string): Promise<Alarm> => http.post<Alarm>(path(id, '/acknowledge')).then(alarm),
    arrive: (id: string, request: ArriveRequest): Promise<Alarm> => http.post<Alarm>(path(id, '/arrive'), request).then(alarm),
    close: (id: string, outcome: AlarmOutcome, note?: string): Promise<Alarm> => http.post<Alarm>(path(id, '/close'), { outcome, ...(note ? { note } : {}) }).then(alarm),
    cancel: (id: string): Promise<Alarm> => http.post<Alarm>(path(id, '/cancel')).then(alarm),
  }
}

export type AlarmDeskService = AlarmsService & ReturnType<typeof createAlarmDeskService>

/** api.alarms with the subpackage's calls added. */
export const alarmsDesk = (api: Pick<Api, 'alarms' | 'http'>): AlarmDeskService => ({ ...api.alarms, ...createAlarmDeskService(api.http) })
