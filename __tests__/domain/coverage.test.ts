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
    expect(c).toEqual({
      required: 8,
      filled: 7,
      attended: 6,
      late: 1,
      noShow: 1,
      fillRate: 0.875,
      attendanceRate: 0.75,
      color: 'yellow',
      police: { required: 0, filled: 0, due: 0, attended: 0, rate: null },
    })
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
    expect(coverageOfRange(all, over)).toEqual({
      required: 100,
      filled: 80,
      attended: 40,
      late: 2,
      noShow: 3,
      fillRate: 0.8,
      attendanceRate: 0.8,
      color: 'yellow',
      police: { required: 0, filled: 0, due: 0, attended: 0, rate: null },
    })
  })
  it('before anything is over, the fill rate colours it', () => {
    const none = { required: 0, filled: 0, attended: 0, late: 0, noShow: 0 }
    expect(coverageOfRange({ ...none, required: 10, filled: 10 }, none)).toMatchObject({ attendanceRate: null, color: 'green' })
  })
})

describe('警力到岗: police places on their own', () => {
  const peak = { volunteer: 2, teacher: 1, guard: 1, police: 1 }
  it.each([
    ['the officer came', { volunteer: 2, police: 1 }, { volunteer: 1, police: 1 }, { required: 5, filled: 3, attended: 2, police: { required: 1, filled: 1, attended: 1 } }],
    ['signed up, did not check in', { police: 1 }, {}, { required: 5, filled: 1, attended: 0, police: { required: 1, filled: 1, attended: 0 } }],
    ['two officers on one police place count once', { police: 2 }, { police: 2 }, { required: 5, filled: 1, attended: 1, police: { required: 1, filled: 1, attended: 1 } }],
    ['nobody', {}, {}, { required: 5, filled: 0, attended: 0, police: { required: 1, filled: 0, attended: 0 } }],
  ])('%s: police places are counted in the totals and on their own', (_n, active, checkedIn, expected) => {
    expect(shiftPlaces({ headcount: peak, active, checkedIn, late: 0, noShow: 0 })).toMatchObject(expected)
  })

  it('the rate is over the police places of shifts already over, like the attendance rate', () => {
    const none = { required: 0, filled: 0, attended: 0, late: 0, noShow: 0 }
    const c = coverageOfRange(
      { ...none, required: 50, filled: 40, police: { required: 10, filled: 8, attended: 0 } },
      { ...none, required: 25, attended: 20, police: { required: 4, filled: 0, attended: 3 } },
    )
    expect(c.police).toEqual({ required: 10, filled: 8, due: 4, attended: 3, rate: 0.75 })
    // the police places stay in the rates that always had them
    expect(c.fillRate).toBe(0.8)
    expect(c.attendanceRate).toBe(0.8)
  })

  it('no police place due: no rate', () => {
    expect(coverageOf([{ required: 4, filled: 4, attended: 4, late: 0, noShow: 0 }]).police).toEqual({ required: 0, filled: 0, due: 0, attended: 0, rate: null })
  })
})
