import { local } from './time'

/** The school term around a day: autumn (Sep–Jan) or spring (Feb–Jul), as local dates. */
export function currentTerm(now: Date): { start: string; end: string; name: string } {
  const today = local(now)
  const month = today.month() + 1
  const year = today.year()
  if (month >= 8) return { start: `${year}-09-01`, end: `${year + 1}-01-22`, name: `${year}–${year + 1} 学年第一学期` }
  if (month === 1) return { start: `${year - 1}-09-01`, end: `${year}-01-22`, name: `${year - 1}–${year} 学年第一学期` }
  return { start: `${year}-02-16`, end: `${year}-07-03`, name: `${year - 1}–${year} 学年第二学期` }
}

/**
 * The term's dates as far as they have gone: from its first day to today (to its last day once it
 * is over). Coverage's and the bulletin's 本学期 both mean this, and the screens say 截至今天.
 */
export function termSoFar(now: Date): { from: string; to: string; untilToday: boolean } {
  const term = currentTerm(now)
  const today = local(now).format('YYYY-MM-DD')
  if (today >= term.end) return { from: term.start, to: term.end, untilToday: false }
  return { from: term.start, to: today < term.start ? term.start : today, untilToday: true }
}

/** Whether a term range ending on `to` stops before the term's end (a term in progress). */
export function termInProgress(from: string, to: string): boolean {
  const term = currentTerm(new Date(`${from}T12:00:00+08:00`))
  return to < term.end
}
