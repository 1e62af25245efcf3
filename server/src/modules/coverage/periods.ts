// A period of local dates as whole months plus or minus a few days: a term's sums read one month
// row per school (coverage_school_months) and the day rows (coverage_days) of at most half a month
// at each end. Sums are exact: a month row is the sum of its day rows.
import { dayjs } from '@/domain/time'

export interface DateRange {
  from: string
  to: string
}

export interface MonthPieces {
  /** months (YYYY-MM) whose row counts whole */
  months: string[]
  /** day ranges added */
  plus: DateRange[]
  /** day ranges taken away (the days of a counted month outside the period) */
  minus: DateRange[]
}

/**
 * The months a period covers, each either whole (its month row), in part by its days inside
 * (when they are fewer), or as its month row less the days outside (when those are fewer).
 */
export function monthPieces(from: string, to: string): MonthPieces {
  const out: MonthPieces = { months: [], plus: [], minus: [] }
  if (to < from) return out
  for (let m = dayjs(from).startOf('month'); m.format('YYYY-MM') <= to.slice(0, 7); m = m.add(1, 'month')) {
    const first = m.format('YYYY-MM-DD')
    const last = m.endOf('month').format('YYYY-MM-DD')
    const start = from > first ? from : first
    const end = to < last ? to : last
    const inside = dayjs(end).diff(dayjs(start), 'day') + 1
    const outside = m.daysInMonth() - inside
    if (outside === 0) out.months.push(m.format('YYYY-MM'))
    else if (inside <= outside) out.plus.push({ from: start, to: end })
    else {
      out.months.push(m.format('YYYY-MM'))
      if (start > first) out.minus.push({ from: first, to: dayjs(start).subtract(1, 'day').format('YYYY-MM-DD') })
      if (end < last) out.minus.push({ from: dayjs(end).add(1, 'day').format('YYYY-MM-DD'), to: last })
    }
  }
  return out
}
