import { useEffect } from 'react'
import type { School } from '@/types/api'
import { useRequireLogin } from '@/hooks/use-require-login'
import { useOnReturn } from '@/hooks/use-screen-load'
import { useStores } from '@/stores'
import { scheduleStore } from '@/stores/duty/schedule-store'

/**
 * For schedule pages: the schools the person manages duty at, with the first one chosen until
 * they pick another. `onSchool` runs when the school changes and when the screen is shown again
 * (load what the page shows).
 */
export function useManagedSchool(back: string, onSchool: () => void): { ready: boolean; managed: School[]; school: School | null } {
  const root = useStores()
  const { schools, duty } = root
  const schedule = root.store(scheduleStore)
  const { ready } = useRequireLogin(back)
  useEffect(() => {
    if (ready) void schools.load()
  }, [ready, schools])
  // back on the screen: what changed meanwhile (posts come with the schools)
  useOnReturn(() => {
    if (!ready) return
    void schools.load()
    if (schedule.schoolId) onSchool()
  })
  const managed = duty.managedSchools
  useEffect(() => {
    if (!managed.length) return
    if (!managed.some((s) => s.id === schedule.schoolId)) schedule.selectSchool(managed[0].id)
    onSchool()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the managed schools or the chosen school change; `onSchool` is the caller's loader, a new function each render
  }, [managed, schedule.schoolId])
  return { ready: ready && (schools.state === 'ready' || schools.items.length > 0), managed, school: schedule.school ?? null }
}
