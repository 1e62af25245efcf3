import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { errorResponses } from '../../lib/schemas'
import { sendXlsx } from '../../lib/xlsx-reply'
import { actorOf } from '../../plugins/auth'
import { BulletinQuerySchema, BulletinSchema } from '@/types/schemas/bulletin'
import { bulletinDocx, bulletinWorkbook } from './export'
import { bulletin } from './service'

const tags = ['简报']
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const fileName = (b: { scope: { name: string }; from: string; to: string }, ext: string) => `${b.scope.name}校园安全工作简报_${b.from}_${b.to}.${ext}`

export function registerBulletinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/bulletin', {
    config: { action: 'bulletin.view' },
    schema: {
      tags,
      summary: '校园安全工作简报：一段时间、一个范围（全市、区县、派出所）的各项数字，与上一段同样长的时间相比',
      querystring: BulletinQuerySchema,
      response: { 200: BulletinSchema, ...errorResponses },
    },
    handler: async (req) => bulletin(ctx, actorOf(req), req.query),
  })

  r.get('/api/bulletin/docx', {
    config: { action: 'bulletin.view' },
    schema: { tags, summary: '简报 Word 文档（与页面数字相同）', querystring: BulletinQuerySchema },
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
    schema: { tags, summary: '简报 Excel 表（与页面数字相同）', querystring: BulletinQuerySchema },
    handler: async (req, reply) => {
      const b = await bulletin(ctx, actorOf(req), req.query)
      return sendXlsx(reply, await bulletinWorkbook(b), fileName(b, 'xlsx'), 'bulletin.xlsx')
    },
  })
}
