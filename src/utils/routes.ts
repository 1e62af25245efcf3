// Page paths in one place (app.config.ts lists the same pages).
// relative, not @/: a server test reads this table too
import { PAGES } from '../../types/pages'
export const ROUTES = {
  home: '/pages/home/index',
  duty: PAGES.duty,
  report: '/pages/report/index',
  notices: '/pages/notices/index',
  me: PAGES.me,
  login: '/packages/account/pages/login/index',
  join: '/packages/account/pages/join/index',
  members: PAGES.members,
  invites: '/packages/manage/pages/invites/index',
} as const

export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.duty, ROUTES.report, ROUTES.notices, ROUTES.me]

export function joinPath(code: string): string {
  return `${ROUTES.join}?code=${encodeURIComponent(code)}`
}
