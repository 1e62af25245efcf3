// What every page has around its content: the background and WeChat's privacy popup.
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { PrivacyPopup } from '../privacy-popup'
import './index.scss'

export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  return (
    <View className={`page-shell ${className ?? ''}`}>
      {children}
      <PrivacyPopup />
    </View>
  )
}
