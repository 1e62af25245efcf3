// The API tried from outside as an attacker or a careless client would: signed links, uploads,
// proxies, caches and oversized bodies. Each case was a defect once (issue 11).
import http from 'node:http'
import zlib from 'node:zlib'
import sharp from 'sharp'
import type { UploadedFile } from '../../types/hazards'
import type { Clock } from '../../server/src/lib/clock'
import { buildApp } from '../../server/src/app'
import { loadConfig } from '../../server/src/config'
import { sha256 } from '../../server/src/lib/ids'
import { createTestApp, type TestApp } from './support/test-app'
import { multipartFile } from './support/multipart'

let now = new Date('2026-12-01T01:07:00Z')
const clock: Clock = { now: () => now }
let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ uploadQuota: { files: 6, bytes: 5 * 1024 * 1024 } }, clock)
})
afterAll(() => t.close())

async function upload(as: string, data: Buffer, key: string, filename = 'photo.jpg', type = 'image/jpeg') {
  const { payload, headers } = multipartFile('file', filename, type, data)
  return t.call({ method: 'POST', url: '/api/uploads', as, payload, headers: { ...headers, 'idempotency-key': key } })
}
const jpeg = (colour = '#c33') =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: colour } })
    .jpeg()
    .toBuffer()
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<<>>\n%%EOF\n')

/** A valid PNG of width × height, 1-bit grey, all black: a few KB that decode to a huge canvas. */
function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.writeUInt8(1, 8) // bit depth
  ihdr.writeUInt8(0, 9) // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height) // filter byte 0 + zero pixels per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

describe('signed photo links', () => {
  it('a signature of another length, or with non-ASCII characters, is a 403 in Chinese, not a 500', async () => {
    const file = (await upload('王芳', await jpeg(), 'link-key-1')).json() as UploadedFile
    const sig = new URL(file.url, 'http://x').searchParams.get('sig')!
    for (const bad of ['short', `${sig}A`, `é${sig.slice(2)}`, `${'中'.repeat(sig.length)}`]) {
      const res = await t.app.inject({ method: 'GET', url: file.url.replace(`sig=${sig}`, `sig=${encodeURIComponent(bad)}`) })
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: '图片链接无效或已过期，请刷新页面' })
    }
  })

  it('a link lives at most an hour, whenever in the hour it was handed out', async () => {
    for (const minute of ['00', '07', '31', '59']) {
      now = new Date(`2026-12-01T02:${minute}:30Z`)
      const file = (await upload('王芳', await jpeg(), `link-key-${minute}`)).json() as UploadedFile
      const exp = Number(new URL(file.url, 'http://x').searchParams.get('exp'))
      expect(exp - now.getTime()).toBeLessThanOrEqual(3_600_000)
      expect(exp - now.getTime()).toBeGreaterThan(45 * 60_000)
      expect((await t.app.inject({ method: 'GET', url: file.url })).statusCode).toBe(200)
      now = new Date(now.getTime() + 3_600_001)
      expect((await t.app.inject({ method: 'GET', url: file.url })).statusCode).toBe(403)
    }
    now = new Date('2026-12-01T01:07:00Z')
  })
})

