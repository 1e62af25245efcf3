export const ALARM_ROUTES = {
  detail: '/packages/alarm/pages/detail/index',
} as const

export const alarmPath = (id: string) => `${ALARM_ROUTES.detail}?id=${encodeURIComponent(id)}`
