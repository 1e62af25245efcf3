import type { UploadedFile } from '@/types/hazards'
import type { Http } from './http'

export function createUploadsService(http: Http) {
  return {
    /**
     * One photo through uploadFile (field `file`). The same idempotency key on a retry returns
     * the file already stored instead of a second copy.
     */
    photo: async (filePath: string, idempotencyKey: string): Promise<UploadedFile> => {
      const file = await http.upload<UploadedFile>('/api/uploads', filePath, { name: 'file', header: { 'Idempotency-Key': idempotencyKey } })
      return { ...file, url: http.resolve(file.url), thumbUrl: http.resolve(file.thumbUrl) }
    },
  }
}

export type UploadsService = ReturnType<typeof createUploadsService>
