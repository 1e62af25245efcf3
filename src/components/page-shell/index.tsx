// What every page has around its content: the background, WeChat's privacy popup, and the
// banner of a new alarm (it must reach a responder on any page), and the card of an urgent broadcast
// (远程广播) until it is confirmed.
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { AlarmBanner } from '../alarm-banner'
import { BroadcastBanner } from '../broadcast-banner'
import { PrivacyPopup } from '../privacy-popup'
import './index.scss'

export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  return (
    <View className={`page-shell ${className ?? ''}`}>
      {children}
      <PrivacyPopup />
      <BroadcastBanner />
      <AlarmBanner />
    </View>
  )
}
