import { colorOf, coverageOf, coverageOfRange, shiftPlaces, worstFirst } from '../../domain/coverage'

const headcount = { volunteer: 2, teacher: 1, guard: 1, police: 0 }

describe('shiftPlaces', () => {
  it.each([
    ['all filled and present', { volunteer: 2, teacher: 1, guard: 1 }, { volunteer: 2, teacher: 1, guard: 1 }, { required: 4, filled: 4, attended: 4 }],
    ['more volunteers than needed count only as needed', { volunteer: 5, teacher: 1 }, { volunteer: 4 }, { required: 4, filled: 3, attended: 2 }],
    ['nobody', {}, {}, { required: 4, filled: 0, attended: 0 }],
    ['a police officer on a shift that asked for none counts nothing', { police: 1 }, { police: 1 }, { required: 4, filled: 0, attended: 0 }],
  ])('%s', (_n, active, checkedIn, expected) => {
    expect(shiftPlaces({ headcount, active, checkedIn, late: 0, noShow: 0 })).toMatchObject(expected)
  })
})

describe('coverageOf', () => {
  it('sums places and rates them', () => {
    const c = coverageOf([
      { required: 4, filled: 4, attended: 3, late: 1, noShow: 1 },
      { required: 4, filled: 3, attended: 3, late: 0, noShow: 0 },
    ])
    expect(c).toEqual({ required: 8, filled: 7, attended: 6, late: 1, noShow: 1, fillRate: 0.875, attendanceRate: 0.75, color: 'yellow' })
  })
  it('colours days to come by the fill rate', () => {
    expect(coverageOf([{ required: 10, filled: 9, attended: 0, late: 0, noShow: 0 }], false).color).toBe('green')
  })
  it('nothing required: no rates, no colour', () => {
    expect(coverageOf([])).toMatchObject({ fillRate: null, attendanceRate: null, color: null })
  })
})

describe('colours', () => {
  it.each([
    [1, 'green'],
    [0.9, 'green'],
    [0.899, 'yellow'],
    [0.7, 'yellow'],
    [0.699, 'red'],
    [0, 'red'],
  ] as const)('%s → %s', (rate, color) => expect(colorOf(rate)).toBe(color))
})

it('ranks the worst school first', () => {
  const row = (schoolName: string, attendanceRate: number | null) => ({ schoolName, ...coverageOf([]), attendanceRate, color: colorOf(attendanceRate) })
  expect(worstFirst([row('甲', 0.95), row('乙', 0.5), row('丙', null), row('丁', 0.8)]).map((r) => r.schoolName)).toEqual(['乙', '丁', '甲', '丙'])
})

describe('coverageOfRange', () => {
  it('fills over the whole range, attends over what is over', () => {
    const all = { required: 100, filled: 80, attended: 40, late: 2, noShow: 3 }
    const over = { required: 50, filled: 45, attended: 40, late: 2, noShow: 3 }
    expect(coverageOfRange(all, over)).toEqual({ required: 100, filled: 80, attended: 40, late: 2, noShow: 3, fillRate: 0.8, attendanceRate: 0.8, color: 'yellow' })
  })
  it('before anything is over, the fill rate colours it', () => {
    const none = { required: 0, filled: 0, attended: 0, late: 0, noShow: 0 }
    expect(coverageOfRange({ ...none, required: 10, filled: 10 }, none)).toMatchObject({ attendanceRate: null, color: 'green' })
  })
})
