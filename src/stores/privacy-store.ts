// WeChat asks for consent before a private API runs (onNeedPrivacyAuthorization); our popup
// says which one is asked for and answers with the person's choice.
import { makeAutoObservable } from 'mobx'
import { privacySubject } from '@/services/privacy'

export interface PrivacyResolveOption {
  event: 'exposureAuthorization' | 'agree' | 'disagree'
  buttonId?: string
}
export type PrivacyResolve = (option: PrivacyResolveOption) => void

export class PrivacyStore {
  visible = false
  /** The API WeChat named (eventInfo.referrer), e.g. getLocation or chooseMedia. */
  referrer: string | undefined = undefined
  /** WeChat waits for an answer to each request; all open ones get the person's choice. */
  private resolves: PrivacyResolve[] = []

  constructor() {
    makeAutoObservable<PrivacyStore, 'resolves'>(this, { resolves: false })
  }

  /** What is being asked for and why, in Chinese. */
  get subject(): { what: string; why: string } {
    return privacySubject(this.referrer)
  }

  /** Called from Taro.onNeedPrivacyAuthorization. */
  request(resolve: PrivacyResolve, eventInfo?: { referrer?: string }): void {
    this.resolves.push(resolve)
    this.referrer = eventInfo?.referrer
    this.visible = true
    resolve({ event: 'exposureAuthorization' })
  }

  agree(buttonId: string): void {
    for (const r of this.resolves) r({ event: 'agree', buttonId })
    this.close()
  }

  disagree(): void {
    for (const r of this.resolves) r({ event: 'disagree' })
    this.close()
  }

  private close(): void {
    this.resolves = []
    this.visible = false
  }
}
