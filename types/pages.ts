// The mini-program's pages that a message from the server opens (its payload's `page`): one table
// for the server, which links to them, and the app, which navigates to them (src/utils/*-routes.ts
// take these entries). app.config.ts lists the same pages (checked by __tests__/server/pages.test.ts).
export const PAGES = {
  duty: '/pages/duty/index',
  me: '/pages/me/index',
  myShifts: '/packages/duty/pages/my-shifts/index',
  swaps: '/packages/duty/pages/swaps/index',
  board: '/packages/duty/pages/board/index',
  gaps: '/packages/schedule/pages/gaps/index',
  members: '/packages/manage/pages/members/index',
  hazard: '/packages/hazards/pages/detail/index',
  notice: '/packages/notices/pages/detail/index',
  alarm: '/packages/alarm/pages/detail/index',
  broadcast: '/packages/alarm/pages/broadcast/index',
} as const

export type PagePath = (typeof PAGES)[keyof typeof PAGES]
