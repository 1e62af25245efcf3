// Photo uploads: only images, checked by content (sharp reads the bytes, not the name),
// re-encoded to JPEG without EXIF (no GPS of a reporter's home leaks), a thumbnail for lists.
// A retried upload with the same key returns the first file; a failed one leaves nothing behind.
// Served through short-lived signed links, handed only to people allowed to see the photo.
import crypto from 'node:crypto'
import sharp, { type Metadata } from 'sharp'
import type { UploadedFile } from '@/types/hazards'
import type { AppContext } from '../../context'
import { AppError, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { local } from '@/domain/time'
import { holdsAnywhere } from '@/domain/authorization'
import type { Actor } from '../auth/actor'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
/** A bigger image is refused from its header, before a pixel is decoded (decompression bombs). */
export const MAX_IMAGE_PIXELS = 40_000_000
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif', 'gif'])
/** A signed link lives at most this long (the documented hour). */
export const LINK_TTL_MS = 60 * 60_000
/** Expiry is rounded down to this step, so that lists polled in between stay byte-identical (ETag). */
const LINK_STEP_MS = 10 * 60_000

function sign(ctx: AppContext, fileId: string, variant: 'full' | 'thumb', exp: number): string {
  return crypto.createHmac('sha256', ctx.config.secret).update(`${fileId}:${variant}:${exp}`).digest('base64url')
}

export function fileUrls(ctx: AppContext, fileId: string): { url: string; thumbUrl: string } {
  // between 50 and 60 minutes from now, the same for every request in a 10-minute step
  const exp = Math.floor((ctx.clock.now().getTime() + LINK_TTL_MS) / LINK_STEP_MS) * LINK_STEP_MS
  return {
    url: `/api/files/${fileId}?v=full&exp=${exp}&sig=${sign(ctx, fileId, 'full', exp)}`,
    thumbUrl: `/api/files/${fileId}?v=thumb&exp=${exp}&sig=${sign(ctx, fileId, 'thumb', exp)}`,
  }
}

/** A PDF by its content: the header at the start and an end-of-file marker near the end. */
function isPdf(data: Buffer): boolean {
  return (
    data.subarray(0, 5).toString('latin1') === '%PDF-' &&
    data
      .subarray(Math.max(0, data.length - 1024))
      .toString('latin1')
      .includes('%%EOF')
  )
}

async function storePdf(ctx: AppContext, ownerId: string, clientKey: string, data: Buffer): Promise<UploadedFile> {
  const id = newId()
  const key = `uploads/${local(ctx.clock.now()).format('YYYY/MM')}/${id}.pdf`
  await ctx.storage.put(key, data)
  try {
    await ctx.db
      .insertInto('files')
      .values({
        id,
        owner_id: ownerId,
        client_key: clientKey,
        storage_key: key,
        thumb_key: key,
        mime: 'application/pdf',
        size: data.length,
        width: 0,
        height: 0,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute()
  } catch (error) {
    await ctx.storage.delete(key)
    const winner = await ctx.db.selectFrom('files').selectAll().where('owner_id', '=', ownerId).where('client_key', '=', clientKey).executeTakeFirst()
    if (winner) return { id: winner.id, mime: winner.mime, size: winner.size, ...fileUrls(ctx, winner.id) }
    throw error
  }
  return { id, mime: 'application/pdf', size: data.length, ...fileUrls(ctx, id) }
}

/** What one person may upload in 24 hours; a retry of an upload already stored does not count. */
async function checkQuota(ctx: AppContext, ownerId: string, size: number): Promise<void> {
  const since = new Date(ctx.clock.now().getTime() - 24 * 3_600_000).toISOString()
  const used = await ctx.db
    .selectFrom('files')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.sum<string | number | null>('size').as('bytes')])
    .where('owner_id', '=', ownerId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  const { files, bytes } = ctx.config.uploadQuota
  if (Number(used.n) >= files || Number(used.bytes ?? 0) + size > bytes) {
    throw new AppError(429, 'RATE_LIMITED', `24 小时内最多上传 ${files} 个文件、共 ${Math.round(bytes / 1024 / 1024)} MB，请明天再试`, 'file')
  }
}

/**
 * PDFs (notice attachments) only from people who may publish notices somewhere; images from
 * anyone signed in (hazard photos, join requests), within the daily quota.
 */
export async function storeUpload(ctx: AppContext, actor: Actor, clientKey: string, data: Buffer): Promise<UploadedFile> {
  const ownerId = actor.personId
  const existing = await ctx.db.selectFrom('files').selectAll().where('owner_id', '=', ownerId).where('client_key', '=', clientKey).executeTakeFirst()
  if (existing) return { id: existing.id, mime: existing.mime, size: existing.size, ...fileUrls(ctx, existing.id) }
  await checkQuota(ctx, ownerId, data.length)
  // PDFs are kept as they are (notice attachments); everything else must be an image
  if (isPdf(data)) {
    if (!holdsAnywhere(actor.grants, 'notice.publish')) throw new AppError(415, 'BAD_REQUEST', '只能上传图片（JPEG、PNG、WebP、HEIC、GIF）', 'file')
    return storePdf(ctx, ownerId, clientKey, data)
  }

  let meta: Metadata
  try {
    meta = await sharp(data).metadata()
  } catch {
    throw new AppError(415, 'BAD_REQUEST', '只能上传图片（JPEG、PNG、WebP、HEIC、GIF）或 PDF', 'file')
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw new AppError(415, 'BAD_REQUEST', '只能上传图片（JPEG、PNG、WebP、HEIC、GIF）或 PDF', 'file')
  // the header is read without decoding: refuse a huge canvas before sharp allocates it
  if ((meta.width ?? 0) * (meta.height ?? 0) * (meta.pages ?? 1) > MAX_IMAGE_PIXELS) {
    throw new AppError(413, 'BAD_REQUEST', `图片尺寸过大（${meta.width}×${meta.height}），请上传 4000 万像素以内的图片`, 'file')
  }
  let full: Buffer
  let thumb: Buffer
  try {
    const base = sharp(data, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate()
    full = await base.clone().resize({ width: 2048, height: 2048, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer()
    thumb = await base.clone().resize({ width: 320, height: 320, fit: 'cover' }).jpeg({ quality: 70 }).toBuffer()
  } catch {
    throw new AppError(415, 'BAD_REQUEST', '图片已损坏，无法读取', 'file')
  }
  const id = newId()
  const folder = `uploads/${local(ctx.clock.now()).format('YYYY/MM')}`
  const keys = { full: `${folder}/${id}.jpg`, thumb: `${folder}/${id}_t.jpg` }
  await ctx.storage.put(keys.full, full)
  await ctx.storage.put(keys.thumb, thumb)
  const finalMeta = await sharp(full).metadata()
  try {
    await ctx.db
      .insertInto('files')
      .values({
        id,
        owner_id: ownerId,
        client_key: clientKey,
        storage_key: keys.full,
        thumb_key: keys.thumb,
        mime: 'image/jpeg',
        size: full.length,
        width: finalMeta.width ?? 0,
        height: finalMeta.height ?? 0,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute()
  } catch (error) {
    await ctx.storage.delete(keys.full)
    await ctx.storage.delete(keys.thumb)
    // the same upload retried concurrently: the other one stored it
    const winner = await ctx.db.selectFrom('files').selectAll().where('owner_id', '=', ownerId).where('client_key', '=', clientKey).executeTakeFirst()
    if (winner) return { id: winner.id, mime: winner.mime, size: winner.size, ...fileUrls(ctx, winner.id) }
    throw error
  }
  return { id, mime: 'image/jpeg', size: full.length, ...fileUrls(ctx, id) }
}

export async function readSigned(ctx: AppContext, fileId: string, variant: 'full' | 'thumb', exp: number, sig: string): Promise<{ data: Buffer; mime: string }> {
  const expected = Buffer.from(sign(ctx, fileId, variant, exp))
  const given = Buffer.from(sig)
  // compare bytes, not characters: a non-ASCII signature has as many characters but more bytes
  const valid = given.length === expected.length && crypto.timingSafeEqual(given, expected)
  const now = ctx.clock.now().getTime()
  // a link from the future (an expiry beyond the hour) was not made by this server
  if (!valid || exp < now || exp > now + LINK_TTL_MS) throw new AppError(403, 'FORBIDDEN', '图片链接无效或已过期，请刷新页面')
  const row = await ctx.db.selectFrom('files').select(['storage_key', 'thumb_key', 'mime']).where('id', '=', fileId).executeTakeFirst()
  if (!row) throw notFound('文件不存在')
  const data = await ctx.storage.get(variant === 'thumb' ? row.thumb_key : row.storage_key)
  if (!data) throw notFound('文件不存在')
  return { data, mime: row.mime }
}

/**
 * The caller's own uploads among these ids, in the given order; anything else is refused. Photos
 * must be images; attachments may also be PDFs.
 */
export async function ownFiles(ctx: AppContext, ownerId: string, ids: readonly string[], accept: 'images' | 'attachments' = 'images'): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await ctx.db
    .selectFrom('files')
    .select(['id', 'mime'])
    .where('owner_id', '=', ownerId)
    .where('id', 'in', [...ids])
    .execute()
  if (rows.length !== new Set(ids).size) throw new AppError(400, 'BAD_REQUEST', '文件不存在或不是你上传的', 'photoIds')
  if (accept === 'images' && rows.some((r) => !r.mime.startsWith('image/'))) throw new AppError(400, 'BAD_REQUEST', '这里只能使用图片', 'photoIds')
  return [...new Set(ids)]
}
