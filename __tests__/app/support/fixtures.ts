// Small builders for the API's types, and a fake Api whose every call is a jest mock.
import type { DemoPerson, Invite, LoginResponse, Me, MemberRow, Membership, School } from '@/types/api'
import type { Api } from '@/services/api'
import * as broadcastDesk from '@/services/broadcast-desk'
import type { BroadcastDeskService } from '@/services/broadcast-desk'

export const DISTRICT = { id: 'd1', name: '青云谱区' }
export const STATION = { id: 'st1', name: '京山派出所' }

export function school(id: string, name: string, stationId = STATION.id, districtId = DISTRICT.id): School {
  return {
    id,
    name,
    kind: 'primary',
    address: '南昌市青云谱区京山北路 268 号',
    districtId,
    districtName: DISTRICT.name,
    stationId,
    stationName: STATION.name,
    phone: '0791-88461234',
    lat: 28.64,
    lng: 115.91,
    posts: [{ id: `${id}-p1`, schoolId: id, name: '南门', lat: 28.64, lng: 115.91, radiusM: 150 }],
  }
}

export const JINGSHAN = school('s1', '青云谱区京山小学')
export const SHIYAN = school('s2', '青云谱区实验学校')
export const HONGDU = school('s3', '青云谱区洪都小学', 'st2')

let seq = 0
export function membership(partial: Partial<Membership> & Pick<Membership, 'role' | 'status' | 'scope'>): Membership {
  seq += 1
  return {
    id: `m${seq}`,
    personId: 'p1',
    reason: null,
    createdAt: '2026-11-28T00:00:00.000Z',
    decidedAt: null,
    ...partial,
  }
}

export const atSchool = (s: School) => ({ kind: 'school' as const, schoolId: s.id, schoolName: s.name })

export function me(memberships: Membership[], name = '黄丽萍', phone: string | null = '13800000001'): Me {
  return { person: { id: 'p1', name, phone }, memberships }
}

export function loginResponse(m: Me, token = 'token-1'): LoginResponse {
  return { token, expiresAt: '2026-12-28T00:00:00.000Z', me: m }
}

export function memberRow(partial: Partial<MemberRow> & Pick<MemberRow, 'membershipId'>): MemberRow {
  return {
    person: { id: `person-${partial.membershipId}`, name: '王芳', phone: '138****0001' },
    role: 'volunteer',
    status: 'pending',
    schoolId: JINGSHAN.id,
    schoolName: JINGSHAN.name,
    reason: null,
    createdAt: '2026-11-28T00:00:00.000Z',
    decidedAt: null,
    inviteCode: 'ABCD2345',
    ...partial,
  }
}

export function invite(partial: Partial<Invite> & Pick<Invite, 'id' | 'code'>): Invite {
  return {
    schoolId: JINGSHAN.id,
    schoolName: JINGSHAN.name,
    role: 'volunteer',
    expiresAt: '2026-12-05T00:00:00.000Z',
    maxUses: 50,
    usedCount: 0,
    revokedAt: null,
    createdAt: '2026-11-28T00:00:00.000Z',
    usable: true,
    ...partial,
  }
}

export function demoPerson(partial: Partial<DemoPerson> & Pick<DemoPerson, 'personId' | 'name'>): DemoPerson {
  return { role: 'volunteer', schoolName: JINGSHAN.name, scopeName: JINGSHAN.name, status: 'approved', ...partial }
}

type Mocked<T> = { [K in keyof T]: { [M in keyof T[K]]: jest.Mock } }

type FakeApi = Api & { broadcasts: BroadcastDeskService }

/** An Api whose calls all reject until a test gives them an answer. */
export function fakeApi(): Mocked<FakeApi> & FakeApi {
  const notStubbed = (name: string) => jest.fn(() => Promise.reject(new Error(`${name} not stubbed`)))
  const broadcasts = {
    pending: notStubbed('broadcasts.pending'),
    confirm: notStubbed('broadcasts.confirm'),
    targets: notStubbed('broadcasts.targets'),
    send: notStubbed('broadcasts.send'),
    list: notStubbed('broadcasts.list'),
    detail: notStubbed('broadcasts.detail'),
  }
  // the officer's 远程广播 calls are built from api.http in the alarm subpackage (services/broadcast-desk.ts): here the same fakes
  jest.spyOn(broadcastDesk, 'broadcastsDesk').mockReturnValue(broadcasts)
  return {
    auth: { wechat: notStubbed('auth.wechat'), demoPeople: notStubbed('auth.demoPeople'), demoLogin: notStubbed('auth.demoLogin'), logout: notStubbed('auth.logout') },
    me: { get: notStubbed('me.get'), update: notStubbed('me.update'), wechatPhone: notStubbed('me.wechatPhone') },
    schools: { list: notStubbed('schools.list') },
    memberships: {
      join: notStubbed('memberships.join'),
      listMembers: notStubbed('memberships.listMembers'),
      approve: notStubbed('memberships.approve'),
      reject: notStubbed('memberships.reject'),
      revoke: notStubbed('memberships.revoke'),
    },
    invites: {
      preview: notStubbed('invites.preview'),
      list: notStubbed('invites.list'),
      create: notStubbed('invites.create'),
      revoke: notStubbed('invites.revoke'),
      wxacode: notStubbed('invites.wxacode'),
    },
    broadcasts,
  } as Mocked<FakeApi> & FakeApi
}
