// Photos being added to a report, a "我也遇到了" or a rectification: each is uploaded on its own
// as soon as it is chosen, with an idempotency key made once, so that a retry stores nothing twice.
import { makeAutoObservable, runInAction } from 'mobx'
import type { UploadedFile } from '@/types/hazards'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import { newClientKey } from '@/utils/client-key'

export const MAX_PHOTOS = 9

export interface PhotoDraft {
  /** The Idempotency-Key of its upload. */
  key: string
  /** Where the phone keeps it (a temp path on WeChat, a blob: URL in the browser): the preview. */
  localPath: string
  state: 'uploading' | 'done' | 'error'
  file: UploadedFile | null
  error: string | null
}

export class PhotoUploads {
  items: PhotoDraft[] = []

  constructor(
    private readonly api: Pick<Api, 'uploads'>,
    public max = MAX_PHOTOS,
    private readonly newKey: () => string = newClientKey,
  ) {
    makeAutoObservable<PhotoUploads, 'api' | 'newKey'>(this, { api: false, newKey: false })
  }

  get remaining(): number {
    return Math.max(0, this.max - this.items.length)
  }

  get uploading(): boolean {
    return this.items.some((p) => p.state === 'uploading')
  }

  get failed(): boolean {
    return this.items.some((p) => p.state === 'error')
  }

  /** Stored files, in the order chosen. */
  get fileIds(): string[] {
    return this.items.filter((p) => p.state === 'done' && p.file).map((p) => p.file!.id)
  }

  /** What still stops sending the form, if anything. */
  get blocker(): string | null {
    if (this.uploading) return '照片还在上传，请稍候'
    if (this.failed) return '有照片上传失败，请重试或删除'
    return null
  }

  /** Adds what the person chose (beyond the limit is dropped) and uploads it one by one. */
  async add(localPaths: string[]): Promise<void> {
    const drafts = localPaths.slice(0, this.remaining).map<PhotoDraft>((localPath) => ({ key: this.newKey(), localPath, state: 'uploading', file: null, error: null }))
    this.items.push(...drafts)
    for (const d of drafts) await this.upload(d.key)
  }

  retry(key: string): Promise<void> {
    return this.upload(key)
  }

  remove(key: string): void {
    this.items = this.items.filter((p) => p.key !== key)
  }

  clear(): void {
    this.items = []
  }

  /** A fresh set for another purpose (e.g. one photo with "我也遇到了", up to 9 with 整改). */
  restart(max: number): void {
    this.items = []
    this.max = max
  }

  private async upload(key: string): Promise<void> {
    const draft = this.items.find((p) => p.key === key)
    if (!draft) return
    draft.state = 'uploading'
    draft.error = null
    try {
      const file = await this.api.uploads.photo(draft.localPath, draft.key)
      runInAction(() => {
        const current = this.items.find((p) => p.key === key)
        if (!current) return // removed meanwhile
        current.state = 'done'
        current.file = file
      })
    } catch (e) {
      runInAction(() => {
        const current = this.items.find((p) => p.key === key)
        if (!current) return
        current.state = 'error'
        current.error = errorMessage(e, '上传失败')
      })
    }
  }
}