describe('uploads', () => {
  it('a small PNG of 16000×16000 is refused from its header, before it is decoded', async () => {
    const bomb = pngBomb(16000, 16000)
    expect(bomb.length).toBeLessThan(64 * 1024)
    const before = await t.ctx.db.selectFrom('files').select('id').execute()
    const started = Date.now()
    const res = await upload('张伟', bomb, 'bomb-key-1', 'bomb.png', 'image/png')
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ field: 'file', message: '图片尺寸过大（16000×16000），请上传 4000 万像素以内的图片' })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(await t.ctx.db.selectFrom('files').select('id').execute()).toHaveLength(before.length)
  })

  it('a PDF only from someone who may publish notices; served as a sandboxed download', async () => {
    for (const name of ['林小雨', '王芳', '黄丽萍']) {
      const res = await upload(name, pdf, `pdf-key-${name}`, 'drill.pdf', 'application/pdf')
      expect(res.statusCode).toBe(415)
      expect(res.json()).toMatchObject({ field: 'file', message: '只能上传图片（JPEG、PNG、WebP、HEIC、GIF）' })
    }
    const ok = await upload('陈志强', pdf, 'pdf-key-police', 'drill.pdf', 'application/pdf')
    expect(ok.statusCode).toBe(200)
    const got = await t.app.inject({ method: 'GET', url: (ok.json() as UploadedFile).url })
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('application/pdf')
    expect(got.headers['content-disposition']).toMatch(/^attachment;/)
    expect(got.headers['content-security-policy']).toBe('sandbox')
  })

  it('each person has a daily quota (429 in Chinese); a retry of a stored upload still answers', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await upload('刘洋', await jpeg(`#${i}${i}${i}`), `quota-key-${i}`)).statusCode)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429])
    const refused = await upload('刘洋', await jpeg(), 'quota-key-9')
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', message: '24 小时内最多上传 6 个文件、共 5 MB，请明天再试' })
    expect((await upload('刘洋', await jpeg(), 'quota-key-0')).statusCode).toBe(200)
    // another person is not affected, and a day later the quota is back
    expect((await upload('张伟', await jpeg(), 'quota-key-other')).statusCode).toBe(200)
    now = new Date(now.getTime() + 24 * 3_600_000 + 1000)
    expect((await upload('刘洋', await jpeg(), 'quota-key-next-day')).statusCode).toBe(200)
    now = new Date('2026-12-01T01:07:00Z')
  })
})

describe('behind a proxy', () => {
  const login = (xff: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/demo-login', remoteAddress: '10.7.7.7', headers: { 'x-forwarded-for': xff }, payload: { personId: 'x' } })

  it('X-Forwarded-For does not walk past the login rate limit when no proxy is configured', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 22; i++) statuses.push((await login(`203.0.113.${i}`)).statusCode)
    expect(statuses.at(-1)).toBe(429)
  })

  it('with TRUST_PROXY set, the configured proxy reports the client address', async () => {
    const behind = await createTestApp({ trustProxy: ['10.7.7.7'] })
    try {
      const call = (remoteAddress: string, xff: string) =>
        behind.app.inject({ method: 'POST', url: '/api/auth/demo-login', remoteAddress, headers: { 'x-forwarded-for': xff }, payload: { personId: 'x' } })
      for (let i = 0; i < 21; i++) await call('10.7.7.7', '198.51.100.1')
      expect((await call('10.7.7.7', '198.51.100.1')).statusCode).toBe(429)
      // another client behind the same proxy is its own address
      expect((await call('10.7.7.7', '198.51.100.2')).statusCode).toBe(400)
      // an address that is not the proxy cannot choose its own
      for (let i = 0; i < 21; i++) await call('10.8.8.8', `198.51.100.${100 + i}`)
      expect((await call('10.8.8.8', '198.51.100.200')).statusCode).toBe(429)
    } finally {
      await behind.close()
    }
  })
})

describe('caching', () => {
  it('every answer that needs a session is no-store; public ones are not', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { 'x-action': string }>> }
    let checked = 0
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get
      if (!op) continue
      const url = path.replace(/\{[^}]+\}/g, 'nope')
      const needsSession = op['x-action'] !== 'public'
      const res = await t.call({ method: 'GET', url, as: needsSession ? '陈志强' : undefined })
      if (needsSession) {
        expect([path, res.headers['cache-control']]).toEqual([path, 'no-store'])
        checked++
      } else {
        expect([path, res.headers['cache-control']]).not.toEqual([path, 'no-store'])
      }
    }
    expect(checked).toBeGreaterThan(20)
    // the personal answers a person relies on, answered 200 and no-store
    for (const url of ['/api/me', '/api/me/shifts?when=upcoming', '/api/me/hours', '/api/home']) {
      const res = await t.call({ method: 'GET', url, as: '王芳' })
      expect([url, res.statusCode, res.headers['cache-control']]).toEqual([url, 200, 'no-store'])
    }
  })
})

