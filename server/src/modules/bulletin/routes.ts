import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { Id, LocalDate, Nullable, StringEnum, errorResponses } from '../../lib/schemas'
import { sendXlsx } from '../../lib/xlsx-reply'
import { actorOf } from '../../plugins/auth'
import { HAZARD_LOCATION_KINDS, PARTICIPANT_KINDS } from '../../../../types/bulletin'
import { bulletinDocx, bulletinWorkbook } from './export'
import { bulletin } from './service'

const tags = ['简报']
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const Query = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    level: StringEnum(['city', 'district', 'station'] as const, '范围：全市、区县或派出所'),
    id: Type.Optional(Id),
  },
  { additionalProperties: false },
)
const N = Nullable(Type.Number())
const C = Type.Object({ current: N, previous: N })
const BulletinSchema = Type.Object({
  scope: Type.Object({ level: StringEnum(['city', 'district', 'station'] as const), id: Nullable(Id), name: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  previousFrom: Type.String(),
  previousTo: Type.String(),
  posts: Type.Object({ schools: C, withPosts: C, rate: C, schoolsWithout: Type.Array(Type.Object({ schoolId: Id, schoolName: Type.String(), stationName: Type.String() })) }),
  people: Type.Object({ total: C, byKind: Type.Array(Type.Object({ kind: StringEnum(PARTICIPANT_KINDS), people: C, hours: C })), volunteerHours: C }),
  police: Type.Object({ schoolDays: C, average: C, max: C }),
  coverage: Type.Object({ required: C, fillRate: C, attendanceRate: C }),
  drills: Type.Object({
    held: C,
    schoolsReached: C,
    byTheme: Type.Array(Type.Object({ themeId: Id, themeName: Type.String(), held: C })),
    alarms: Type.Object({ count: C, medianFirstAckSec: C, policeWithin3MinRate: C, policeWithin5MinRate: C }),
  }),
  hazards: Type.Object({
    byLocation: Type.Array(Type.Object({ kind: StringEnum(HAZARD_LOCATION_KINDS), reported: C, rectified: C, closed: C })),
    overdue: Type.Array(Type.Object({ hazardId: Id, schoolName: Type.String(), categoryName: Type.String(), locationKind: StringEnum(HAZARD_LOCATION_KINDS), deadline: Type.String() })),
  }),
  education: Type.Object({ held: C, attended: C, byTheme: Type.Array(Type.Object({ themeId: Id, themeName: Type.String(), held: C, attended: C })) }),
})

const fileName = (b: { scope: { name: string }; from: string; to: string }, ext: string) => `${b.scope.name}校园安全工作简报_${b.from}_${b.to}.${ext}`

export function registerBulletinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/bulletin', {
    config: { action: 'bulletin.view' },
    schema: {
      tags,
      summary: '校园安全工作简报：一段时间、一个范围（全市、区县、派出所）的各项数字，与上一段同样长的时间相比',
      querystring: Query,
      response: { 200: BulletinSchema, ...errorResponses },
    },
    handler: async (req) => bulletin(ctx, actorOf(req), req.query),
  })

  r.get('/api/bulletin/docx', {
    config: { action: 'bulletin.view' },
    schema: { tags, summary: '简报 Word 文档（与页面数字相同）', querystring: Query },
    handler: async (req, reply) => {
      const b = await bulletin(ctx, actorOf(req), req.query)
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', `attachment; filename="bulletin.docx"; filename*=UTF-8''${encodeURIComponent(fileName(b, 'docx'))}`)
        .send(await bulletinDocx(b))
    },
  })

  r.get('/api/bulletin/xlsx', {
    config: { action: 'bulletin.view' },
    schema: { tags, summary: '简报 Excel 表（与页面数字相同）', querystring: Query },
    handler: async (req, reply) => {
      const b = await bulletin(ctx, actorOf(req), req.query)
      return sendXlsx(reply, await bulletinWorkbook(b), fileName(b, 'xlsx'), 'bulletin.xlsx')
    },
  })
}
