// The typed API client: one service per resource over one Http instance.
import { createAuthService } from './auth'
import type { Http } from './http'
import { createInvitesService } from './invites'
import { createMeService } from './me'
import { createMembershipsService } from './memberships'
import { createSchoolsService } from './schools'

export function createApi(http: Http) {
  return {
    auth: createAuthService(http),
    me: createMeService(http),
    schools: createSchoolsService(http),
    memberships: createMembershipsService(http),
    invites: createInvitesService(http),
  }
}

export type Api = ReturnType<typeof createApi>
