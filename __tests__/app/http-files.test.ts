import { ApiError, Http, type DownloadTransport, type UploadRequest, type UploadTransport } from '@/services/http'
import { memoryTokenStorage } from '@/services/token-storage'
import { createHazardsService } from '@/services/hazards'
import { createUploadsService } from '@/services/uploads'
import { hazardDetail } from './support/hazard-fixtures'

describe('Http uploads and downloads', () => {
  it('uploads a file as the multipart field with the token and Idempotency-Key; WeChat’s text body is parsed and links made absolute', async () => {
    const calls: UploadRequest[] = []
    const uploadTransport: UploadTransport = async (req) => {
      calls.push(req)
      return { statusCode: 200, data: JSON.stringify({ id: 'f1', url: '/api/files/f1?v=full', thumbUrl: '/api/files/f1?v=thumb', mime: 'image/jpeg', size: 10 }) }
    }
    const http = new Http({ baseUrl: 'https://api.example.com', tokens: memoryTokenStorage('t-1'), uploadTransport })
    const file = await createUploadsService(http).photo('wxfile://tmp_1.jpg', 'key-12345678')

    expect(calls[0]).toMatchObject({
      url: 'https://api.example.com/api/uploads',
      filePath: 'wxfile://tmp_1.jpg',
      name: 'file',
      header: { Authorization: 'Bearer t-1', 'Idempotency-Key': 'key-12345678' },
    })
    expect(file).toMatchObject({ id: 'f1', url: 'https://api.example.com/api/files/f1?v=full', thumbUrl: 'https://api.example.com/api/files/f1?v=thumb' })
  })

  it('a refused upload is an ApiError with the server’s message', async () => {
    const uploadTransport: UploadTransport = async () => ({ statusCode: 415, data: '{"code":"BAD_REQUEST","message":"只能上传图片（JPEG、PNG、WebP、HEIC、GIF）","field":"file"}' })
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage('t'), uploadTransport })
    const error = await http.upload('/api/uploads', 'blob:x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 415, message: '只能上传图片（JPEG、PNG、WebP、HEIC、GIF）', field: 'file' })
  })

  it('an upload without an answer is a network error', async () => {
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage('t'), uploadTransport: () => Promise.reject({ errMsg: 'uploadFile:fail timeout' }) })
    await expect(http.upload('/api/uploads', 'blob:x')).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it('downloads the ledger with the token and the query, resolving with the local file', async () => {
    const seen: string[] = []
    const downloadTransport: DownloadTransport = async (req) => {
      seen.push(req.url, req.header.Authorization)
      return { statusCode: 200, data: null, tempFilePath: 'blob:ledger' }
    }
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage('t-9'), downloadTransport })
    await expect(createHazardsService(http).ledger('st 1', '2026-11-01', '2026-11-30')).resolves.toBe('blob:ledger')
    expect(seen).toEqual(['/api/hazards/ledger.xlsx?stationId=st%201&from=2026-11-01&to=2026-11-30', 'Bearer t-9'])
  })

  it('a refused download carries the server’s message', async () => {
    const downloadTransport: DownloadTransport = async () => ({ statusCode: 403, data: { code: 'FORBIDDEN', message: '只能导出本派出所（或本区县）的台账' } })
    const http = new Http({ baseUrl: '', tokens: memoryTokenStorage('t'), downloadTransport })
    await expect(http.download('/api/hazards/ledger.xlsx')).rejects.toThrow('只能导出本派出所（或本区县）的台账')
  })

  it('hazard photos (report and timeline) come back as absolute links for WeChat', async () => {
    const photo = { fileId: 'f1', url: '/api/files/f1?v=full', thumbUrl: '/api/files/f1?v=thumb' }
    const detail = hazardDetail({ id: 'h1', photos: [photo] })
    detail.events[0].photos = [photo]
    const http = new Http({ baseUrl: 'https://api.example.com', tokens: memoryTokenStorage('t'), transport: async () => ({ statusCode: 200, data: detail }) })
    const got = await createHazardsService(http).get('h1')
    expect(got.photos[0].thumbUrl).toBe('https://api.example.com/api/files/f1?v=thumb')
    expect(got.events[0].photos[0].url).toBe('https://api.example.com/api/files/f1?v=full')
  })
})
