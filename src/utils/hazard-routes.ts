// Pages of the hazards subpackage (app.config.ts lists them; the server's notifications open the detail page).
import { PAGES } from '@/types/pages'
export const HAZARD_ROUTES = {
  detail: PAGES.hazard,
  queue: '/packages/hazards/pages/queue/index',
  school: '/packages/hazards/pages/school/index',
  assigned: '/packages/hazards/pages/assigned/index',
  categories: '/packages/hazards/pages/categories/index',
} as const

export function hazardPath(hazardId: string): string {
  return `${HAZARD_ROUTES.detail}?hazardId=${encodeURIComponent(hazardId)}`
}
