import type { CoverageRange } from '@/types/coverage'
import { SegmentTabs } from '@/components/segment-tabs'

export const RANGE_TABS: { key: CoverageRange; title: string }[] = [
  { key: 'today', title: '今日' },
  { key: 'week', title: '本周' },
  { key: 'term', title: '本学期' },
]

export function RangeTabs({ value, onChange }: { value: CoverageRange; onChange: (range: CoverageRange) => void }) {
  return <SegmentTabs tabs={RANGE_TABS} value={value} onChange={onChange} />
}
