/** The server's clock, injectable so that tests can freeze it. Rules take `now` from here. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export const nowIso = (clock: Clock): string => clock.now().toISOString()
