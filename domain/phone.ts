/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export function isMobilePhone(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(input)
}

/** 138****1234: what other members see of a phone number. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

/** Who is looking at a number, as far as the rule below needs to know. */
export interface PhoneViewer {
  /** It is the viewer's own number. */
  isSelf: boolean
  /**
   * The number belongs to a request to join that the viewer decides now: they hold `phone.view`
   * (domain/authorization.ts) at its school and the request is pending.
   */
  reviewsPendingRequest: boolean
  /**
   * The viewer sent an urgent broadcast (远程广播) this person, on duty now, has not confirmed
   * after every re-alert: they are listed for the sender to phone (domain/broadcasts.ts).
   */
  callsAboutBroadcast?: boolean
  /**
   * The viewer takes part in an alarm still open (they raised it, or respond to it as the
   * school's people or the police) and the number is of someone else taking part: to call them
   * now. Closed or cancelled, and for those who only review alarms, it is masked.
   */
  takesPartInOpenAlarm?: boolean
}

/**
 * The one rule for every phone number the server returns: in full to the person themselves and
 * to whoever reviews their pending request to join (to call and check who is asking), and to the
 * police officer whose urgent broadcast they did not confirm (to call them now), to the others
 * taking part in an alarm while it is open (to call each other); masked
 * everywhere else — member lists, shift details, gap candidates, the duty board.
 */
export function visiblePhone(phone: string | null, viewer: PhoneViewer): string | null {
  return viewer.isSelf || viewer.reviewsPendingRequest || viewer.callsAboutBroadcast || viewer.takesPartInOpenAlarm ? phone : maskPhone(phone)
}

/** A number to call (a button that dials it): the number when the rule shows it in full, else none. */
export function callablePhone(phone: string | null, viewer: PhoneViewer): string | null {
  const shown = visiblePhone(phone, viewer)
  return shown === phone ? phone : null
}
