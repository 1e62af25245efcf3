// The server's clock as the phone sees it. Every answer carries the server's time in its Date
// header; the screens show times and windows (签到已开放, countdowns, 今天) by serverNow(), so a
// phone whose clock is off — or a test server whose clock was moved forward (TEST_CLOCK) — shows
// what the server's rules will decide. The phone's own clock still measures short durations.

/** The Date header has whole seconds and the answer took time to arrive: closer than this, the clocks agree. */
const AGREE_MS = 2_000

let offsetMs = 0

/** Learns the offset from an answer's Date header; `sentAt` and `receivedAt` are the phone's times. */
export function observeServerDate(header: Record<string, string> | undefined, sentAt: number, receivedAt: number): void {
  const key = header && Object.keys(header).find((k) => k.toLowerCase() === 'date')
  const serverAt = key ? Date.parse(header[key]) : NaN
  if (!Number.isFinite(serverAt)) return
  // written somewhere in the whole second, somewhere between sending and receiving
  const estimate = serverAt + 500 - (sentAt + receivedAt) / 2
  if (Math.abs(estimate - offsetMs) >= AGREE_MS) offsetMs = Math.abs(estimate) < AGREE_MS ? 0 : estimate
}

/** Now, on the server's clock. */
export function serverNow(): Date {
  return new Date(Date.now() + offsetMs)
}

/** For tests: forget what was learned. */
export function resetServerClock(): void {
  offsetMs = 0
}
