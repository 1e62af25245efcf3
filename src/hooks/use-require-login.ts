import { useEffect } from 'react'
import { useStores } from '@/stores'
import { goToLogin } from '@/utils/navigation'

/**
 * For pages that need a person: once the launch check says nobody is signed in (or a 401
 * signs them out), go to the login page. `back` is where to return afterwards.
 * Components calling this must be observers.
 */
export function useRequireLogin(back?: string): { ready: boolean } {
  const { auth } = useStores()
  const signedOut = auth.signedOut
  useEffect(() => {
    if (signedOut) goToLogin(back)
  }, [signedOut, back])
  return { ready: auth.signedIn }
}
