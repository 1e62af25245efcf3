import { ApiError } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { RootStore } from '@/stores/root-store'
import type { AreaCoverage, CoverageNumbers, CoverageRange, SchoolCoverage } from '@/types/coverage'
import type { AlarmReviewNumbers } from '@/types/alarms'
import { HONGDU, JINGSHAN, SHIYAN, atSchool, fakeApi, me, membership } from './support/fixtures'

const numbers = (partial: Partial<CoverageNumbers> = {}): CoverageNumbers => ({
  required: 12,
  filled: 10,
  attended: 9,
  late: 1,
  noShow: 1,
  fillRate: 0.833,
  attendanceRate: 0.75,
  color: 'yellow',
  police: { required: 2, filled: 1, due: 2, attended: 1, rate: 0.5 },
  ...partial,
})

const noAlarms: AlarmReviewNumbers = {
  real: 0,
  drill: 0,
  mistaken: 0,
  acknowledged: 0,
  medianAckSec: null,
  policeWithin3: { met: 0, decided: 0, rate: null },
  policeWithin5: { met: 0, decided: 0, rate: null },
}

function schoolCoverage(range: CoverageRange, schoolId = JINGSHAN.id, partial: Partial<SchoolCoverage> = {}): SchoolCoverage {
  return {
    schoolId,
    schoolName: schoolId === JINGSHAN.id ? JINGSHAN.name : SHIYAN.name,
    range,
    from: '2026-11-30',
    to: range === 'today' ? '2026-11-30' : '2026-12-06',
    totals: numbers(),
    byPost: [],
    byPeriod: [],
    daily: [],
    upcomingUnfilled: [{ shiftId: 'sh1', date: '2026-12-01', startTime: '07:20', postName: '南门', missing: 2 }],
    topVolunteers: [],
    openHazards: 2,
    noticeAckRate: 0.5,
    alarms: noAlarms,
    ...partial,
  }
}

function area(range: CoverageRange): AreaCoverage {
  return {
    range,
    from: '2026-11-30',
    to: '2026-11-30',
    level: 'station',
    name: '洪都派出所',
    groups: [],
    totals: numbers(),
    schools: [
      { schoolId: HONGDU.id, schoolName: HONGDU.name, stationName: '洪都派出所', ...numbers({ attendanceRate: 0.5, color: 'red' }), alarms: noAlarms },
      { schoolId: JINGSHAN.id, schoolName: JINGSHAN.name, stationName: '京山派出所', ...numbers({ attendanceRate: 0.8, color: 'yellow' }), alarms: noAlarms },
      { schoolId: SHIYAN.id, schoolName: SHIYAN.name, stationName: '京山派出所', ...numbers({ attendanceRate: 1, color: 'green' }), alarms: noAlarms },
    ],
    weekly: [],
    alarms: noAlarms,
    alarmsByStation: [],
  }
}

function setup(memberships = [membership({ role: 'principal', status: 'approved', scope: atSchool(JINGSHAN) })]) {
  const api = Object.assign(fakeApi(), {
    coverage: { school: jest.fn(), area: jest.fn(), exportSchool: jest.fn(), exportArea: jest.fn(), askAssign: jest.fn() },
  })
  const root = new RootStore(api, memoryTokenStorage('t'))
  root.me.setMe(me(memberships))
  root.schools.items = [JINGSHAN, SHIYAN, HONGDU]
  return { api, root, coverage: root.coverage }
}

