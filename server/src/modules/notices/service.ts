// Notices from the station and drill records: the module's services, one file per concern (routes,
// jobs and the seed import from here).
export { safetyThemes, createNotice, updateNotice, publishNotice, publishDue, withdrawNotice, managedList } from './notices'
export { inbox, unreadCount, noticeDetail, markRead, acknowledge, rsvp, attend, noticeStats, remind } from './receipts'
export { recordDrill, schoolDrills } from './drills'
