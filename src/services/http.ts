// The one HTTP module: base URL, bearer token, JSON, timeout, and non-2xx mapped to ApiError.
// It never shows UI: pages decide what to toast.
import Taro from '@tarojs/taro'
import type { ApiErrorBody, ErrorCode } from '@/types/api'
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

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

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
}

/** Sends one request; rejects only when no answer arrived (network down, timeout). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>

export const taroTransport: Transport = async ({ url, method, data, header, timeout }) => {
  const res = await Taro.request({ url, method, data: data as Record<string, unknown> | undefined, header, timeout, dataType: 'json' })
  return { statusCode: res.statusCode, data: res.data }
}

export interface HttpOptions {
  /** '' for the H5 build (same origin as the API), the HTTPS API origin for WeChat. */
  baseUrl: string
  tokens: TokenStorage
  transport?: Transport
  timeoutMs?: number
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as ApiErrorBody).code === 'string' &&
    typeof (data as ApiErrorBody).message === 'string'
  )
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
  private readonly timeoutMs: number
  private unauthorizedListeners: Array<() => void> = []

  constructor(options: HttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '')
    this.tokens = options.tokens
    this.transport = options.transport ?? taroTransport
    this.timeoutMs = options.timeoutMs ?? 15000
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

  patch<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PATCH', path, body)
  }

  async request<T>(method: HttpMethod, path: string, body?: object): Promise<T> {
    const header: Record<string, string> = { Accept: 'application/json' }
    if (body !== undefined) header['Content-Type'] = 'application/json'
    const token = this.tokens.get()
    if (token) header.Authorization = `Bearer ${token}`

    let res: TransportResponse
    try {
      res = await this.transport({ url: this.baseUrl + path, method, data: body, header, timeout: this.timeoutMs })
    } catch (e) {
      const text = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '')
      if (/timeout|abort/i.test(text)) throw new ApiError(0, 'TIMEOUT', '网络超时，请稍后重试')
      throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试')
    }

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
  return process.env.TARO_APP_API_BASE || 'https://api.example.com'
}

/** What to tell a person about a failed action. */
export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  if (error instanceof ApiError) return error.message
  return fallback
}
