// Loading, error and empty states of a screen, the same everywhere. Our own icons instead of
// NutUI's default pictures, which load from a third-party CDN.
import { View } from '@tarojs/components'
import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import { NetworkError, Tips } from '@nutui/icons-react-taro'
import type { ReactNode } from 'react'
import type { Loadable } from '@/stores/load-state'
import './index.scss'

function StateIcon({ children }: { children: ReactNode }) {
  return <View className='page-state__icon'>{children}</View>
}

export function LoadingState({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='page-state page-state--loading'>
      <Loading direction='vertical'>{text}</Loading>
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string | null; onRetry?: () => void }) {
  return (
    <View className='page-state'>
      <Empty
        image={
          <StateIcon>
            <NetworkError size={36} color='#c9cdd4' />
          </StateIcon>
        }
        title='加载失败'
        description={message ?? '请检查网络后重试'}
        size='small'
      >
        {onRetry ? (
          <View className='page-state__action'>
            <Button type='primary' size='small' onClick={onRetry}>
              重试
            </Button>
          </View>
        ) : null}
      </Empty>
    </View>
  )
}

export function EmptyState({ title, description, icon, action }: { title: ReactNode; description?: ReactNode; icon?: ReactNode; action?: ReactNode }) {
  return (
    <View className='page-state'>
      <Empty image={<StateIcon>{icon ?? <Tips size={36} color='#c9cdd4' />}</StateIcon>} title={title} description={description} size='small'>
        {action ? <View className='page-state__action'>{action}</View> : null}
      </Empty>
    </View>
  )
}

/**
 * The loading/error/empty gate of what a screen loads: the error (with 重试) or the loading state
 * while there is nothing to show, then `empty` if given, else null (show the content). There is
 * something to show when `has` says so, else when `of` is ready or `keep` (a list already on screen
 * stays while it is asked for again, and after a failure).
 */
export function screenGate(of: Loadable, retry: () => void, { has, keep = false, empty }: { has?: boolean; keep?: boolean; empty?: ReactNode } = {}): ReactNode {
  if (!(has ?? (keep || of.state === 'ready'))) return of.state === 'error' ? <ErrorState message={of.error} onRetry={retry} /> : <LoadingState />
  return empty || null
}
