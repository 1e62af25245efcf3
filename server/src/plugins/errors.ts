// One error handler: 4xx keep a Chinese message (and the field that was wrong), 5xx say only
// "服务器内部错误" and are logged. No stack ever reaches a client.
import type { IncomingMessage } from 'node:http'
import type { FastifyError, FastifyInstance } from 'fastify'
import type { ApiErrorBody, ErrorCode } from '@/types/api'
import { AppError } from '../lib/errors'

interface AjvError {
  instancePath?: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

function fieldOf(error: AjvError): string {
  const path = (error.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')
  if (error.keyword === 'required') return [path, String(error.params.missingProperty)].filter(Boolean).join('.')
  if (error.keyword === 'additionalProperties') {
    return [path, String(error.params.additionalProperty)].filter(Boolean).join('.')
  }
  return path
}

/** A Chinese sentence for the first schema violation. */
export function describeValidation(error: AjvError, context: string): { field: string; message: string } {
  const field = fieldOf(error) || context
  const name = field
  const p = error.params
  switch (error.keyword) {
    case 'required':
      return { field, message: `缺少必填字段 ${name}` }
    case 'type':
      return { field, message: `字段 ${name} 的类型不正确，应为${typeName(p.type)}` }
    case 'minLength':
      return { field, message: Number(p.limit) <= 1 ? `字段 ${name} 不能为空` : `字段 ${name} 至少 ${p.limit} 个字符` }
    case 'maxLength':
      return { field, message: `字段 ${name} 最多 ${p.limit} 个字符` }
    case 'minimum':
      return { field, message: `字段 ${name} 不能小于 ${p.limit}` }
    case 'maximum':
      return { field, message: `字段 ${name} 不能大于 ${p.limit}` }
    case 'enum':
      return { field, message: `字段 ${name} 的取值不在允许范围内` }
    case 'const':
      return { field, message: `字段 ${name} 的取值不在允许范围内` }
    case 'anyOf':
    case 'oneOf':
      return { field, message: `字段 ${name} 的取值不在允许范围内` }
    case 'pattern':
    case 'format':
      return { field, message: `字段 ${name} 的格式不正确` }
    case 'additionalProperties':
      return { field, message: `不支持的字段 ${name}` }
    case 'minItems':
      return { field, message: `字段 ${name} 至少需要 ${p.limit} 项` }
    case 'maxItems':
      return { field, message: `字段 ${name} 最多 ${p.limit} 项` }
    default:
      return { field, message: `字段 ${name} 不符合要求` }
  }
}

/** ajv's `params.type`: a type, or the types of `type: [T, 'null']` (formats.Nullable), named by T as for `T`. */
function typeName(types: unknown): string {
  const list = Array.isArray(types) ? types.map(String) : [String(types)]
  const type = list.find((t) => t !== 'null') ?? list[0]
  return { string: '文本', number: '数字', integer: '整数', boolean: '布尔值', object: '对象', array: '数组', null: '空' }[type] ?? type
}

const FASTIFY_CODES: Record<string, { status: number; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: '不支持的请求内容类型' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: '请求内容过大' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: '请求内容不能为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: '请求内容不是有效的 JSON' },
}

function send(status: number, body: ApiErrorBody) {
  return { status, body }
}

export function toErrorResponse(error: FastifyError | AppError | Error): { status: number; body: ApiErrorBody } {
  if (error instanceof AppError) {
    return send(error.statusCode, { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) })
  }
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string }
  if (fe.validation && fe.validation.length > 0) {
    const { field, message } = describeValidation(fe.validation[0], fe.validationContext ?? 'body')
    return send(400, { code: 'BAD_REQUEST', message, field })
  }
  if (fe.code && FASTIFY_CODES[fe.code]) {
    const known = FASTIFY_CODES[fe.code]
    return send(known.status, { code: 'BAD_REQUEST', message: known.message })
  }
  // PostgreSQL refuses a NUL or an invalid byte in text: the input was bad, not the server
  if (fe.code === '22021' || fe.code === '22P05') return send(400, { code: 'BAD_REQUEST', message: '请求中含有无效字符' })
  if (fe.statusCode === 429) return send(429, { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' })
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode = fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST'
    return send(fe.statusCode, { code, message: '请求无效' })
  }
  return send(500, { code: 'INTERNAL', message: '服务器内部错误' })
}

const DRAIN_MAX_BYTES = 64 * 1024 * 1024
const DRAIN_MAX_MS = 15_000

/** Reads and discards what is left of a request body (bounded in bytes and time). */
function drain(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    let seen = 0
    const done = () => {
      clearTimeout(timer)
      raw.removeListener('data', onData)
      raw.removeListener('end', done)
      raw.removeListener('close', done)
      raw.removeListener('error', done)
      resolve()
    }
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen > DRAIN_MAX_BYTES) done()
    }
    const timer = setTimeout(done, DRAIN_MAX_MS)
    raw.on('data', onData)
    raw.on('end', done)
    raw.on('close', done)
    raw.on('error', done)
    raw.resume()
  })
}

/**
 * The error handler, and the one not-found handler: an unknown /api route is a Chinese 404;
 * any other GET falls back to the H5 app's index.html when the app is served (hash routes,
 * deep links), so that a reload never lands on an error.
 */
export function registerErrors(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler(async (error, request, reply) => {
    const { status, body } = toErrorResponse(error as FastifyError)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    // A client that sends the whole body before reading (no Expect: 100-continue) gets a reset
    // instead of the answer when the server closes mid-body: read the rest, then answer.
    if (status === 413) await drain(request.raw)
    return reply.status(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    if (options.spaFallback && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html')
    return reply.status(404).send({ code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` })
  })
}