describe('a body over the limit', () => {
  it('is a readable 413 in Chinese for a client that sends it all before reading', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as { port: number }
    const send = (path: string, headers: Record<string, string>, body: Buffer) =>
      new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => (text += c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
        })
        req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
        // as a phone on a slow network: the body goes out in pieces, and only then is the answer read
        const piece = 256 * 1024
        const write = (at: number) => {
          if (at >= body.length) return req.end()
          req.write(body.subarray(at, at + piece), () => setTimeout(() => write(at + piece), 5))
        }
        write(0)
      })
    const json = await send('/api/auth/demo-login', { 'content-type': 'application/json' }, Buffer.alloc(8 * 1024 * 1024, 0x20))
    expect(json).toEqual({ status: 413, body: JSON.stringify({ code: 'BAD_REQUEST', message: '请求内容过大' }) })
    const token = await t.tokenOf('王芳')
    const big = multipartFile('file', 'big.jpg', 'image/jpeg', Buffer.alloc(12 * 1024 * 1024, 1))
    const file = await send('/api/uploads', { ...big.headers, authorization: `Bearer ${token}`, 'idempotency-key': 'big-key-0001' }, big.payload)
    expect(file).toMatchObject({ status: 413 })
    expect(JSON.parse((file as { body: string }).body)).toMatchObject({ message: '图片不能超过 10 MB' })
  })
})

describe('demo sessions on a production server', () => {
  it('a database that ran the demo, served with the demo off, refuses demo sessions and demo people', async () => {
    const demoToken = await t.tokenOf('王芳')
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${demoToken}` } })).statusCode).toBe(200)
    // a demo person's session that does not say it came from the demo login (made before sessions were marked)
    const unmarked = 'unmarked-demo-session-token-000000000000'
    const wang = (await t.demoPeople()).find((p) => p.name === '王芳')!
    await t.ctx.db
      .insertInto('sessions')
      .values({
        token_hash: sha256(unmarked),
        person_id: wang.personId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
        origin: 'wechat',
      })
      .execute()
    // a real person who signed in with WeChat
    const real = 'real-wechat-session-token-0000000000000000'
    await t.ctx.db
      .insertInto('people')
      .values({ id: 'real-1', name: '真实用户', phone: null, wx_openid: 'o-real-1', wx_unionid: null, wx_session_key: 'k', is_demo: 0, created_at: now.toISOString() })
      .execute()
    await t.ctx.db
      .insertInto('sessions')
      .values({ token_hash: sha256(real), person_id: 'real-1', created_at: now.toISOString(), expires_at: new Date(now.getTime() + 86_400_000).toISOString(), origin: 'wechat' })
      .execute()

    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: t.ctx.config.databaseUrl,
      WX_APPID: 'wx1',
      WX_SECRET: 's',
      H5_DIR: '',
      SECRET: 'x'.repeat(32),
      JOBS: '0',
      DATA_DIR: t.ctx.config.dataDir,
    })
    const { app } = await buildApp({ config: { ...config, logLevel: 'silent' }, clock, logger: false })
    try {
      const me = (token: string) => app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })
      const refused = await me(demoToken)
      expect(refused.statusCode).toBe(401)
      expect(refused.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
      expect((await me(unmarked)).statusCode).toBe(401)
      expect((await me(real)).statusCode).toBe(200)
      expect((await app.inject({ method: 'GET', url: '/api/auth/demo-people' })).statusCode).toBe(404)
    } finally {
      await app.close()
    }
    // the same database back on a demo server: the demo session works again
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${demoToken}` } })).statusCode).toBe(200)
  })
})
