// Shifts: the module's services, one file per concern (routes, jobs and the seed import from here).
// Rules come from domain/shifts; every write that a tap may repeat is idempotent; signups on one
// shift are serialised so the last place goes to exactly one person.
export { createPost, updatePost, getTemplates, createTemplate, updateTemplate, getCalendar, setCalendarDay, deleteCalendarDay, getSettings, updateSettings } from './templates'
export { listShifts, shiftDetail, myShifts, homeSummary } from './reading'
export { signUp, release, releaseOnRevocation, assign, removeSignup } from './signups'
export { gaps } from './gaps'
export { offerSwap, listSwaps, acceptSwap, cancelSwap } from './swaps'
