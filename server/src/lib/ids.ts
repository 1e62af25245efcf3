import crypto from 'node:crypto'

export const newId = (): string => crypto.randomUUID()

export const randomToken = (): string => crypto.randomBytes(32).toString('base64url')

export const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex')
