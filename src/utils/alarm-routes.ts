import { PAGES } from '@/types/pages'
export const ALARM_ROUTES = {
  detail: PAGES.alarm,
  list: '/packages/alarm/pages/list/index',
  /** 远程广播: the police officer's compose page and recent broadcasts */
  broadcasts: '/packages/alarm/pages/broadcasts/index',
  broadcast: PAGES.broadcast,
} as const

export const alarmPath = (id: string) => `${ALARM_ROUTES.detail}?id=${encodeURIComponent(id)}`

export const broadcastPath = (id: string) => `${ALARM_ROUTES.broadcast}?id=${encodeURIComponent(id)}`
