// Builders for notice types, and the fake Api extended with the notice, upload and message services.
import type { Notice, NoticeStats, NoticeStatsRow } from '@/types/notices'
import type { Api } from '@/services/api'
import * as noticeDesk from '@/services/notice-desk'
import { JINGSHAN, fakeApi } from './fixtures'

/** 京山小学 (GCJ-02): where the training takes place. */
export const PLACE = { lat: 28.64017, lng: 115.91736 }

export function notice(partial: Partial<Notice> & Pick<Notice, 'id'>): Notice {
  return {
    type: 'training',
    themeId: 'traffic',
    title: '护学岗志愿者交通疏导培训',
    body: '请报名参加，现场签到。',
    eventAt: '2026-12-05T01:00:00.000Z',
    eventEndAt: '2026-12-05T03:00:00.000Z',
    place: '京山小学报告厅',
    location: { ...PLACE, radiusM: 150 },
    audience: { schoolIds: [JINGSHAN.id], roles: ['volunteer'] },
    ackRequired: true,
    rsvpCapacity: 30,
    rsvpDeadline: '2026-12-04T12:00:00.000Z',
    stationName: '京山派出所',
    author: '陈志强',
    status: 'published',
    publishAt: null,
    publishedAt: '2026-12-01T02:00:00.000Z',
    withdrawnAt: null,
    attachments: [],
    rsvpJoined: 0,
    receipt: { readAt: null, ackedAt: null, rsvp: null, attendedAt: null },
    canManage: false,
    ...partial,
  }
}

export function statsRow(partial: Partial<NoticeStatsRow>): NoticeStatsRow {
  return { schoolId: JINGSHAN.id, schoolName: JINGSHAN.name, role: 'volunteer', recipients: 3, read: 1, acked: 1, joined: 1, attended: 0, ...partial }
}

export function stats(partial: Partial<NoticeStats> = {}): NoticeStats {
  return {
    rows: [statsRow({})],
    notAcknowledged: [
      { id: 'p-zw', name: '张伟', phone: null, schoolName: JINGSHAN.name, role: 'volunteer' },
      { id: 'p-ly', name: '刘洋', phone: null, schoolName: JINGSHAN.name, role: 'volunteer' },
    ],
    remindCount: 0,
    lastRemindedAt: null,
    nextRemindAt: null,
    ...partial,
  }
}

type Mocked<T> = { [K in keyof T]: { [M in keyof T[K]]: jest.Mock } }

type NoticeApi = Api & { notices: noticeDesk.NoticeDeskService }

export function fakeNoticeApi(): Mocked<NoticeApi> & NoticeApi {
  const notStubbed = (name: string) => jest.fn(() => Promise.reject(new Error(`${name} not stubbed`)))
  const api = fakeApi() as Mocked<Api> & Api
  const names = [
    'inbox',
    'unreadCount',
    'managed',
    'get',
    'create',
    'update',
    'publish',
    'withdraw',
    'read',
    'acknowledge',
    'rsvp',
    'attend',
    'stats',
    'remind',
    'recordDrill',
    'schoolDrills',
    'attachmentFile',
  ] as const
  const notices = Object.fromEntries(names.map((n) => [n, notStubbed(`notices.${n}`)]))
  // the notices subpackage builds its calls from api.http (services/notice-desk.ts): here they are the same fakes
  jest.spyOn(noticeDesk, 'noticesDesk').mockReturnValue(notices as unknown as noticeDesk.NoticeDeskService)
  return Object.assign(api, {
    uploads: { photo: notStubbed('uploads.photo') },
    messages: { subscribeTemplates: jest.fn(() => Promise.resolve({ duty: null, review: null, notice: 'tmpl-notice' })), outbox: notStubbed('messages.outbox') },
    notices,
  }) as Mocked<NoticeApi> & NoticeApi
}
