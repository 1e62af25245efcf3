// The red 一键报警 button: fires on a long press of 1.5 s with a ring filling up (no pocket
// alarms); a tap alone explains how to use it. Touch on phones, the mouse in a desktop browser.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import './index.scss'

export const HOLD_MS = 1500
const TICK_MS = 50

/**
 * `onTap`: a tap (not a long press) — on WeChat the one moment the alarm's subscribe-message
 * prompt may be shown, before the first raise.
 */
export function AlarmButton({ onFire, onTap, compact = false, label = '一键报警' }: { onFire: () => void; onTap?: () => void; compact?: boolean; label?: string }) {
  const [progress, setProgress] = useState(0)
  const started = useRef<number | null>(null)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const fireTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const lastTouch = useRef(0)

  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    if (fireTimer.current) clearTimeout(fireTimer.current)
    timer.current = null
    fireTimer.current = null
    started.current = null
  }
  useEffect(() => stop, [])

  const begin = () => {
    if (started.current !== null) return
    started.current = Date.now()
    setProgress(0)
    // The ring follows the clock; the alarm fires on its own timer, however the ticks are spaced.
    timer.current = setInterval(() => setProgress(Math.min(1, (Date.now() - (started.current ?? Date.now())) / HOLD_MS)), TICK_MS)
    fireTimer.current = setTimeout(() => {
      stop()
      setProgress(0)
      void Taro.vibrateLong({}).catch(() => {})
      onFire()
    }, HOLD_MS)
  }

  const end = () => {
    if (started.current === null) return
    const held = Date.now() - started.current
    stop()
    setProgress(0)
    if (held < 400) {
      void Taro.showModal({
        title: '长按才会报警',
        content: '遇到紧急情况，按住红色按钮约 1.5 秒，圆环走满即发出报警：民警、校长、保安和正在值守的人会立刻收到。报警后 10 秒内可以取消误触。',
        showCancel: false,
        confirmText: '知道了',
      })
    }
  }

  const touch = (fn: () => void) => () => {
    lastTouch.current = Date.now()
    fn()
  }
  // A touch is followed by emulated mouse events: those are ignored.
  const mouse = (fn: () => void) => () => {
    if (Date.now() - lastTouch.current > 800) fn()
  }

  const deg = Math.round(progress * 360)
  return (
    <View
      className={`alarm-button ${compact ? 'alarm-button--compact' : ''} ${progress > 0 ? 'alarm-button--holding' : ''}`}
      data-testid='alarm-button'
      data-progress={progress.toFixed(2)}
      onTouchStart={touch(begin)}
      onTouchEnd={touch(end)}
      onTouchCancel={touch(end)}
      onClick={onTap}
      // A browser turns a held finger into a context menu and cancels the touch: not here.
      {...(process.env.TARO_ENV === 'h5'
        ? { onMouseDown: mouse(begin), onMouseUp: mouse(end), onMouseLeave: mouse(end), onContextMenu: (e: { preventDefault(): void }) => e.preventDefault() }
        : {})}
    >
      <View className='alarm-button__ring' style={{ background: `conic-gradient(#ffffff ${deg}deg, rgba(255,255,255,0.25) ${deg}deg)` }}>
        <View className='alarm-button__core'>
          <Text className='alarm-button__label'>{label}</Text>
          {!compact ? <Text className='alarm-button__hint'>{progress > 0 ? '保持按住…' : '长按 1.5 秒'}</Text> : null}
        </View>
      </View>
    </View>
  )
}