describe('SchoolCoverageStore', () => {
  it('loads today for the school, and switching the range reloads with the new range', async () => {
    const { api, coverage } = setup()
    api.coverage.school.mockImplementation((id: string, range: CoverageRange) => Promise.resolve(schoolCoverage(range, id)))
    await coverage.school.setSchool(JINGSHAN.id)
    expect(api.coverage.school).toHaveBeenLastCalledWith(JINGSHAN.id, 'today')
    expect(coverage.school.state).toBe('ready')
    expect(coverage.school.current?.range).toBe('today')

    const switching = coverage.school.setRange('week')
    // the numbers of today are not shown as the week's while it loads
    expect(coverage.school.current).toBeNull()
    expect(coverage.school.state).toBe('loading')
    await switching
    expect(api.coverage.school).toHaveBeenLastCalledWith(JINGSHAN.id, 'week')
    expect(coverage.school.current?.to).toBe('2026-12-06')

    await coverage.school.setRange('term')
    expect(api.coverage.school).toHaveBeenLastCalledWith(JINGSHAN.id, 'term')
    expect(api.coverage.school).toHaveBeenCalledTimes(3)
    // the same range again is not another request
    await coverage.school.setRange('term')
    expect(api.coverage.school).toHaveBeenCalledTimes(3)
  })

  it('an answer for an older range does not overwrite the newer one', async () => {
    const { api, coverage } = setup()
    let answerToday: (c: SchoolCoverage) => void = () => {}
    api.coverage.school.mockImplementationOnce(() => new Promise((resolve) => (answerToday = resolve)))
    api.coverage.school.mockImplementationOnce((id: string, range: CoverageRange) => Promise.resolve(schoolCoverage(range, id)))
    const first = coverage.school.setSchool(JINGSHAN.id)
    await coverage.school.setRange('term')
    answerToday(schoolCoverage('today'))
    await first
    expect(coverage.school.current?.range).toBe('term')
  })

  it('shows the server’s message when loading fails; a quiet refresh keeps the numbers on screen', async () => {
    const { api, coverage } = setup()
    api.coverage.school.mockRejectedValueOnce(new ApiError(403, 'FORBIDDEN', '只能查看你负责的学校'))
    await coverage.school.setSchool(SHIYAN.id)
    expect(coverage.school.state).toBe('error')
    expect(coverage.school.error).toBe('只能查看你负责的学校')

    api.coverage.school.mockResolvedValueOnce(schoolCoverage('today', SHIYAN.id))
    await coverage.school.load()
    api.coverage.school.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))
    await coverage.school.load({ quiet: true })
    expect(coverage.school.state).toBe('ready')
    expect(coverage.school.current?.schoolId).toBe(SHIYAN.id)
  })

  it('asks the police to assign someone to a gap, and remembers it was asked', async () => {
    const { api, coverage } = setup()
    api.coverage.askAssign.mockResolvedValue({ notified: 1 })
    const asking = coverage.school.askAssign('sh1')
    expect(coverage.school.asking).toBe('sh1')
    await expect(asking).resolves.toBe(1)
    expect(api.coverage.askAssign).toHaveBeenCalledWith('sh1')
    expect(coverage.school.asked).toEqual({ sh1: true })
    expect(coverage.school.asking).toBeNull()

    api.coverage.askAssign.mockRejectedValue(new ApiError(403, 'FORBIDDEN', '只能为你负责的学校请求指派'))
    await expect(coverage.school.askAssign('sh2')).rejects.toThrow('只能为你负责的学校请求指派')
    expect(coverage.school.asked).toEqual({ sh1: true })
  })

  it('exports the view on screen and names the file after the school and dates', async () => {
    const { api, coverage } = setup()
    api.coverage.school.mockImplementation((id: string, range: CoverageRange) => Promise.resolve(schoolCoverage(range, id)))
    api.coverage.exportSchool.mockResolvedValue('blob:x')
    await coverage.school.setSchool(JINGSHAN.id)
    await coverage.school.setRange('week')
    await expect(coverage.school.export()).resolves.toEqual({ path: 'blob:x', filename: `${JINGSHAN.name}覆盖率_2026-11-30_2026-12-06.xlsx` })
    expect(api.coverage.exportSchool).toHaveBeenCalledWith(JINGSHAN.id, 'week')
    expect(coverage.school.exporting).toBe(false)
  })
})

