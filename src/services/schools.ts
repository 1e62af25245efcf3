import type { School, SchoolsResponse } from '@/types/api'
import type { Http } from './http'

export function createSchoolsService(http: Http) {
  return {
    /** The schools the person's approved memberships reach. */
    list: (): Promise<School[]> => http.get<SchoolsResponse>('/api/schools').then((r) => r.items),
  }
}

export type SchoolsService = ReturnType<typeof createSchoolsService>
