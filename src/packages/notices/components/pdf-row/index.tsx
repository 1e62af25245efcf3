// One PDF attached to a notice: "📄 name（size）" and an action (查看 on the notice, 删除 while
// writing it). The notice itself carries no file name or size: callers pass what they know.
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

/** 320 KB, 1.2 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function PdfRow({ name, size, note, children, testId = 'pdf-attachment' }: { name: string; size?: number | null; note?: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <View className='pdf-row' data-testid={testId}>
      <Text className='pdf-row__icon'>📄</Text>
      <View className='pdf-row__text'>
        <Text className='pdf-row__name'>
          {name}
          {size ? `（${formatFileSize(size)}）` : ''}
        </Text>
        {note ? <View className='pdf-row__note'>{note}</View> : null}
      </View>
      {children ? <View className='pdf-row__actions'>{children}</View> : null}
    </View>
  )
}