describe('AreaCoverageStore and who sees what', () => {
  it('a principal has her school on 首页 and no area', () => {
    const { coverage } = setup()
    expect(coverage.principalSchool).toEqual({ id: JINGSHAN.id, name: JINGSHAN.name })
    expect(coverage.seesArea).toBe(false)
  })

  it('a police officer sees the station’s schools in the server’s (worst first) order', async () => {
    const { api, coverage } = setup([
      membership({ role: 'police', status: 'approved', scope: { kind: 'station', stationId: 'st1', stationName: '京山派出所', schoolIds: ['s1', 's2'] } }),
    ])
    expect(coverage.seesArea).toBe(true)
    expect(coverage.isAdmin).toBe(false)
    expect(coverage.areaName).toBe('京山派出所')
    expect(coverage.stations).toEqual([])
    api.coverage.area.mockImplementation((range: CoverageRange) => Promise.resolve(area(range)))
    await coverage.area.load()
    expect(api.coverage.area).toHaveBeenLastCalledWith('today', null, null)
    expect(coverage.area.current?.schools.map((s) => s.schoolId)).toEqual([HONGDU.id, JINGSHAN.id, SHIYAN.id])
    expect(coverage.area.redCount).toBe(1)
    await coverage.area.setRange('week')
    expect(api.coverage.area).toHaveBeenLastCalledWith('week', null, null)
  })

  it('a district admin drills down to a station; schools group by station', async () => {
    const { api, coverage } = setup([membership({ role: 'admin', status: 'approved', scope: { kind: 'district', districtId: 'd1', districtName: '青云谱区' } })])
    expect(coverage.areaName).toBe('青云谱区')
    expect(coverage.stations.map((s) => s.id).sort()).toEqual(['st1', 'st2'])
    api.coverage.area.mockImplementation((range: CoverageRange) => Promise.resolve(area(range)))
    await coverage.area.load()
    expect(coverage.area.byStation.map((g) => [g.stationName, g.schools.length])).toEqual([
      ['洪都派出所', 1],
      ['京山派出所', 2],
    ])
    await coverage.area.setStation('st1')
    expect(api.coverage.area).toHaveBeenLastCalledWith('today', 'st1', null)
    api.coverage.exportArea.mockResolvedValue('blob:y')
    await expect(coverage.area.export('京山派出所')).resolves.toEqual({ path: 'blob:y', filename: '京山派出所覆盖率_2026-11-30_2026-11-30.xlsx' })
    expect(api.coverage.exportArea).toHaveBeenCalledWith('today', 'st1', null)
  })

  it('a station chosen while the whole area is still loading: the late whole-area answer is not shown for it', async () => {
    const { api, coverage } = setup([membership({ role: 'admin', status: 'approved', scope: { kind: 'district', districtId: 'd1', districtName: '青云谱区' } })])
    let answerWhole: (a: AreaCoverage) => void = () => {}
    api.coverage.area.mockImplementationOnce(() => new Promise((resolve) => (answerWhole = resolve)))
    api.coverage.area.mockImplementationOnce((range: CoverageRange) => Promise.resolve({ ...area(range), name: '京山派出所' }))
    const whole = coverage.area.load()
    await coverage.area.setStation('st1')
    answerWhole({ ...area('today'), name: '青云谱区' })
    await whole
    expect(coverage.area.current?.name).toBe('京山派出所')
    expect(coverage.area.state).toBe('ready')
    // a pull to refresh that fails keeps the station's figures on screen
    api.coverage.area.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'))
    await coverage.area.load({ quiet: true })
    expect(coverage.area.current?.name).toBe('京山派出所')
    expect(coverage.area.state).toBe('ready')
    // back to the whole area: nothing shown for it until its own answer comes
    api.coverage.area.mockReturnValueOnce(new Promise(() => undefined))
    void coverage.area.setStation(null)
    expect(coverage.area.current).toBeNull()
    expect(coverage.area.state).toBe('loading')
  })

  it('the city drills down to a district, then one of its stations, and back up', async () => {
    const { api, coverage } = setup([membership({ role: 'city', status: 'approved', scope: { kind: 'city' } })])
    expect(coverage.areaName).toBe('全市')
    api.coverage.area.mockImplementation((range: CoverageRange) => Promise.resolve(area(range)))
    await coverage.area.load()
    expect(api.coverage.area).toHaveBeenLastCalledWith('today', null, null)
    await coverage.area.setDistrict('d1')
    expect(api.coverage.area).toHaveBeenLastCalledWith('today', null, 'd1')
    await coverage.area.setStation('st1')
    expect(api.coverage.area).toHaveBeenLastCalledWith('today', 'st1', 'd1')
    await coverage.area.setDistrict(null)
    expect(api.coverage.area).toHaveBeenLastCalledWith('today', null, null)
  })
})
