import type { CreateInviteRequest, Invite, InvitePreview, InvitesResponse } from '@/types/api'
import type { Http } from './http'

export function createInvitesService(http: Http) {
  return {
    preview: (code: string) => http.get<InvitePreview>(`/api/invites/preview/${encodeURIComponent(code)}`),
    list: (schoolId: string): Promise<Invite[]> => http.get<InvitesResponse>('/api/invites', { schoolId }).then((r) => r.items),
    create: (request: CreateInviteRequest) => http.post<Invite>('/api/invites', request),
    revoke: (inviteId: string) => http.post<Invite>(`/api/invites/${encodeURIComponent(inviteId)}/revoke`),
    /** The invite's mini-program code (an image) on the phone; resolves with its local path. */
    wxacode: (inviteId: string): Promise<string> => http.download(`/api/invites/${encodeURIComponent(inviteId)}/wxacode`),
  }
}

export type InvitesService = ReturnType<typeof createInvitesService>
