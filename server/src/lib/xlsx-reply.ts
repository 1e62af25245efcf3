// Sends an Excel export: the Chinese file name for browsers and phones that read RFC 5987, an
// ASCII one for those that do not.
import type { FastifyReply } from 'fastify'

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function sendXlsx(reply: FastifyReply, data: Buffer, filename: string, asciiName: string): FastifyReply {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(data)
}
