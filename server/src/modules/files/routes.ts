import '@fastify/multipart'
import { Type } from '@sinclair/typebox'
import { UploadedFileSchema } from '@/types/schemas/hazards'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../context'
import { AppError, badRequest } from '../../lib/errors'
import { ErrorBody, Id, errorResponses } from '../../lib/schemas'
import { actorOf } from '../../plugins/auth'
import { MAX_UPLOAD_BYTES, readSigned, storeUpload } from './service'

export function registerFileRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.post('/api/uploads', {
    config: { action: 'person' },
    schema: {
      tags: ['文件'],
      summary: '上传一张图片（≤4000 万像素）或一个 PDF（仅可发布通知的人；multipart/form-data，字段 file，≤10 MB；每人每天有上限）；请求头 Idempotency-Key 相同则返回同一文件',
      consumes: ['multipart/form-data'],
      headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 64 }) }),
      response: { 200: UploadedFileSchema, ...errorResponses, 413: ErrorBody, 415: ErrorBody, 429: ErrorBody },
    },
    handler: async (req) => {
      if (!req.isMultipart()) throw new AppError(415, 'BAD_REQUEST', '请以 multipart/form-data 上传图片', 'file')
      const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } })
      if (!part) throw badRequest('缺少图片文件', 'file')
      let data: Buffer
      try {
        data = await part.toBuffer()
      } catch {
        throw new AppError(413, 'BAD_REQUEST', '图片不能超过 10 MB', 'file')
      }
      return storeUpload(ctx, actorOf(req), req.headers['idempotency-key'], data)
    },
  })

  r.get('/api/files/:id', {
    // public: the signature in the link is the permission, given only to people allowed to see
    config: { action: 'public' },
    schema: {
      tags: ['文件'],
      summary: '读取图片或 PDF（签名链接，一小时内有效）',
      params: Type.Object({ id: Id }),
      querystring: Type.Object({ v: Type.Union([Type.Literal('full'), Type.Literal('thumb')]), exp: Type.Integer(), sig: Type.String({ maxLength: 100 }) }),
    },
    handler: async (req, reply) => {
      const { data, mime } = await readSigned(ctx, req.params.id, req.query.v, req.query.exp, req.query.sig)
      // a PDF may carry scripts: downloaded, never rendered as a page of this origin
      if (mime === 'application/pdf') reply.header('content-disposition', 'attachment; filename="attachment.pdf"').header('content-security-policy', 'sandbox')
      return reply.header('content-type', mime).header('cache-control', 'private, max-age=3600').send(data)
    },
  })
}
