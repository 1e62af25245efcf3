// How a coverage rate shows (DESIGN.md §4): green ≥ 90 %, yellow 70–89 %, red < 70 %, and its
// text. Apart from domain/coverage.ts (the sums: server, export, the coverage subpackage) so the
// main package's 首页 card imports only this.
import type { CoverageColor } from '../types/coverage'

export function colorOf(rate: number | null): CoverageColor | null {
  if (rate === null) return null
  if (rate >= 0.9) return 'green'
  if (rate >= 0.7) return 'yellow'
  return 'red'
}

/** 0.333 → "33.3%", null → "—": how a rate reads on screen and in the Excel export alike. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`
}
