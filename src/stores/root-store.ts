// One store per concept, each given the root and the transport it needs (tests pass fakes).
import type { Api } from '@/services/api'
import type { TokenStorage } from '@/services/token-storage'
import { AuthStore } from './auth-store'
import { HazardStores } from './hazards'
import { InvitesStore } from './invites-store'
import { JoinStore } from './join-store'
import { MeStore } from './me-store'
import { MembersStore } from './members-store'
import { NoticeStores } from './notices'
import { PrivacyStore } from './privacy-store'
import { SchoolsStore } from './schools-store'

export class RootStore {
  readonly auth: AuthStore
  readonly me: MeStore
  readonly schools: SchoolsStore
  readonly join: JoinStore
  readonly members: MembersStore
  readonly invites: InvitesStore
  readonly privacy: PrivacyStore
  readonly hazards: HazardStores
  readonly notices: NoticeStores

  constructor(api: Api, tokens: TokenStorage) {
    this.me = new MeStore(this, api)
    this.schools = new SchoolsStore(api)
    this.auth = new AuthStore(this, api, tokens)
    this.join = new JoinStore(this, api)
    this.members = new MembersStore(api)
    this.invites = new InvitesStore(api)
    this.privacy = new PrivacyStore()
    this.hazards = new HazardStores(this, api)
    this.notices = new NoticeStores(this, api)
  }

  /** After logout or an expired token: nothing of the last person stays on screen. */
  resetPersonData(): void {
    this.me.reset()
    this.schools.reset()
    this.join.start()
    this.members.reset()
    this.invites.reset()
    this.hazards.reset()
    this.notices.reset()
  }
}
