// The ledger (台账) of a station for a date range, as an Excel file: one row per report.
import ExcelJS from 'exceljs'
import { DEPARTMENT_LABELS, HAZARD_STATUS_LABELS, SEVERITY_LABELS } from '@/types/hazards'
import { isOverdue } from '@/domain/hazards'
import { formatLocal, localToInstant, dayjs } from '@/domain/time'
import type { AppContext } from '../../context'
import { authorize } from '../../lib/authorize'
import { badRequest, notFound } from '../../lib/errors'
import type { Actor } from '../auth/actor'
import { hazardQuery } from './repository'

export async function ledgerWorkbook(ctx: AppContext, actor: Actor, stationId: string, from: string, to: string): Promise<{ filename: string; data: Buffer }> {
  if (to < from) throw badRequest('结束日期应不早于开始日期', 'to')
  const station = await ctx.db.selectFrom('stations').select(['id', 'name', 'district_id']).where('id', '=', stationId).executeTakeFirst()
  if (!station) throw notFound('派出所不存在')
  authorize(actor, 'hazard.ledger', { level: 'station', stationId, districtId: station.district_id }, '只能导出本派出所（或本区县）的台账')
  const rows = await hazardQuery(ctx.db)
    .where('h.station_id', '=', stationId)
    .where('h.created_at', '>=', localToInstant(from))
    .where('h.created_at', '<', localToInstant(dayjs(to).add(1, 'day').format('YYYY-MM-DD')))
    .orderBy('h.created_at')
    .execute()
  const now = ctx.clock.now()
  const book = new ExcelJS.Workbook()
  book.creator = '护学岗'
  book.created = now
  const sheet = book.addWorksheet('隐患台账', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '上报时间', key: 'created', width: 17 },
    { header: '类别', key: 'category', width: 16 },
    { header: '学校', key: 'school', width: 20 },
    { header: '情况描述', key: 'description', width: 40 },
    { header: '严重程度', key: 'severity', width: 9 },
    { header: '状态', key: 'status', width: 10 },
    { header: '交办部门', key: 'department', width: 10 },
    { header: '责任人', key: 'assignee', width: 10 },
    { header: '整改期限', key: 'deadline', width: 17 },
    { header: '是否逾期', key: 'overdue', width: 9 },
    { header: '销号时间', key: 'closed', width: 17 },
    { header: '用时（天）', key: 'days', width: 10 },
    { header: '位置（GCJ-02）', key: 'location', width: 22 },
  ]
  sheet.getRow(1).font = { bold: true }
  rows.forEach((r, i) => {
    const end = r.closed_at ? new Date(r.closed_at) : now
    sheet.addRow({
      n: i + 1,
      created: formatLocal(r.created_at),
      category: r.category_name,
      school: r.school_name,
      description: r.description,
      severity: SEVERITY_LABELS[r.severity],
      status: HAZARD_STATUS_LABELS[r.status],
      department: r.department ? DEPARTMENT_LABELS[r.department] : '',
      assignee: r.assignee_name ?? '',
      deadline: r.deadline ? formatLocal(r.deadline) : '',
      overdue: isOverdue(r.status, r.deadline, now) ? '是' : '否',
      closed: r.closed_at ? formatLocal(r.closed_at) : '',
      days: Math.round(((end.getTime() - new Date(r.created_at).getTime()) / 86_400_000) * 10) / 10,
      location: `${Number(r.lat).toFixed(5)}, ${Number(r.lng).toFixed(5)}`,
    })
  })
  const data = Buffer.from(await book.xlsx.writeBuffer())
  return { filename: `${station.name}隐患台账_${from}_${to}.xlsx`, data }
}
