// The typed API client: one service per resource over one Http instance.
import { createAuthService } from './auth'
import { createHazardsService } from './hazards'
import type { Http } from './http'
import { createInvitesService } from './invites'
import { createMeService } from './me'
import { createMembershipsService } from './memberships'
import { createSchoolsService } from './schools'
import { createUploadsService } from './uploads'

export function createApi(http: Http) {
  return {
    auth: createAuthService(http),
    me: createMeService(http),
    schools: createSchoolsService(http),
    memberships: createMembershipsService(http),
    invites: createInvitesService(http),
    uploads: createUploadsService(http),
    hazards: createHazardsService(http),
  }
}

export type Api = ReturnType<typeof createApi>
