// The one HTTP module: base URL, bearer token, JSON, timeout, and non-2xx mapped to ApiError.
// It never shows UI: pages decide what to toast.
import Taro from '@tarojs/taro'
import type { ApiErrorBody, ErrorCode } from '@/types/api'
import { localFile } from './local-files'
import { observeServerDate } from './server-clock'
import type { TokenStorage } from './token-storage'

/** Server codes plus what can go wrong before an answer arrives. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'BAD_RESPONSE'

export class ApiError extends Error {
  readonly status: number
  readonly code: ClientErrorCode
  readonly field?: string

  constructor(status: number, code: ClientErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
  }
}

/** What wx.request can send: WeChat has no PATCH, so neither does the app (DESIGN.md §5). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface TransportRequest {
  url: string
  method: HttpMethod
  data?: unknown
  header: Record<string, string>
  timeout: number
}

export interface TransportResponse {
  statusCode: number
  data: unknown
  /** Response headers (names as the platform gives them): the ETag of conditional GETs, the Date of every answer. */
  header?: Record<string, string>
}

/** Sends one request; rejects only when no answer arrived (network down, timeout). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>

export const taroTransport: Transport = async ({ url, method, data, header, timeout }) => {
  const res = await Taro.request({ url, method, data: data as Record<string, unknown> | undefined, header, timeout, dataType: 'json' })
  return { statusCode: res.statusCode, data: res.data, header: res.header as Record<string, string> | undefined }
}

export interface UploadRequest {
  url: string
  /** A local file: a WeChat temp path, or a blob: URL in the browser. */
  filePath: string
  /** The multipart field name. */
  name: string
  header: Record<string, string>
  timeout: number
}

/** Sends one file as multipart/form-data (DESIGN.md §5: photos through uploadFile, never in JSON). */
export type UploadTransport = (request: UploadRequest) => Promise<TransportResponse>

export const taroUploadTransport: UploadTransport = async ({ url, filePath, name, header, timeout }) => {
  const file = process.env.TARO_ENV === 'h5' ? localFile(filePath) : undefined
  if (file) {
    // the browser's own file: sent as it is (Taro's H5 uploadFile would fetch the blob: URL first)
    const form = new FormData()
    form.append(name, file, (file as File).name || 'photo.jpg')
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), timeout)
    try {
      const res = await fetch(url, { method: 'POST', headers: header, body: form, signal: abort.signal })
      return { statusCode: res.status, data: await res.text() }
    } finally {
      clearTimeout(timer)
    }
  }
  const res = await Taro.uploadFile({ url, filePath, name, header, timeout })
  return { statusCode: res.statusCode, data: res.data }
}

export interface DownloadRequest {
  url: string
  header: Record<string, string>
  timeout: number
}

/** A file fetched to the phone: `tempFilePath` on success, the error body otherwise. */
export interface DownloadResponse extends TransportResponse {
  tempFilePath?: string
}

export type DownloadTransport = (request: DownloadRequest) => Promise<DownloadResponse>

/** WeChat: downloadFile (the error body is in the file); browser: fetch into a blob: URL. */
export const taroDownloadTransport: DownloadTransport = async ({ url, header, timeout }) => {
  if (process.env.TARO_ENV === 'h5') {
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), timeout)
    try {
      const res = await fetch(url, { headers: header, signal: abort.signal })
      if (!res.ok) return { statusCode: res.status, data: await res.json().catch(() => null) }
      return { statusCode: res.status, data: null, tempFilePath: URL.createObjectURL(await res.blob()) }
    } finally {
      clearTimeout(timer)
    }
  }
  const res = await Taro.downloadFile({ url, header, timeout })
  if (res.statusCode >= 200 && res.statusCode < 300) return { statusCode: res.statusCode, data: null, tempFilePath: res.tempFilePath }
  let data: unknown = null
  try {
    data = JSON.parse(String(Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8')))
  } catch {
    // not JSON: the status says enough
  }
  return { statusCode: res.statusCode, data }
}

/**
 * WeChat runs at most 10 request/uploadFile/downloadFile calls at once and fails the rest
 * (DESIGN.md §5): calls beyond the limit wait here, in order, for a free slot.
 */
export class RequestLimiter {
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(readonly limit = 10) {}

  get inFlight(): number {
    return this.active
  }

  get queued(): number {
    return this.waiting.length
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.active++
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      // the slot passes straight to the next caller, so `active` never exceeds the limit
      if (next) next()
      else this.active--
    }
  }
}

