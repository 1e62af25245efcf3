// Pages of the notices subpackage (app.config.ts lists them; the server's notifications open the detail page).
import { PAGES } from '@/types/pages'
export const NOTICE_ROUTES = {
  detail: PAGES.notice,
  compose: '/packages/notices/pages/compose/index',
  stats: '/packages/notices/pages/stats/index',
  drill: '/packages/notices/pages/drill/index',
  drills: '/packages/notices/pages/drills/index',
} as const

const q = encodeURIComponent

export function noticePath(noticeId: string): string {
  return `${NOTICE_ROUTES.detail}?noticeId=${q(noticeId)}`
}

/** A new notice, or a draft / scheduled one to edit. */
export function composePath(noticeId?: string): string {
  return noticeId ? `${NOTICE_ROUTES.compose}?noticeId=${q(noticeId)}` : NOTICE_ROUTES.compose
}

export function statsPath(noticeId: string): string {
  return `${NOTICE_ROUTES.stats}?noticeId=${q(noticeId)}`
}

/** Record a drill, after the drill notice it follows when given. */
export function drillRecordPath(noticeId?: string): string {
  return noticeId ? `${NOTICE_ROUTES.drill}?noticeId=${q(noticeId)}` : NOTICE_ROUTES.drill
}

export function drillsPath(schoolId?: string): string {
  return schoolId ? `${NOTICE_ROUTES.drills}?schoolId=${q(schoolId)}` : NOTICE_ROUTES.drills
}
