// The campus-safety bulletin (简报): its figures, and the Word and Excel downloads. Only the
// coverage subpackage uses it, so it is built there from the shared Http (api.http).
import type { Bulletin, BulletinQuery } from '@/types/bulletin'
import type { Http } from './http'

export function createBulletinService(http: Http) {
  const query = (q: BulletinQuery) => ({ from: q.from, to: q.to, level: q.level, id: q.id })
  return {
    get: (q: BulletinQuery): Promise<Bulletin> => http.get<Bulletin>('/api/bulletin', query(q)),
    /** the download on the phone; resolves with its local path */
    download: (kind: 'docx' | 'xlsx', q: BulletinQuery): Promise<string> => http.download(`/api/bulletin/${kind}`, query(q)),
  }
}

export type BulletinService = ReturnType<typeof createBulletinService>
