// One WebSocket per app (DESIGN.md §6): `Taro.connectSocket` on WeChat and in the browser. It
// signs in with the session token in its first message, reconnects with a growing pause when
// dropped, and hands every message to the listeners. Pages poll as well while it is down.
import Taro from '@tarojs/taro'
import type { LiveMessage } from '@/types/alarms'

export interface LiveConnection {
  /** `url` is asked only when a socket is really opened. */
  start(url: () => string, token: string): void
  stop(): void
  onMessage(listener: (m: LiveMessage) => void): () => void
  onState(listener: (connected: boolean) => void): () => void
}

/** What the store needs from a socket; tests pass a fake. */
export type SocketOpener = (url: string) => {
  send(text: string): void
  close(): void
  onOpen(cb: () => void): void
  onMessage(cb: (text: string) => void): void
  onClose(cb: (code: number) => void): void
}

export const taroSocketOpener: SocketOpener = (url) => {
  let task: Taro.SocketTask | null = null
  const pending: (() => void)[] = []
  let opened: (() => void) | null = null
  let messaged: ((t: string) => void) | null = null
  let closed: ((code: number) => void) | null = null
  let ended = false
  const end = (code: number) => {
    if (ended) return
    ended = true
    closed?.(code)
  }
  Taro.connectSocket({ url, fail: () => end(1006) } as Taro.connectSocket.Option)
    .then((t) => {
      task = t
      t.onOpen(() => opened?.())
      t.onMessage((m) => messaged?.(String(m.data)))
      t.onClose((r) => end(r.code ?? 1006))
      t.onError(() => end(1006))
      pending.splice(0).forEach((f) => f())
    })
    .catch(() => end(1006))
  return {
    send: (text) => {
      if (task) void task.send({ data: text })
      else pending.push(() => void task?.send({ data: text }))
    },
    close: () => {
      if (task) void task.close({})
      else pending.push(() => void task?.close({}))
    },
    onOpen: (cb) => (opened = cb),
    onMessage: (cb) => (messaged = cb),
    onClose: (cb) => (closed = cb),
  }
}

const MAX_PAUSE_MS = 15_000

export function createLiveConnection(open: SocketOpener = taroSocketOpener): LiveConnection {
  const messageListeners = new Set<(m: LiveMessage) => void>()
  const stateListeners = new Set<(c: boolean) => void>()
  let socket: ReturnType<SocketOpener> | null = null
  let target: { url: () => string; token: string } | null = null
  let pause = 1000
  let timer: ReturnType<typeof setTimeout> | null = null
  const setState = (c: boolean) => stateListeners.forEach((l) => l(c))

  const connect = () => {
    if (!target) return
    const { url, token } = target
    const s = open(url())
    socket = s
    s.onOpen(() => s.send(JSON.stringify({ type: 'hello', token })))
    s.onMessage((text) => {
      let m: LiveMessage
      try {
        m = JSON.parse(text) as LiveMessage
      } catch {
        return
      }
      if (m.type === 'ready') {
        pause = 1000
        setState(true)
      }
      messageListeners.forEach((l) => l(m))
    })
    s.onClose((code) => {
      if (socket !== s) return
      socket = null
      setState(false)
      // 4401: the session is gone; the next sign-in starts again.
      if (!target || code === 4401) return
      timer = setTimeout(connect, pause)
      pause = Math.min(pause * 2, MAX_PAUSE_MS)
    })
  }

  return {
    start(url, token) {
      if (target && target.token === token && socket) return
      this.stop()
      target = { url, token }
      connect()
    },
    stop() {
      target = null
      if (timer) clearTimeout(timer)
      timer = null
      const s = socket
      socket = null
      s?.close()
      setState(false)
    },
    onMessage(listener) {
      messageListeners.add(listener)
      return () => messageListeners.delete(listener)
    },
    onState(listener) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    },
  }
}

/** No socket at all (tests of other stores, and places without a server). */
export const inertLiveConnection: LiveConnection = {
  start() {},
  stop() {},
  onMessage: () => () => {},
  onState: () => () => {},
}
