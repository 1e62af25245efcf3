// What a manager's page (board, exceptions, members, invites, drills) shows until it can show its
// own content: the person's schools loading or failing, or why there is nothing here for them.
import type { ReactElement } from 'react'
import type { SchoolsStore } from '@/stores/schools-store'
import { PageShell } from '../page-shell'
import { EmptyState, ErrorState, LoadingState } from '../page-state'

/** null once the schools are loaded and `count` of them are this page's; otherwise the page to show. */
export function managedSchoolsState(ready: boolean, schools: SchoolsStore, count: number, empty: { title: string; description: string }): ReactElement | null {
  if (!ready || (schools.state !== 'ready' && !schools.items.length)) {
    if (schools.state === 'error')
      return (
        <PageShell>
          <ErrorState message={schools.error} onRetry={() => void schools.load()} />
        </PageShell>
      )
    return (
      <PageShell>
        <LoadingState />
      </PageShell>
    )
  }
  if (count === 0) {
    return (
      <PageShell>
        <EmptyState title={empty.title} description={empty.description} />
      </PageShell>
    )
  }
  return null
}
