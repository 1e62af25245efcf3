// Coverage (覆盖率): how well the gates are guarded. The shapes are the TypeBox schemas of
// schemas/coverage.ts; only their types are imported here (erased at build).
import type { Static } from '@sinclair/typebox'
import type * as S from './schemas/coverage'

export const COVERAGE_COLORS = ['green', 'yellow', 'red'] as const
export type CoverageColor = (typeof COVERAGE_COLORS)[number]
export const PERIODS = ['morning', 'afternoon'] as const
export type Period = (typeof PERIODS)[number]
export const PERIOD_LABELS: Record<Period, string> = { morning: '早高峰', afternoon: '晚高峰' }
export const COVERAGE_COLOR_LABELS: Record<CoverageColor, string> = { green: '良好', yellow: '需关注', red: '不足' }

export type CoverageNumbers = Static<typeof S.CoverageNumbersSchema>

export type PoliceCoverage = Static<typeof S.PoliceCoverageSchema>

export const COVERAGE_RANGES = ['today', 'week', 'term'] as const
export type CoverageRange = (typeof COVERAGE_RANGES)[number]

export type SchoolCoverageRow = Static<typeof S.SchoolCoverageRowSchema>

export type SchoolCoverage = Static<typeof S.SchoolCoverageSchema>

/** A district of the city, or a station of a district, with its schools' coverage summed. */
export type AreaGroupRow = Static<typeof S.AreaGroupRowSchema>

export type AreaCoverage = Static<typeof S.AreaCoverageSchema>
