// Coverage (覆盖率): a school's view, an area's schools side by side, their Excel exports, and
// the principal's request for the police to assign someone to a gap.
import type { AreaCoverage, CoverageRange, SchoolCoverage } from '@/types/coverage'
import type { Http } from './http'

export function createCoverageService(http: Http) {
  return {
    school: (schoolId: string, range: CoverageRange): Promise<SchoolCoverage> => http.get<SchoolCoverage>(`/api/coverage/schools/${encodeURIComponent(schoolId)}`, { range }),
    /** A police officer's station, an admin's district, or one station of it. */
    area: (range: CoverageRange, stationId?: string | null, districtId?: string | null): Promise<AreaCoverage> =>
      http.get<AreaCoverage>('/api/coverage/area', { range, stationId: stationId ?? undefined, districtId: districtId ?? undefined }),
    /** The school's view as an Excel file on the phone; resolves with its local path. */
    exportSchool: (schoolId: string, range: CoverageRange): Promise<string> => http.download(`/api/coverage/schools/${encodeURIComponent(schoolId)}/export`, { range }),
    exportArea: (range: CoverageRange, stationId?: string | null, districtId?: string | null): Promise<string> =>
      http.download('/api/coverage/area/export', { range, stationId: stationId ?? undefined, districtId: districtId ?? undefined }),
    askAssign: (shiftId: string): Promise<{ notified: number }> => http.post<{ notified: number }>('/api/coverage/ask-assign', { shiftId }),
  }
}

export type CoverageService = ReturnType<typeof createCoverageService>
