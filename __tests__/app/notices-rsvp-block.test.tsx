import { fireEvent, render, screen } from '@testing-library/react'
import { RsvpBlock } from '@/packages/notices/components/rsvp-block'
import { notice } from './support/notice-fixtures'

const BEFORE_DEADLINE = new Date('2026-12-02T00:00:00Z')
const AFTER_DEADLINE = new Date('2026-12-04T13:00:00Z')
const button = (name: string) => screen.getByText(name).closest('button') ?? screen.getByText(name).closest('.nut-button')!
const disabled = (el: Element) => el.hasAttribute('disabled') || el.classList.contains('nut-button-disabled')

describe('RsvpBlock (培训报名)', () => {
  it('shows the places taken and the deadline, and lets a person join', () => {
    const onAnswer = jest.fn()
    render(<RsvpBlock notice={notice({ id: 'n1', rsvpCapacity: 30, rsvpJoined: 12 })} now={BEFORE_DEADLINE} busy={null} onAnswer={onAnswer} />)
    expect(screen.getByTestId('rsvp-count')).toHaveTextContent('已报名 12/30')
    expect(screen.getByText(/报名截止：12月4日 .* 20:00/)).toBeInTheDocument()
    expect(disabled(button('报名参加'))).toBe(false)
    expect(screen.queryByTestId('rsvp-reason')).toBeNull()
    fireEvent.click(screen.getByText('报名参加'))
    expect(onAnswer).toHaveBeenCalledWith('joined')
  })

  it('a full training: 报名参加 is disabled and says 名额已满', () => {
    const onAnswer = jest.fn()
    render(<RsvpBlock notice={notice({ id: 'n1', rsvpCapacity: 30, rsvpJoined: 30 })} now={BEFORE_DEADLINE} busy={null} onAnswer={onAnswer} />)
    expect(screen.getByTestId('rsvp-count')).toHaveTextContent('已报名 30/30')
    expect(disabled(button('报名参加'))).toBe(true)
    expect(screen.getByTestId('rsvp-reason')).toHaveTextContent('名额已满')
    fireEvent.click(screen.getByText('报名参加'))
    expect(onAnswer).not.toHaveBeenCalledWith('joined')
    // declining is still possible
    expect(disabled(button('不参加'))).toBe(false)
  })

  it('after the deadline both answers are closed: 报名已截止', () => {
    render(<RsvpBlock notice={notice({ id: 'n1', rsvpJoined: 3 })} now={AFTER_DEADLINE} busy={null} onAnswer={jest.fn()} />)
    expect(disabled(button('报名参加'))).toBe(true)
    expect(disabled(button('不参加'))).toBe(true)
    expect(screen.getByTestId('rsvp-reason')).toHaveTextContent('报名已截止')
  })

  it('someone who joined sees it, and may cancel (取消报名) even when the training is full', () => {
    const onAnswer = jest.fn()
    render(
      <RsvpBlock
        notice={notice({ id: 'n1', rsvpCapacity: 2, rsvpJoined: 2, receipt: { readAt: 'x', ackedAt: null, rsvp: 'joined', attendedAt: null } })}
        now={BEFORE_DEADLINE}
        busy={null}
        onAnswer={onAnswer}
      />,
    )
    expect(screen.getByTestId('rsvp-mine')).toHaveTextContent('你已报名参加')
    expect(screen.queryByText('报名参加')).toBeNull()
    fireEvent.click(screen.getByText('取消报名'))
    expect(onAnswer).toHaveBeenCalledWith('declined')
  })
})
