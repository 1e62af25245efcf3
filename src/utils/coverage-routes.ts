// Pages of the coverage subpackage (app.config.ts lists the same pages).
export const COVERAGE_ROUTES = {
  school: '/packages/coverage/pages/school/index',
  area: '/packages/coverage/pages/area/index',
  bulletin: '/packages/coverage/pages/bulletin/index',
} as const

export function coverageSchoolPath(schoolId: string): string {
  return `${COVERAGE_ROUTES.school}?schoolId=${encodeURIComponent(schoolId)}`
}
