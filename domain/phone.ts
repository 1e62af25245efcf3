/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export function isMobilePhone(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(input)
}

/** 138****1234: what other members see of a phone number. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}
