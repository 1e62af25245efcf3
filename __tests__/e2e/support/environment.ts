// The e2e test environment: when a step fails (an assertion, a locator that never appeared, a
// timeout), every phone still open is photographed as it is at that moment, next to the step
// screenshots in test-artifacts/e2e, so a failure on CI can be read without running it again.
import { TestEnvironment } from 'jest-environment-node'
import type { Circus } from '@jest/types'

type Shooter = (label: string) => Promise<void>

export default class E2eEnvironment extends TestEnvironment {
  async handleTestEvent(event: Circus.Event): Promise<void> {
    if (event.name !== 'test_fn_failure' && event.name !== 'hook_failure') return
    const shoot = this.global.__e2eShootOpenPhones as Shooter | undefined
    const label = event.name === 'test_fn_failure' ? event.test.name : `${event.hook.type}`
    if (shoot) await shoot(label).catch(() => {})
  }
}
