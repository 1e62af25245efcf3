export const ALARM_ROUTES = {
  detail: '/packages/alarm/pages/detail/index',
  list: '/packages/alarm/pages/list/index',
} as const

export const alarmPath = (id: string) => `${ALARM_ROUTES.detail}?id=${encodeURIComponent(id)}`
