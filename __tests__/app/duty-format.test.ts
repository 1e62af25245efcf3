// How shifts read on screen and on a share card.
import { dayLabel, onDutyText, shiftShareTitle } from '@/utils/duty-format'
import { shift } from './support/duty-fixtures'

describe('shiftShareTitle (转发到家长群)', () => {
  const base = { schoolName: '青云谱区京山小学', postName: '南门', date: '2026-12-01', startTime: '07:20', endTime: '08:00' }

  it('says where, on which date (not 明天: the card is read later) and how many places are open', () => {
    const roles = [
      { role: 'volunteer' as const, required: 3, filled: 1, waitlisted: 0 },
      { role: 'teacher' as const, required: 1, filled: 0, waitlisted: 0 },
    ]
    expect(shiftShareTitle({ ...base, roles })).toBe('青云谱区京山小学 南门 12月1日 周二 07:20–08:00 护学岗还缺 3 人，点此报名')
  })

  it('a full shift is shared without asking for anyone (over-filled roles do not offset open ones)', () => {
    const roles = [
      { role: 'volunteer' as const, required: 2, filled: 3, waitlisted: 1 },
      { role: 'guard' as const, required: 1, filled: 1, waitlisted: 0 },
    ]
    expect(shiftShareTitle({ ...base, roles })).toBe('青云谱区京山小学 南门 12月1日 周二 07:20–08:00 护学岗')
    const short = [...roles.slice(0, 1), { role: 'guard' as const, required: 1, filled: 0, waitlisted: 0 }]
    expect(shiftShareTitle({ ...base, roles: short })).toMatch(/还缺 1 人/)
  })

  it('works on a shift as the app holds it', () => {
    expect(shiftShareTitle(shift({ id: 's1' }))).toMatch(/护学岗/)
  })
})

describe('dayLabel', () => {
  it('names the next days and dates further off, with the weekday', () => {
    const now = new Date('2026-11-30T02:00:00Z') // Monday 10:00 in Nanchang
    expect(dayLabel('2026-11-30', now)).toBe('今天 周一')
    expect(dayLabel('2026-12-01', now)).toBe('明天 周二')
    expect(dayLabel('2026-12-04', now)).toBe('12月4日 周五')
  })
})

describe('onDutyText (the card after 签到)', () => {
  // 07:20–08:00 on 1 December in Nanchang; 签退 opens 10 minutes before the end
  const span = { startsAt: '2026-11-30T23:20:00Z', endsAt: '2026-12-01T00:00:00Z' }
  const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+08:00`)
  it.each([
    ['checked in before the start', '07:10', null, '值守中 · 07:10 签到 · 07:50 起可签退'],
    ['during the shift', '07:30', null, '值守中 · 07:10 签到 · 07:50 起可签退'],
    ['in the check-out window', '07:52', null, '值守中 · 07:10 签到 · 现在可以签退'],
    ['after the end, not checked out', '08:10', null, '值守中 · 07:10 签到 · 班次已结束，请签退'],
    ['checked out', '08:10', '07:58', '已签退 · 07:58'],
  ])('%s', (_n, now, out, expected) => {
    expect(onDutyText(span, at('07:10').toISOString(), out ? at(out).toISOString() : null, at(now), 10)).toBe(expected)
  })
})
