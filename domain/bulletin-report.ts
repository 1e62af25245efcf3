// The bulletin laid out once, as sections of short paragraphs and tables of text, so that the
// screen, the Word document and the Excel sheet print the very same figures.
import type { Bulletin, Compared } from '../types/bulletin'
import { HAZARD_LOCATION_LABELS, PARTICIPANT_KIND_LABELS } from '../types/bulletin'
import { changeText } from './bulletin'
import { percentText } from './coverage'

export interface ReportTable {
  headers: string[]
  rows: string[][]
}

export interface ReportSection {
  heading: string
  paragraphs: string[]
  tables: ReportTable[]
}

export interface BulletinReport {
  title: string
  period: string
  scope: string
  sections: ReportSection[]
}

const LEVEL_LABELS = { city: '全市', district: '区县', station: '派出所' } as const

export const countText = (n: number | null): string => (n === null ? '—' : String(n))
export const secondsText = (n: number | null): string => (n === null ? '—' : `${n} 秒`)

type Kind = 'count' | 'rate' | 'seconds'
const show = (n: number | null, kind: Kind) => (kind === 'rate' ? percentText(n) : kind === 'seconds' ? secondsText(n) : countText(n))

/** A table row: the figure, this period, the period before, the change. */
function row(label: string, c: Compared, kind: Kind = 'count'): string[] {
  return [label, show(c.current, kind), show(c.previous, kind), changeText(c, kind === 'rate')]
}

const HEAD = ['指标', '本期', '上期', '变化']

