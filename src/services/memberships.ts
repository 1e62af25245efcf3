import type { JoinRequest, MemberRow, MembersResponse, Membership } from '@/types/api'
import type { MembershipStatus } from '@/types/org'
import type { Http } from './http'

export function createMembershipsService(http: Http) {
  return {
    join: (request: JoinRequest) => http.post<Membership>('/api/memberships/join', request),
    listMembers: (filter: { schoolId?: string; status?: MembershipStatus }): Promise<MemberRow[]> => http.get<MembersResponse>('/api/members', filter).then((r) => r.items),
    approve: (membershipId: string) => http.post<MemberRow>(`/api/memberships/${encodeURIComponent(membershipId)}/decision`, { decision: 'approve' }),
    reject: (membershipId: string, reason: string) => http.post<MemberRow>(`/api/memberships/${encodeURIComponent(membershipId)}/decision`, { decision: 'reject', reason }),
    revoke: (membershipId: string, reason: string) => http.post<MemberRow>(`/api/memberships/${encodeURIComponent(membershipId)}/revoke`, { reason }),
  }
}

export type MembershipsService = ReturnType<typeof createMembershipsService>