export interface HttpOptions {
  /** '' for the H5 build (same origin as the API), the HTTPS API origin for WeChat. */
  baseUrl: string
  tokens: TokenStorage
  transport?: Transport
  uploadTransport?: UploadTransport
  downloadTransport?: DownloadTransport
  timeoutMs?: number
  /** At most this many calls on the wire at once (WeChat's limit is 10). */
  maxConcurrent?: number
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  return typeof data === 'object' && data !== null && typeof (data as ApiErrorBody).code === 'string' && typeof (data as ApiErrorBody).message === 'string'
}

function describeStatus(status: number): string {
  if (status === 401) return '登录已过期，请重新登录'
  if (status === 403) return '没有权限进行此操作'
  if (status === 404) return '请求的内容不存在'
  if (status === 429) return '操作太频繁，请稍后再试'
  if (status >= 500) return '服务器开小差了，请稍后再试'
  return `请求失败（${status}）`
}

export class Http {
  private readonly baseUrl: string
  private readonly tokens: TokenStorage
  private readonly transport: Transport
  private readonly uploadTransport: UploadTransport
  private readonly downloadTransport: DownloadTransport
  private readonly timeoutMs: number
  private readonly limiter: RequestLimiter
  private unauthorizedListeners: Array<() => void> = []

  constructor(options: HttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '')
    this.tokens = options.tokens
    this.transport = options.transport ?? taroTransport
    this.uploadTransport = options.uploadTransport ?? taroUploadTransport
    this.downloadTransport = options.downloadTransport ?? taroDownloadTransport
    this.timeoutMs = options.timeoutMs ?? 15000
    this.limiter = new RequestLimiter(options.maxConcurrent ?? 10)
  }

  /** Called after a 401 has cleared the stored token (the session store signs out). */
  onUnauthorized(listener: () => void): () => void {
    this.unauthorizedListeners.push(listener)
    return () => {
      this.unauthorizedListeners = this.unauthorizedListeners.filter((l) => l !== listener)
    }
  }

  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    return this.request<T>('GET', path + queryString(query))
  }

  post<T>(path: string, body?: object): Promise<T> {
    // Always a JSON body: the server refuses an empty one sent as application/json.
    return this.request<T>('POST', path, body ?? {})
  }

  put<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PUT', path, body)
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path)
  }

  /**
   * A GET carrying the last ETag: a 304 answers `notModified` without a body, so lists polled
   * while a screen is shown (the duty board) stay cheap.
   */
  async getConditional<T>(
    path: string,
    query: Record<string, string | number | undefined> | undefined,
    etag: string | null,
  ): Promise<{ notModified: true; etag: string | null } | { notModified: false; data: T; etag: string | null }> {
    const header: Record<string, string> = { Accept: 'application/json' }
    if (etag) header['If-None-Match'] = etag
    const token = this.authorize(header)
    let res: TransportResponse
    try {
      res = await this.limiter.run(() => this.timed({ url: this.baseUrl + path + queryString(query), method: 'GET', header, timeout: this.timeoutMs }))
    } catch (e) {
      throw noAnswer(e)
    }
    if (res.statusCode === 304) return { notModified: true, etag }
    const data = this.settle<T>(res, token)
    const key = Object.keys(res.header ?? {}).find((k) => k.toLowerCase() === 'etag')
    return { notModified: false, data, etag: key ? String(res.header![key]) : null }
  }

  async request<T>(method: HttpMethod, path: string, body?: object): Promise<T> {
    const header: Record<string, string> = { Accept: 'application/json' }
    if (body !== undefined) header['Content-Type'] = 'application/json'
    const token = this.authorize(header)

    let res: TransportResponse
    try {
      res = await this.limiter.run(() => this.timed({ url: this.baseUrl + path, method, data: body, header, timeout: this.timeoutMs }))
    } catch (e) {
      throw noAnswer(e)
    }
    return this.settle<T>(res, token)
  }

  /** One exchange through the transport, learning the server's clock from its answer. */
  private async timed(request: TransportRequest): Promise<TransportResponse> {
    const sentAt = Date.now()
    const res = await this.transport(request)
    observeServerDate(res.header, sentAt, Date.now())
    return res
  }

  /** Uploads one local file as the multipart field `name`; the answer is JSON like any other. */
  async upload<T>(path: string, filePath: string, options: { name?: string; header?: Record<string, string>; timeoutMs?: number } = {}): Promise<T> {
    const header: Record<string, string> = { Accept: 'application/json', ...options.header }
    const token = this.authorize(header)
    let res: TransportResponse
    try {
      res = await this.limiter.run(() => this.uploadTransport({ url: this.baseUrl + path, filePath, name: options.name ?? 'file', header, timeout: options.timeoutMs ?? 60000 }))
    } catch (e) {
      throw noAnswer(e)
    }
    // WeChat's uploadFile hands the body over as text.
    let data = res.data
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data)
      } catch {
        // left as text: settle() reports a bad response if it was an error
      }
    }
    return this.settle<T>({ statusCode: res.statusCode, data }, token)
  }

  /** Downloads a file (an export) to the phone; resolves with its local path. */
  async download(path: string, query?: Record<string, string | number | undefined>): Promise<string> {
    const header: Record<string, string> = {}
    const token = this.authorize(header)
    let res: DownloadResponse
    try {
      res = await this.limiter.run(() => this.downloadTransport({ url: this.baseUrl + path + queryString(query), header, timeout: 60000 }))
    } catch (e) {
      throw noAnswer(e)
    }
    this.settle<unknown>(res, token)
    if (!res.tempFilePath) throw new ApiError(res.statusCode, 'BAD_RESPONSE', '文件下载失败，请稍后重试')
    return res.tempFilePath
  }

  /** Absolute link for a path the API returned (signed photo links are relative). */
  resolve(path: string): string {
    return /^[a-z]+:/i.test(path) ? path : this.baseUrl + path
  }

  private authorize(header: Record<string, string>): string | null {
    const token = this.tokens.get()
    if (token) header.Authorization = `Bearer ${token}`
    return token
  }

  private settle<T>(res: TransportResponse, token: string | null): T {
    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T

    if (res.statusCode === 401 && token) {
      this.tokens.clear()
      for (const listener of this.unauthorizedListeners) listener()
    }
    if (isErrorBody(res.data)) {
      throw new ApiError(res.statusCode, res.data.code, res.data.message, res.data.field)
    }
    throw new ApiError(res.statusCode, 'BAD_RESPONSE', describeStatus(res.statusCode))
  }
}

/** No answer arrived: timeout or network. */
function noAnswer(e: unknown): ApiError {
  const text = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '')
  if (/timeout|abort/i.test(text)) return new ApiError(0, 'TIMEOUT', '网络超时，请稍后重试')
  return new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试')
}

function queryString(query?: Record<string, string | number | undefined>): string {
  if (!query) return ''
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** The API origin: same origin in the browser (the server serves the H5 build), configured for WeChat. */
export function apiBaseUrl(): string {
  if (process.env.TARO_ENV === 'h5') return ''
  // required by the production WeChat build (config/api-base.ts); no made-up default
  return process.env.TARO_APP_API_BASE ?? ''
}

/** What to tell a person about a failed action. */
export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  if (error instanceof ApiError) return error.message
  return fallback
}
