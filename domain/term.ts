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
