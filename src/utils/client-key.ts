/**
 * An idempotency key for a write the phone may retry (a report, an upload): made once, sent
 * again with every retry of the same thing. WeChat has no crypto.randomUUID.
 */
export function newClientKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0')
  return `${Date.now().toString(36)}-${random()}${random()}`
}
