// The one rule for phone numbers (domain/phone.ts), as the alarm page uses it: a number to call
// is given only when the rule shows it in full; masked numbers are never offered for dialling.
import { callablePhone, visiblePhone } from '../../domain/phone'

const phone = '13812345678'
const nobody = { isSelf: false, reviewsPendingRequest: false }

it('masks a number for anyone the rule does not name', () => {
  expect(visiblePhone(phone, nobody)).toBe('138****5678')
  expect(callablePhone(phone, nobody)).toBeNull()
})

it('shows it in full, to call, to those taking part in an open alarm and to the person themselves', () => {
  expect(visiblePhone(phone, { ...nobody, takesPartInOpenAlarm: true })).toBe(phone)
  expect(callablePhone(phone, { ...nobody, takesPartInOpenAlarm: true })).toBe(phone)
  expect(callablePhone(phone, { ...nobody, isSelf: true })).toBe(phone)
  expect(callablePhone(null, { ...nobody, takesPartInOpenAlarm: true })).toBeNull()
})
