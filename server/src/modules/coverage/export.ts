// Coverage as Excel: the very numbers the screen shows, from the same service functions.
import ExcelJS from 'exceljs'
import type { AreaCoverage, CoverageNumbers, SchoolCoverage } from '@/types/coverage'
import { COVERAGE_COLOR_LABELS, PERIOD_LABELS } from '@/types/coverage'
import { percentText as pct } from '@/domain/coverage'
import { durationText, shareText } from '@/domain/alarms'
import type { AlarmReviewNumbers } from '@/types/alarms'

const FILL: Record<string, string> = { green: 'FFD9F2E3', yellow: 'FFFFF2CC', red: 'FFF8D7DA' }

const numberColumns = [
  { header: '应到（人次）', key: 'required', width: 12 },
  { header: '已报名', key: 'filled', width: 9 },
  { header: '已到岗', key: 'attended', width: 9 },
  { header: '报名率', key: 'fillRate', width: 9 },
  { header: '到岗率', key: 'attendanceRate', width: 9 },
  { header: '迟到', key: 'late', width: 7 },
  { header: '缺岗', key: 'noShow', width: 7 },
  { header: '评价', key: 'color', width: 8 },
  // 警力到岗: the police places on their own (also counted in the columns above)
  { header: '民警岗位（人次）', key: 'policeRequired', width: 15 },
  { header: '民警已报名', key: 'policeFilled', width: 11 },
  { header: '警力应到', key: 'policeDue', width: 9 },
  { header: '警力到岗', key: 'policeAttended', width: 9 },
  { header: '警力到岗率', key: 'policeRate', width: 11 },
]

function row(n: CoverageNumbers) {
  return {
    required: n.required,
    filled: n.filled,
    attended: n.attended,
    fillRate: pct(n.fillRate),
    attendanceRate: pct(n.attendanceRate),
    late: n.late,
    noShow: n.noShow,
    color: n.color ? COVERAGE_COLOR_LABELS[n.color] : '—',
    policeRequired: n.police.required,
    policeFilled: n.police.filled,
    policeDue: n.police.due,
    policeAttended: n.police.attended,
    policeRate: pct(n.police.rate),
  }
}

/** 一键报警 over the range, the same numbers and texts as the screens (domain/alarms). */
const alarmColumns = [
  { header: '真实报警', key: 'real', width: 9 },
  { header: '演练', key: 'drill', width: 7 },
  { header: '误触', key: 'mistaken', width: 7 },
  { header: '首次响应中位数（秒）', key: 'medianAckSec', width: 12 },
  { header: '首次响应中位数', key: 'medianAck', width: 12 },
  { header: '3 分钟内民警到场', key: 'police3', width: 16 },
  { header: '5 分钟内民警到场', key: 'police5', width: 16 },
]

function alarmRow(n: AlarmReviewNumbers) {
  return {
    real: n.real,
    drill: n.drill,
    mistaken: n.mistaken,
    medianAckSec: n.medianAckSec ?? '—',
    medianAck: durationText(n.medianAckSec),
    police3: shareText(n.policeWithin3),
    police5: shareText(n.policeWithin5),
  }
}

type Column = { header: string; key: string; width: number }

function sheet(book: ExcelJS.Workbook, name: string, first: Column[], rows: (Record<string, unknown> & { _color?: string | null })[], columns: Column[] = numberColumns) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [...first, ...columns]
  ws.getRow(1).font = { bold: true }
  for (const r of rows) {
    const added = ws.addRow(r)
    if (r._color) added.getCell('color').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[r._color] } }
  }
}

export async function schoolWorkbook(c: SchoolCoverage): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '护学岗'
  sheet(
    book,
    '汇总',
    [
      { header: '学校', key: 'name', width: 22 },
      { header: '范围', key: 'range', width: 24 },
    ],
    [{ name: c.schoolName, range: `${c.from} 至 ${c.to}`, ...row(c.totals), _color: c.totals.color }],
  )
  sheet(
    book,
    '按岗点',
    [{ header: '岗点', key: 'name', width: 20 }],
    c.byPost.map((p) => ({ name: p.postName, ...row(p), _color: p.color })),
  )
  sheet(
    book,
    '按时段',
    [{ header: '时段', key: 'name', width: 10 }],
    c.byPeriod.map((p) => ({ name: PERIOD_LABELS[p.period], ...row(p), _color: p.color })),
  )
  sheet(
    book,
    '每日',
    [{ header: '日期', key: 'name', width: 12 }],
    c.daily.map((d) => ({ name: d.date, ...row(d), _color: d.color })),
  )
  sheet(
    book,
    '报警',
    [
      { header: '学校', key: 'name', width: 22 },
      { header: '范围', key: 'range', width: 24 },
    ],
    [{ name: c.schoolName, range: `${c.from} 至 ${c.to}`, ...alarmRow(c.alarms) }],
    alarmColumns,
  )
  return Buffer.from(await book.xlsx.writeBuffer())
}

export async function areaWorkbook(a: AreaCoverage, title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '护学岗'
  if (a.groups.length) {
    const level = a.groups[0].level === 'district' ? '区县' : '派出所'
    sheet(
      book,
      `${level}排名`,
      [
        { header: '排名', key: 'rank', width: 6 },
        { header: level, key: 'name', width: 18 },
        { header: '学校数', key: 'schools', width: 8 },
      ],
      [...a.groups.map((g, i) => ({ rank: i + 1, name: g.name, schools: g.schools, ...row(g), _color: g.color }))],
    )
  }
  sheet(
    book,
    '学校排名',
    [
      { header: '排名', key: 'rank', width: 6 },
      { header: '学校', key: 'name', width: 22 },
      { header: '派出所', key: 'station', width: 14 },
    ],
    [
      ...a.schools.map((s, i) => ({ rank: i + 1, name: s.schoolName, station: s.stationName, ...row(s), _color: s.color })),
      { rank: '', name: `${title}合计`, station: `${a.from} 至 ${a.to}`, ...row(a.totals), _color: a.totals.color },
    ],
  )
  sheet(
    book,
    '每周趋势',
    [{ header: '周（周一）', key: 'name', width: 12 }],
    a.weekly.map((w) => ({ name: w.week, ...row(w), _color: w.color })),
  )
  sheet(
    book,
    '报警（按学校）',
    [
      { header: '学校', key: 'name', width: 22 },
      { header: '派出所', key: 'station', width: 14 },
    ],
    [
      ...a.schools.map((s) => ({ name: s.schoolName, station: s.stationName, ...alarmRow(s.alarms) })),
      { name: `${title}合计`, station: `${a.from} 至 ${a.to}`, ...alarmRow(a.alarms) },
    ],
    alarmColumns,
  )
  sheet(
    book,
    '报警（按派出所）',
    [{ header: '派出所', key: 'name', width: 14 }],
    a.alarmsByStation.map((s) => ({ name: s.stationName, ...alarmRow(s.alarms) })),
    alarmColumns,
  )
  return Buffer.from(await book.xlsx.writeBuffer())
}
