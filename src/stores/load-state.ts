import { action, makeObservable, observable } from 'mobx'
import { errorMessage } from '@/services/http'

/** Where a list or a record is in its life on screen. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error'

/** How a load shows itself. */
export interface LoadOptions {
  /** what the answer is for (a school, a range, a filter…); an answer for another key is never shown for this one */
  key?: string
  /** a pull to refresh or a poll: a value already on screen for this key stays, unchanged, while asking and if it fails */
  quiet?: boolean
}

/** Something a screen shows: a value, where it is in its life, the server's message when it failed. */
export interface Loadable {
  state: LoadState
  error: string | null
}

/** An empty list shows nothing: only a non-empty value counts as shown. */
const shows = (value: unknown): boolean => value !== null && (!Array.isArray(value) || value.length > 0)

/**
 * One thing a screen loads from the server, keyed by what it answers (a school, a range…).
 * - Only the answer to the latest load is kept: an answer that comes late, for a key the
 *   person has since left (or after reset), is dropped.
 * - By default the state is 'loading' while asking and 'error' (with the server's message, or
 *   `failure`) when it fails; the value held stays. A `quiet` load keeps a value already shown for
 *   its key as it is, and a quiet failure changes nothing.
 * - `keep` (lists, as `loadList` did): while asking, a value already shown stays 'ready'; a failure
 *   is 'error' beside it; a second load of the same key while one runs shares it.
 */
export class Resource<T> implements Loadable {
  value: T | null = null
  state: LoadState = 'idle'
  error: string | null = null
  /** the key `value` answers */
  private answers: string | null = null
  private seq = 0
  private running: { key: string; run: Promise<void> } | null = null

  constructor(
    private readonly failure: string,
    private readonly policy: { keep?: boolean } = {},
  ) {
    makeObservable<Resource<T>, 'answers'>(this, {
      value: observable,
      state: observable,
      error: observable,
      answers: observable,
      load: action,
      set: action,
      reset: action,
    })
  }

  /** The value when it answers `key`, else null (an answer to another choice is not shown for this one). */
  valueFor(key = ''): T | null {
    return this.answers === key ? this.value : null
  }

  /** Asks the server (`fetch`) for `key`; resolves when the answer (or failure) is taken in, or dropped. */
  load(fetch: () => Promise<T>, { key = '', quiet = false }: LoadOptions = {}): Promise<void> {
    const held = this.valueFor(key)
    let hushed = false
    if (this.policy.keep) {
      if (this.running?.key === key) return this.running.run
      this.state = shows(held) ? 'ready' : 'loading'
      this.error = null
    } else if (quiet && held !== null && this.state === 'ready') {
      hushed = true
    } else {
      this.state = 'loading'
      this.error = null
    }
    const seq = ++this.seq
    const run = fetch().then(
      action((value: T) => {
        if (seq !== this.seq) return
        this.value = value
        this.answers = key
        this.state = 'ready'
        this.error = null
      }),
      action((e: unknown) => {
        if (seq !== this.seq || hushed) return
        this.state = 'error'
        this.error = errorMessage(e, this.failure)
      }),
    )
    const done = run.finally(() => {
      if (this.running?.run === done) this.running = null
    })
    this.running = { key, run: done }
    return done
  }

  /** Puts a value in without asking (a change made on this screen), for `key`. */
  set(value: T, key = this.answers ?? ''): void {
    this.value = value
    this.answers = key
  }

  /** Back to nothing loaded (signing out, another record); an answer still on its way is dropped. */
  reset(): void {
    this.seq++
    this.running = null
    this.value = null
    this.answers = null
    this.state = 'idle'
    this.error = null
  }
}

/** A list a screen loads: `items` is what is shown (empty until the first answer). Lists keep what they show (`keep`). */
export class ListResource<T> extends Resource<T[]> {
  constructor(failure: string) {
    super(failure, { keep: true })
  }

  get items(): T[] {
    return this.value ?? []
  }
}
