// WeChat asks for consent before a private API runs (onNeedPrivacyAuthorization); our popup
// answers with the person's choice.
import { makeAutoObservable } from 'mobx'

export interface PrivacyResolveOption {
  event: 'exposureAuthorization' | 'agree' | 'disagree'
  buttonId?: string
}
export type PrivacyResolve = (option: PrivacyResolveOption) => void

export class PrivacyStore {
  visible = false
  private resolve: PrivacyResolve | null = null

  constructor() {
    makeAutoObservable<PrivacyStore, 'resolve'>(this, { resolve: false })
  }

  /** Called from Taro.onNeedPrivacyAuthorization. */
  request(resolve: PrivacyResolve): void {
    this.resolve = resolve
    this.visible = true
    resolve({ event: 'exposureAuthorization' })
  }

  agree(buttonId: string): void {
    this.resolve?.({ event: 'agree', buttonId })
    this.close()
  }

  disagree(): void {
    this.resolve?.({ event: 'disagree' })
    this.close()
  }

  private close(): void {
    this.resolve = null
    this.visible = false
  }
}
