import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { Id, errorResponses } from '../../lib/schemas'
import { sendXlsx } from '../../lib/xlsx-reply'
import { actorOf } from '../../plugins/auth'
import { areaWorkbook, schoolWorkbook } from './export'
import { AreaCoverageQuery, AreaCoverageSchema, CoverageRangeQuery, SchoolCoverageSchema } from '@/types/schemas/coverage'
import { areaCoverage, askToAssign, schoolCoverage } from './service'

const tags = ['覆盖率']
export function registerCoverageRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/coverage/schools/:schoolId', {
    config: { action: 'coverage.view' },
    schema: {
      tags,
      summary:
        '一所学校的覆盖率：今日、本周或本学期，按岗点、时段、每日，未来空缺，志愿时长前十，未办结隐患，通知确认率，报警（真实、演练、误触，首次响应中位数，民警 3/5 分钟到场率）',
      params: Type.Object({ schoolId: Id }),
      querystring: CoverageRangeQuery,
      response: { 200: SchoolCoverageSchema, ...errorResponses },
    },
    handler: async (req) => schoolCoverage(ctx, actorOf(req), req.params.schoolId, req.query.range),
  })

  r.get('/api/coverage/schools/:schoolId/export', {
    config: { action: 'coverage.view' },
    schema: { tags, summary: '导出学校覆盖率（Excel，与页面数字相同）', params: Type.Object({ schoolId: Id }), querystring: CoverageRangeQuery },
    handler: async (req, reply) => {
      const c = await schoolCoverage(ctx, actorOf(req), req.params.schoolId, req.query.range)
      return sendXlsx(reply, await schoolWorkbook(c), `${c.schoolName}覆盖率_${c.from}_${c.to}.xlsx`, 'coverage.xlsx')
    },
  })

  r.get('/api/coverage/area', {
    config: { action: 'coverage.area' },
    schema: {
      tags,
      summary: '片区覆盖率：市局看全市各区县、管理员看全区各派出所与各校、民警看本所各校（最差在前），合计与每周趋势，各校、各所与合计的报警数字；districtId、stationId 下钻',
      querystring: AreaCoverageQuery,
      response: { 200: AreaCoverageSchema, ...errorResponses },
    },
    handler: async (req) => areaCoverage(ctx, actorOf(req), req.query.range, req.query.stationId, req.query.districtId),
  })

  r.get('/api/coverage/area/export', {
    config: { action: 'coverage.area' },
    schema: { tags, summary: '导出片区覆盖率（Excel，与页面数字相同）', querystring: AreaCoverageQuery },
    handler: async (req, reply) => {
      const a = await areaCoverage(ctx, actorOf(req), req.query.range, req.query.stationId, req.query.districtId)
      return sendXlsx(reply, await areaWorkbook(a, a.name), `${a.name}覆盖率_${a.from}_${a.to}.xlsx`, 'coverage.xlsx')
    },
  })

  r.post('/api/coverage/ask-assign', {
    config: { action: 'coverage.ask' },
    schema: {
      tags,
      summary: '校长请民警为空缺班次指派人员（通过消息发件箱通知本所民警）',
      body: Type.Object({ shiftId: Id }, { additionalProperties: false }),
      response: { 200: Type.Object({ notified: Type.Integer() }), ...errorResponses },
    },
    handler: async (req) => askToAssign(ctx, actorOf(req), req.body.shiftId),
  })
}
