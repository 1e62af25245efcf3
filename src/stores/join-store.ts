// Asking to join a school with an invite code: look the code up, then apply.
import { makeAutoObservable, runInAction } from 'mobx'
import { inviteCodeFromText, normalizeInviteCode } from '@/domain/invite'
import { isMobilePhone } from '@/domain/phone'
import { takesVolunteerKind } from '@/domain/bulletin'
import type { VolunteerKind } from '@/types/bulletin'
import type { InvitePreview, Membership } from '@/types/api'
import type { Api } from '@/services/api'
import { errorMessage } from '@/services/http'
import type { LoadState } from './load-state'
import type { RootStore } from './root-store'
import { lazyStore } from './lazy-store'

// the parser lives in domain/invite.ts; re-exported for the join page and existing callers
export { inviteCodeFromText }

export class JoinStore {
  codeInput = ''
  preview: InvitePreview | null = null
  previewState: LoadState = 'idle'
  previewError: string | null = null
  name = ''
  phone = ''
  /** a volunteer says whether they are a pupil's parent or from society (counted apart in the bulletin) */
  volunteerKind: VolunteerKind = 'parent'
  /** The WeChat phone number is being fetched (getPhoneNumber). */
  phoneFetching = false
  submitting = false
  submitted: Membership | null = null

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'invites' | 'memberships' | 'me'>,
  ) {
    makeAutoObservable<JoinStore, 'root' | 'api'>(this, { root: false, api: false })
  }

  get code(): string {
    return normalizeInviteCode(this.codeInput)
  }

  get phoneError(): string | null {
    const phone = this.phone.trim()
    if (!phone) return null
    return isMobilePhone(phone) ? null : '请输入 11 位手机号'
  }

  get canSubmit(): boolean {
    return Boolean(this.preview?.usable) && this.name.trim().length > 0 && !this.phoneError && !this.submitting
  }

  setCodeInput(value: string): void {
    this.codeInput = value
    // A different code makes the earlier lookup stale.
    if (this.preview && this.preview.code !== this.code) {
      this.preview = null
      this.previewState = 'idle'
      this.previewError = null
    }
  }

  setName(value: string): void {
    this.name = value
  }

  setPhone(value: string): void {
    this.phone = value
  }

  setVolunteerKind(kind: VolunteerKind): void {
    this.volunteerKind = kind
  }

  /** Whether the invite's role asks who the volunteer is (学生家长 / 社会志愿者). */
  get asksVolunteerKind(): boolean {
    return Boolean(this.preview && takesVolunteerKind(this.preview.role))
  }

  /**
   * The person tapped 用微信手机号 and agreed: the button's one-time code goes to the server, which
   * asks WeChat for the number and keeps it on the person; the form shows it. Throws ApiError.
   */
  async fillWechatPhone(code: string): Promise<void> {
    this.phoneFetching = true
    try {
      const me = await this.api.me.wechatPhone(code)
      runInAction(() => {
        this.root.me.setMe(me)
        this.phone = me.person.phone ?? ''
      })
    } finally {
      runInAction(() => {
        this.phoneFetching = false
      })
    }
  }

  async lookUp(): Promise<void> {
    const code = this.code
    if (code.length < 4) {
      this.previewState = 'error'
      this.previewError = '请输入完整的邀请码'
      return
    }
    this.previewState = 'loading'
    this.previewError = null
    try {
      const preview = await this.api.invites.preview(code)
      runInAction(() => {
        this.preview = preview
        this.previewState = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.preview = null
        this.previewState = 'error'
        this.previewError = errorMessage(e, '查询邀请码失败')
      })
    }
  }

  /** Sends the application; the membership shows on 我的 as 待审核. Throws ApiError on refusal. */
  async submit(): Promise<Membership> {
    if (!this.preview) throw new Error('look the code up first')
    this.submitting = true
    try {
      const phone = this.phone.trim()
      const membership = await this.api.memberships.join({
        code: this.preview.code,
        name: this.name.trim(),
        ...(phone ? { phone } : {}),
        ...(this.asksVolunteerKind ? { volunteerKind: this.volunteerKind } : {}),
      })
      runInAction(() => {
        this.submitted = membership
        this.root.me.upsertMembership(membership)
      })
      return membership
    } finally {
      runInAction(() => {
        this.submitting = false
      })
    }
  }

  /** A fresh form, optionally with a code from a link or a scan. */
  start(code?: string): void {
    this.codeInput = code ? inviteCodeFromText(code) : ''
    this.preview = null
    this.previewState = 'idle'
    this.previewError = null
    this.name = ''
    this.phone = ''
    this.volunteerKind = 'parent'
    this.submitting = false
    this.submitted = null
  }
}

/** root.store(joinStore): the join page's store (packages/account), created on first use. */
export const joinStore = lazyStore(
  (root, api) => new JoinStore(root, api),
  (store) => store.start(),
)
