// A tab whose feature arrives in a later release: says plainly what will appear here.
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useStores } from '@/stores'
import { openPage } from '@/utils/navigation'
import { ROUTES } from '@/utils/routes'
import { PageShell } from '../page-shell'
import { EmptyState, LoadingState } from '../page-state'

export const TabPlaceholder = observer(function TabPlaceholder({
  title,
  description,
  icon,
}: {
  title: string
  description: string
  icon: ReactNode
}) {
  const { me } = useStores()
  const { ready } = useRequireLogin()
  if (!ready) return <PageShell><LoadingState /></PageShell>
  return (
    <PageShell>
      <EmptyState
        icon={icon}
        title={title}
        description={description}
        action={
          me.hasNoMemberships ? (
            <Button type='primary' size='small' onClick={() => openPage(ROUTES.join)}>
              用邀请码加入学校
            </Button>
          ) : null
        }
      />
    </PageShell>
  )
})
