import { fireEvent, render, screen } from '@testing-library/react'
import { RateCell, percentText } from '@/components/coverage-rate'
import { BarChart } from '@/packages/coverage/components/bar-chart'
import { NumbersCard } from '@/packages/coverage/components/numbers-card'

describe('RateCell', () => {
  it.each([
    [0.95, '95%', '良好', 'green'],
    [0.9, '90%', '良好', 'green'],
    [0.8, '80%', '需关注', 'yellow'],
    [0.5, '50%', '不足', 'red'],
    [0.333, '33.3%', '不足', 'red'],
    [null, '—', '暂无', 'none'],
  ])('%p shows %s, the word %s and the %s colour', (rate, text, word, color) => {
    render(<RateCell title='到岗率' rate={rate} testId='cell' />)
    const cell = screen.getByTestId('cell')
    expect(cell).toHaveClass(`coverage-rate--${color}`)
    expect(cell).toHaveTextContent(text)
    expect(screen.getByText(word)).toHaveClass(`coverage-tag--${color}`)
    expect(screen.getByText('到岗率')).toBeInTheDocument()
  })

  it('writes percentages as the Excel export does', () => {
    expect(percentText(0.75)).toBe('75%')
    expect(percentText(0.667)).toBe('66.7%')
    expect(percentText(1)).toBe('100%')
  })
})

describe('BarChart', () => {
  const days = [
    { key: '2026-11-24', label: '11-24', rate: 1 },
    { key: '2026-11-25', label: '11-25', rate: 0.75 },
    { key: '2026-11-26', label: '11-26', rate: 0.5 },
    { key: '2026-11-27', label: '11-27', rate: null },
    { key: '2026-11-30', label: '11-30', rate: 0.9, detail: '应到 10 · 到岗 9' },
  ]

  it('draws one bar per day, as high as its rate, coloured by colorOf', () => {
    render(<BarChart data={days} />)
    const bars = screen.getAllByTestId('chart-bar')
    expect(bars).toHaveLength(5)
    expect(bars.map((b) => b.style.height)).toEqual(['100%', '75%', '50%', '2%', '90%'])
    expect(bars.map((b) => b.className.match(/bar-chart__bar--(\w+)/)?.[1])).toEqual(['green', 'yellow', 'red', 'none', 'green'])
    // guide lines at 90 % and 70 %
    expect(screen.getByText('90%')).toBeInTheDocument()
    expect(screen.getByText('70%')).toBeInTheDocument()
  })

  it('tells the latest day, and the one tapped', () => {
    render(<BarChart data={days} />)
    expect(screen.getByText('到岗率 90% · 良好')).toBeInTheDocument()
    expect(screen.getByText('应到 10 · 到岗 9')).toBeInTheDocument()
    fireEvent.click(screen.getAllByTestId('chart-bar')[2].parentElement!)
    expect(screen.getByText('到岗率 50% · 不足')).toBeInTheDocument()
  })
})

describe('NumbersCard: 警力到岗', () => {
  const base = { required: 10, filled: 9, attended: 7, late: 1, noShow: 1, fillRate: 0.9, attendanceRate: 0.7, color: 'yellow' as const }

  it('shows the police places on their own: attended of those due, the rate, the places and signups', () => {
    render(<NumbersCard title='京山小学' period='本周' numbers={{ ...base, police: { required: 4, filled: 3, due: 2, attended: 1, rate: 0.5 } }} />)
    const police = screen.getByTestId('police-coverage')
    expect(screen.getByTestId('police-attended')).toHaveTextContent('1 / 2')
    expect(police).toHaveTextContent('50%')
    expect(police).toHaveTextContent('民警岗位 4 · 已报名 3')
  })

  it('says nothing of police where no shift asked for them', () => {
    render(<NumbersCard title='朝阳幼儿园' period='本周' numbers={{ ...base, police: { required: 0, filled: 0, due: 0, attended: 0, rate: null } }} />)
    expect(screen.queryByTestId('police-coverage')).toBeNull()
  })
})
