import type { ErrorCode } from '@/types/api'

/** An error a person may see: status, code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, 'BAD_REQUEST', message, field)
export const unauthenticated = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message)
export const forbidden = (message = '没有权限进行此操作') => new AppError(403, 'FORBIDDEN', message)
export const notFound = (message = '找不到该内容') => new AppError(404, 'NOT_FOUND', message)
export const conflict = (message: string) => new AppError(409, 'CONFLICT', message)
