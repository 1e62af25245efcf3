// The typed API client: one service per resource over one Http instance.
import { createAlarmsService } from './alarms'
import { createAttendanceService } from './attendance'
import { createAuthService } from './auth'
import { createBroadcastsService } from './broadcasts'
import { createCoverageService } from './coverage'
import { createHazardsService } from './hazards'
import type { Http } from './http'
import { createInvitesService } from './invites'
import { createMeService } from './me'
import { createMembershipsService } from './memberships'
import { createMessagesService } from './messages'
import { createNoticesService } from './notices'
import { createSchoolsService } from './schools'
import { createShiftsService } from './shifts'
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
    shifts: createShiftsService(http),
    attendance: createAttendanceService(http),
    messages: createMessagesService(http),
    notices: createNoticesService(http),
    coverage: createCoverageService(http),
    alarms: createAlarmsService(http),
    broadcasts: createBroadcastsService(http),
    /** for services that only subpackage pages use (services/bulletin.ts): built where used, so their code ships with that subpackage */
    http,
  }
}

export type Api = ReturnType<typeof createApi>
