// screenGate(): the loading / error (重试) / empty gate the pages draw with, and when it lets the
// content through — as the pages drew it by hand before.
import { fireEvent, render, screen } from '@testing-library/react'
import { EmptyState, screenGate } from '@/components/page-state'
import type { Loadable } from '@/stores/load-state'

const at = (state: Loadable['state'], error: string | null = null): Loadable => ({ state, error })
const empty = <EmptyState title='还没有报警' />

function show(node: ReturnType<typeof screenGate>) {
  return render(<>{node}</>)
}

it('loading, until ready, while nothing is shown', () => {
  for (const state of ['idle', 'loading'] as const) {
    const { unmount } = show(screenGate(at(state), jest.fn()))
    expect(screen.getByText('加载中…')).toBeInTheDocument()
    unmount()
  }
})

it('an error with the server message and 重试, which retries', () => {
  const retry = jest.fn()
  show(screenGate(at('error', '网络连接失败，请检查网络后重试'), retry))
  expect(screen.getByText('加载失败')).toBeInTheDocument()
  expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeInTheDocument()
  fireEvent.click(screen.getByText('重试'))
  expect(retry).toHaveBeenCalledTimes(1)
})

it('ready: the empty state when given, else nothing (the page draws its content)', () => {
  expect(screenGate(at('ready'), jest.fn())).toBeNull()
  expect(screenGate(at('ready'), jest.fn(), { empty: false })).toBeNull()
  show(screenGate(at('ready'), jest.fn(), { empty }))
  expect(screen.getByText('还没有报警')).toBeInTheDocument()
})

it('a list kept on screen (keep) stays through a reload and a failed one', () => {
  expect(screenGate(at('loading'), jest.fn(), { keep: true })).toBeNull()
  expect(screenGate(at('error', '刷新失败'), jest.fn(), { keep: true })).toBeNull()
  show(screenGate(at('loading'), jest.fn(), { keep: false, empty }))
  expect(screen.getByText('加载中…')).toBeInTheDocument()
})

it('`has` decides alone: a record for the choice on screen shows whatever the state, none shows the state', () => {
  expect(screenGate(at('error', 'x'), jest.fn(), { has: true })).toBeNull()
  expect(screenGate(at('loading'), jest.fn(), { has: true })).toBeNull()
  show(screenGate(at('ready'), jest.fn(), { has: false }))
  expect(screen.getByText('加载中…')).toBeInTheDocument()
})
