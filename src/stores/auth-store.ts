// The session: a token in storage, and how a person signs in and out.
import { makeAutoObservable, runInAction } from 'mobx'
import type { DemoPerson, LoginResponse } from '@/types/api'
import type { Api } from '@/services/api'
import { ApiError } from '@/services/http'
import { memoryConsentStorage, type ConsentStorage, type TokenStorage } from '@/services/token-storage'
import type { LoadState } from './load-state'
import type { RootStore } from './root-store'

/** `starting` until the launch check has answered; pages wait for it before sending anyone to log in. */
export type AuthStatus = 'starting' | 'signedIn' | 'signedOut'

export class AuthStore {
  status: AuthStatus = 'starting'
  /** The demo accounts, when the server runs in demo mode; null otherwise. */
  demoPeople: DemoPerson[] | null = null
  demoState: LoadState = 'idle'
  /** Which login is in flight: a demo personId or 'wechat'. */
  signingIn: string | null = null
  loggingOut = false
  /** The person agreed to the 用户服务协议 and 隐私政策 on this phone. */
  consented: boolean

  constructor(
    private readonly root: RootStore,
    private readonly api: Pick<Api, 'auth' | 'me'>,
    private readonly tokens: TokenStorage,
    private readonly consent: ConsentStorage = memoryConsentStorage(),
  ) {
    this.consented = consent.given()
    makeAutoObservable<AuthStore, 'root' | 'api' | 'tokens' | 'consent'>(this, { root: false, api: false, tokens: false, consent: false })
  }

  /** The consent box was ticked (or 同意并登录 tapped): remembered on this phone. */
  giveConsent(): void {
    this.consent.give()
    this.consented = true
  }

  get signedIn(): boolean {
    return this.status === 'signedIn'
  }

  get signedOut(): boolean {
    return this.status === 'signedOut'
  }

  /**
   * At launch: a stored token loads the person; otherwise, if the person consented on this phone
   * before, WeChat's silent login (when given a way to get a code); otherwise the person is signed
   * out and pages send them to the login page, where nothing is sent before the consent box.
   */
  async bootstrap(getWechatCode?: () => Promise<string>): Promise<void> {
    if (this.tokens.get()) {
      try {
        await this.root.me.load()
      } catch (e) {
        // A 401 already signed out (Http's listener); other failures keep the token: the
        // person stays signed in and pages offer to retry.
        if (e instanceof ApiError && e.status === 401) return
      }
      runInAction(() => {
        this.status = this.tokens.get() ? 'signedIn' : 'signedOut'
      })
      return
    }
    if (getWechatCode && this.consented) {
      try {
        await this.loginWithWechat(getWechatCode)
        return
      } catch {
        // No account yet or WeChat unreachable: the login page explains and offers again.
      }
    }
    runInAction(() => {
      this.status = 'signedOut'
    })
  }

  /** WeChat login (creates the account on first use): only after consent, and asks WeChat for a code only then. */
  async loginWithWechat(getCode: () => Promise<string>): Promise<void> {
    if (!this.consented) throw new Error('请先阅读并同意《用户服务协议》和《隐私政策》')
    this.signingIn = 'wechat'
    try {
      this.accept(await this.api.auth.wechat(await getCode()))
    } finally {
      runInAction(() => {
        this.signingIn = null
      })
    }
  }

  async loginAsDemo(personId: string): Promise<void> {
    this.signingIn = personId
    try {
      this.accept(await this.api.auth.demoLogin(personId))
    } finally {
      runInAction(() => {
        this.signingIn = null
      })
    }
  }

  /** Loads the demo accounts; a 404 means demo mode is off, which is not an error. */
  async loadDemoPeople(): Promise<void> {
    this.demoState = 'loading'
    try {
      const people = await this.api.auth.demoPeople()
      runInAction(() => {
        this.demoPeople = people
        this.demoState = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.demoPeople = null
        this.demoState = e instanceof ApiError && e.status === 404 ? 'ready' : 'error'
      })
    }
  }

  async logout(): Promise<void> {
    this.loggingOut = true
    try {
      await this.api.auth.logout()
    } catch {
      // The token is dropped on this phone either way; the server lets it expire.
    } finally {
      runInAction(() => {
        this.loggingOut = false
      })
      this.clearSession()
    }
  }

  /** Forgets the token and everything loaded for the person. */
  clearSession(): void {
    this.tokens.clear()
    this.root.resetPersonData()
    this.status = 'signedOut'
  }

  private accept(response: LoginResponse): void {
    this.tokens.set(response.token)
    this.root.me.setMe(response.me)
    this.status = 'signedIn'
  }
}
