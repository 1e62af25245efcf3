/** The server's clock, injectable so that tests can freeze it. Rules take `now` from here. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export const nowIso = (clock: Clock): string => clock.now().toISOString()

/**
 * The test clock (TEST_CLOCK=1, refused in production by config.ts): real time moved forward by
 * the end-to-end tests through POST /api/test/clock, so a test waits for no shift to end. The
 * same injection the demo history uses to play the term on its own clock. It only moves forward:
 * job leases and once-a-day dedupe keys assume time does not run backwards.
 */
export class TestClock implements Clock {
  private offsetMs = 0
  private readonly listeners: (() => Promise<unknown>)[] = []

  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }

  get offset(): number {
    return this.offsetMs
  }

  /** Moves the clock forward and waits for what follows it (the job runner runs its jobs once). */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError('the test clock only moves forward')
    this.offsetMs += ms
    for (const listener of this.listeners) await listener()
  }

  onMove(listener: () => Promise<unknown>): void {
    this.listeners.push(listener)
  }
}
