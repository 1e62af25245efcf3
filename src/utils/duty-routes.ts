// Page paths of the duty and schedule areas (app.config.ts lists the same pages). The server's
// notifications open my-shifts, swaps, board and gaps: those come from the one table in types/pages.ts.
import { PAGES } from '@/types/pages'
export const DUTY_ROUTES = {
  myShifts: PAGES.myShifts,
  shift: '/packages/duty/pages/shift/index',
  swaps: PAGES.swaps,
  board: PAGES.board,
  exceptions: '/packages/duty/pages/exceptions/index',
  hours: '/packages/duty/pages/hours/index',
  certificate: '/packages/duty/pages/certificate/index',
  posts: '/packages/schedule/pages/posts/index',
  templates: '/packages/schedule/pages/templates/index',
  template: '/packages/schedule/pages/template/index',
  calendar: '/packages/schedule/pages/calendar/index',
  gaps: PAGES.gaps,
  outbox: '/packages/manage/pages/outbox/index',
} as const

export function shiftPath(shiftId: string): string {
  return `${DUTY_ROUTES.shift}?id=${encodeURIComponent(shiftId)}`
}

export function templatePath(templateId?: string): string {
  return templateId ? `${DUTY_ROUTES.template}?id=${encodeURIComponent(templateId)}` : DUTY_ROUTES.template
}