export function bulletinReport(b: Bulletin): BulletinReport {
  const where = b.scope.level === 'city' ? '全市' : b.scope.name
  const p = b.posts
  const people = b.people
  const d = b.drills
  const h = b.hazards
  const e = b.education
  const sumOf = (pick: (x: (typeof h.byLocation)[number]) => Compared) => h.byLocation.reduce((t, x) => t + (pick(x).current ?? 0), 0)
  return {
    title: `${where}校园安全工作简报`,
    period: `${b.from} 至 ${b.to}（上期 ${b.previousFrom} 至 ${b.previousTo}）`,
    scope: `${LEVEL_LABELS[b.scope.level]}：${b.scope.name}`,
    sections: [
      {
        heading: '一、护学岗设置',
        paragraphs: [
          `${where}共有学校 ${countText(p.schools.current)} 所，本期设置护学岗并排班的 ${countText(p.withPosts.current)} 所，护学岗设置率 ${percentText(p.rate.current)}（${changeText(p.rate, true)}）。`,
          p.schoolsWithout.length ? `尚未设置的学校：${p.schoolsWithout.map((s) => s.schoolName).join('、')}。` : '所有学校均已设置护学岗。',
        ],
        tables: [{ headers: HEAD, rows: [row('学校数', p.schools), row('设置护学岗的学校', p.withPosts), row('护学岗设置率', p.rate, 'rate')] }],
      },
      {
        heading: '二、参与力量',
        paragraphs: [
          `本期共有 ${countText(people.total.current)} 人到岗值守（${changeText(people.total)}），其中${people.byKind.map((k) => `${PARTICIPANT_KIND_LABELS[k.kind]} ${countText(k.people.current)} 人`).join('、')}；家长和社会志愿者累计志愿服务 ${countText(people.volunteerHours.current)} 小时。`,
          `早晚高峰民警到岗：${countText(b.police.schoolDays.current)} 个上学日中平均每日 ${countText(b.police.average.current)} 人，最多 ${countText(b.police.max.current)} 人。`,
        ],
        tables: [
          {
            headers: ['身份', '本期人数', '上期人数', '变化', '本期时长（小时）', '上期时长（小时）'],
            rows: [
              ...people.byKind.map((k) => [
                PARTICIPANT_KIND_LABELS[k.kind],
                countText(k.people.current),
                countText(k.people.previous),
                changeText(k.people),
                countText(k.hours.current),
                countText(k.hours.previous),
              ]),
              ['合计（按人）', countText(people.total.current), countText(people.total.previous), changeText(people.total), '', ''],
            ],
          },
          {
            headers: HEAD,
            rows: [
              row('志愿服务时长（小时）', people.volunteerHours),
              row('上学日', b.police.schoolDays),
              row('民警到岗 平均每日', b.police.average),
              row('民警到岗 单日最多', b.police.max),
            ],
          },
        ],
      },
      {
        heading: '三、护学岗值守',
        paragraphs: [
          `本期应到 ${countText(b.coverage.required.current)} 人次，报名率 ${percentText(b.coverage.fillRate.current)}，到岗率 ${percentText(b.coverage.attendanceRate.current)}（${changeText(b.coverage.attendanceRate, true)}）。`,
        ],
        tables: [{ headers: HEAD, rows: [row('应到（人次）', b.coverage.required), row('报名率', b.coverage.fillRate, 'rate'), row('到岗率', b.coverage.attendanceRate, 'rate')] }],
      },
      {
        heading: '四、警校联合演练',
        paragraphs: [
          `本期开展联合演练 ${countText(d.held.current)} 场（${changeText(d.held)}），覆盖学校 ${countText(d.schoolsReached.current)} 所${d.byTheme.length ? `，其中${d.byTheme.map((t) => `${t.themeName} ${countText(t.held.current)} 场`).join('、')}` : ''}。`,
          `一键报警演练 ${countText(d.alarms.count.current)} 次，首次响应用时中位数 ${secondsText(d.alarms.medianFirstAckSec.current)}，民警 3 分钟内到场占 ${percentText(d.alarms.policeWithin3MinRate.current)}，5 分钟内到场占 ${percentText(d.alarms.policeWithin5MinRate.current)}。`,
        ],
        tables: [
          {
            headers: HEAD,
            rows: [
              row('演练场次', d.held),
              row('覆盖学校', d.schoolsReached),
              ...d.byTheme.map((t) => row(`演练：${t.themeName}`, t.held)),
              row('报警演练次数', d.alarms.count),
              row('首次响应用时中位数', d.alarms.medianFirstAckSec, 'seconds'),
              row('民警 3 分钟内到场', d.alarms.policeWithin3MinRate, 'rate'),
              row('民警 5 分钟内到场', d.alarms.policeWithin5MinRate, 'rate'),
            ],
          },
        ],
      },
      {
        heading: '五、隐患排查整改',
        paragraphs: [
          `本期上报隐患 ${sumOf((x) => x.reported)} 处，整改 ${sumOf((x) => x.rectified)} 处，销号 ${sumOf((x) => x.closed)} 处；${h.byLocation.map((x) => `${HAZARD_LOCATION_LABELS[x.kind]}上报 ${countText(x.reported.current)}、整改 ${countText(x.rectified.current)}、销号 ${countText(x.closed.current)}`).join('；')}。`,
          h.overdue.length ? `目前逾期未整改 ${h.overdue.length} 处，见下表。` : '目前没有逾期未整改的隐患。',
        ],
        tables: [
          {
            headers: HEAD,
            rows: h.byLocation.flatMap((x) => [
              row(`${HAZARD_LOCATION_LABELS[x.kind]} 上报`, x.reported),
              row(`${HAZARD_LOCATION_LABELS[x.kind]} 整改`, x.rectified),
              row(`${HAZARD_LOCATION_LABELS[x.kind]} 销号`, x.closed),
            ]),
          },
          ...(h.overdue.length
            ? [
                {
                  headers: ['学校', '类别', '位置', '整改期限'],
                  rows: h.overdue.map((o) => [o.schoolName, o.categoryName, HAZARD_LOCATION_LABELS[o.locationKind], o.deadline.slice(0, 10)]),
                },
              ]
            : []),
        ],
      },
      {
        heading: '六、安全教育',
        paragraphs: [
          `本期开展安全教育培训 ${countText(e.held.current)} 场（${changeText(e.held)}），参训 ${countText(e.attended.current)} 人次${e.byTheme.length ? `；按主题：${e.byTheme.map((t) => `${t.themeName} ${countText(t.held.current)} 场 ${countText(t.attended.current)} 人次`).join('、')}` : ''}。`,
        ],
        tables: [
          {
            headers: ['主题', '本期场次', '上期场次', '本期参训（人次）', '上期参训（人次）'],
            rows: [
              ...e.byTheme.map((t) => [t.themeName, countText(t.held.current), countText(t.held.previous), countText(t.attended.current), countText(t.attended.previous)]),
              ['合计', countText(e.held.current), countText(e.held.previous), countText(e.attended.current), countText(e.attended.previous)],
            ],
          },
        ],
      },
    ],
  }
}
