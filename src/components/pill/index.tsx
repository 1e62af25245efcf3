// A small coloured label (status, role, kind). NutUI's Tag is drawn for 10 px badges.
import { Text } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import './index.scss'

export type PillTone = 'primary' | 'success' | 'warning' | 'danger' | 'neutral'

export function Pill({ tone = 'neutral', children }: PropsWithChildren<{ tone?: PillTone }>) {
  return <Text className={`pill pill--${tone}`}>{children}</Text>
}
