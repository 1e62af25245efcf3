// One store per concept, each given the root and the transport it needs (tests pass fakes).
import type { Api } from '@/services/api'
import { taroDutyDevice, type DutyDevice } from '@/services/device'
import { inertLiveConnection, type LiveConnection } from '@/services/live'
import type { ConsentStorage, TokenStorage } from '@/services/token-storage'
import { AlarmStore, type AlarmDevice } from './alarm-store'
import { AuthStore } from './auth-store'
import { BroadcastInbox } from './broadcast-inbox'
import { CoverageStores } from './coverage'
import { CheckinStore } from './duty/checkin-store'
import { DutyStore } from './duty/duty-store'
import { HoursStore } from './duty/hours-store'
import { SwapsStore } from './duty/swaps-store'
import { HazardStores } from './hazards'
import type { LazyStore } from './lazy-store'
import { MeStore } from './me-store'
import { NoticeStores } from './notices'
import { PendingStore } from './pending-store'
import { PrivacyStore } from './privacy-store'
import { SchoolsStore } from './schools-store'

export class RootStore {
  readonly auth: AuthStore
  readonly me: MeStore
  readonly schools: SchoolsStore
  readonly pending: PendingStore
  readonly privacy: PrivacyStore
  readonly hazards: HazardStores
  readonly duty: DutyStore
  readonly swaps: SwapsStore
  readonly checkin: CheckinStore
  readonly hours: HoursStore
  readonly notices: NoticeStores
  readonly coverage: CoverageStores
  readonly alarms: AlarmStore
  /** 远程广播 sent to me and not yet confirmed: the card on every page. */
  readonly broadcasts: BroadcastInbox
  /** The app's one live socket (alarms, broadcasts). */
  readonly live: LiveConnection
  /** Stores only subpackage pages use, created by root.store() on first use (lazy-store.ts). */
  private readonly lazyStores = new Map<LazyStore<unknown>, unknown>()

  /**
   * `device`: location, the phone's storage for kept check-ins, network events (tests pass fakes);
   * `consent`: where the login page's consent is remembered;
   * `alarm`: the live socket and the retry pause of 一键报警 (the app passes the real socket).
   */
  constructor(
    private readonly api: Api,
    tokens: TokenStorage,
    private readonly device: DutyDevice = taroDutyDevice(),
    consent?: ConsentStorage,
    alarm: Partial<AlarmDevice> = {},
  ) {
    this.me = new MeStore(this, api)
    this.schools = new SchoolsStore(api)
    this.auth = new AuthStore(this, api, tokens, consent)
    this.pending = new PendingStore(api)
    this.privacy = new PrivacyStore()
    this.hazards = new HazardStores(this, api)
    this.duty = new DutyStore(this, api, device.subscribe, device.now)
    this.swaps = new SwapsStore(this, api)
    this.checkin = new CheckinStore(this, api, device)
    this.hours = new HoursStore(api)
    this.notices = new NoticeStores(api)
    this.coverage = new CoverageStores(this, api)
    const live = (this.live = alarm.live ?? inertLiveConnection)
    this.alarms = new AlarmStore(this, api, {
      location: device.location,
      live,
      tokens,
      now: () => device.now().getTime(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...alarm,
    })
    this.broadcasts = new BroadcastInbox(() => this.auth.signedIn, api, live, device.subscribe)
  }

  /** After logout or an expired token: nothing of the last person stays on screen. */
  resetPersonData(): void {
    this.me.reset()
    this.schools.reset()
    this.pending.reset()
    this.hazards.reset()
    this.duty.reset()
    this.swaps.reset()
    this.checkin.reset()
    this.hours.reset()
    this.notices.reset()
    this.coverage.reset()
    this.alarms.reset()
    this.broadcasts.reset()
    for (const [key, store] of this.lazyStores) key.reset(store)
  }

  /** The one instance of a subpackage's store, created on first use. */
  store<T>(key: LazyStore<T>): T {
    if (!this.lazyStores.has(key)) this.lazyStores.set(key, key.create(this, this.api, this.device))
    return this.lazyStores.get(key) as T
  }
}
