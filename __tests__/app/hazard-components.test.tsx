import { fireEvent, render, screen, within } from '@testing-library/react'
import { HazardCard } from '@/components/hazard-card'
import { HazardTimeline } from '@/components/hazard-timeline'
import { PhotoPicker } from '@/components/photo-picker'
import { PhotoUploads } from '@/stores/hazards/photo-uploads'
import { fakeHazardApi, hazard, hazardEvent, uploaded } from './support/hazard-fixtures'

const photo = (id: string) => ({ fileId: id, url: `/api/files/${id}?v=full`, thumbUrl: `/api/files/${id}?v=thumb` })

describe('HazardTimeline (处置记录)', () => {
  const events = [
    hazardEvent({ id: 'e1', action: 'report', toStatus: 'submitted', actor: '上报人', photos: [photo('p1')], createdAt: '2026-11-28T00:10:00.000Z' }),
    hazardEvent({ id: 'e2', action: 'confirm', fromStatus: 'submitted', toStatus: 'submitted', actor: '其他成员', createdAt: '2026-11-28T00:20:00.000Z' }),
    hazardEvent({ id: 'e3', action: 'accept', fromStatus: 'submitted', toStatus: 'accepted', actor: '责任民警', createdAt: '2026-11-28T01:00:00.000Z' }),
    hazardEvent({
      id: 'e4',
      action: 'assign',
      fromStatus: 'accepted',
      toStatus: 'assigned',
      actor: '责任民警',
      note: '交办学校，期限 2026-11-29；请放学前处理',
      createdAt: '2026-11-28T01:05:00.000Z',
    }),
    hazardEvent({
      id: 'e5',
      action: 'resolve',
      fromStatus: 'assigned',
      toStatus: 'resolved',
      actor: '校长',
      note: '已设置隔离栏',
      photos: [photo('p2'), photo('p3')],
      createdAt: '2026-11-28T06:30:00.000Z',
    }),
  ]

  it('shows every step, newest first, with who (as the server words it), when, the change, notes and photos', () => {
    render(<HazardTimeline events={events} />)
    const items = screen.getAllByTestId('hazard-event')
    expect(items.map((i) => i.getAttribute('data-action'))).toEqual(['resolve', 'assign', 'accept', 'confirm', 'report'])

    const [resolve, assign, accept, confirm, report] = items
    expect(within(report).getByText('上报')).toBeInTheDocument()
    expect(within(report).getByText('上报人')).toBeInTheDocument()
    // 08:10 in Asia/Shanghai, whatever the machine's zone
    expect(within(report).getByText(/08:10/)).toBeInTheDocument()
    expect(within(report).getAllByTestId('hazard-photo')).toHaveLength(1)

    expect(within(confirm).getByText('我也遇到了')).toBeInTheDocument()
    expect(within(confirm).getByText('其他成员')).toBeInTheDocument()
    expect(within(confirm).queryByText(/→/)).toBeNull() // no status change

    expect(within(accept).getByText('待受理 → 已受理')).toBeInTheDocument()
    expect(within(assign).getByText('交办学校，期限 2026-11-29；请放学前处理')).toBeInTheDocument()
    expect(within(resolve).getByText('整改完成')).toBeInTheDocument()
    expect(within(resolve).getByText('校长')).toBeInTheDocument()
    expect(within(resolve).getByText('已设置隔离栏')).toBeInTheDocument()
    expect(within(resolve).getAllByTestId('hazard-photo')).toHaveLength(2)
  })

  it('never shows a reporter’s name the server did not send', () => {
    render(<HazardTimeline events={events} />)
    expect(screen.queryByText(/王芳/)).toBeNull()
  })
})

describe('HazardCard', () => {
  it('an overdue report stands out, with its deadline and assignee', () => {
    const onOpen = jest.fn()
    const h = hazard({
      id: 'h1',
      status: 'assigned',
      overdue: true,
      deadline: '2026-11-29T02:00:00.000Z',
      assignee: { department: 'school', personId: 'p2', personName: '黄丽萍' },
      reporter: { id: 'p1', name: '王芳' },
    })
    render(<HazardCard hazard={h} onOpen={onOpen} showReporter />)
    const card = screen.getByTestId('hazard-card')
    expect(card).toHaveClass('hazard-card--overdue')
    expect(within(card).getByText('已逾期')).toBeInTheDocument()
    expect(within(card).getByText('已交办')).toBeInTheDocument()
    expect(within(card).getByText(/交办学校（黄丽萍），期限 .*10:00/)).toBeInTheDocument()
    expect(within(card).getByText('上报人 王芳')).toBeInTheDocument()
    fireEvent.click(card)
    expect(onOpen).toHaveBeenCalledWith(h)
  })

  it('a member’s list shows no reporter even if one were present', () => {
    render(<HazardCard hazard={hazard({ id: 'h2', reporter: { id: 'p1', name: '王芳' } })} onOpen={() => {}} />)
    expect(screen.getByTestId('hazard-card')).not.toHaveClass('hazard-card--overdue')
    expect(screen.queryByText(/王芳/)).toBeNull()
  })
})

describe('PhotoPicker (browser)', () => {
  beforeAll(() => {
    let n = 0
    Object.assign(URL, { createObjectURL: () => `blob:photo-${++n}` })
  })

  it('uploads the files chosen in the file input and shows a failed one with 重试', async () => {
    const api = fakeHazardApi()
    api.uploads.photo.mockResolvedValueOnce(uploaded('f1')).mockRejectedValueOnce(new Error('offline'))
    const uploads = new PhotoUploads(api)
    render(<PhotoPicker uploads={uploads} />)

    const input = screen.getByTestId('photo-input') as HTMLInputElement
    const files = [new File(['a'], 'a.jpg', { type: 'image/jpeg' }), new File(['b'], 'b.jpg', { type: 'image/jpeg' })]
    fireEvent.change(input, { target: { files } })

    expect(await screen.findByText('上传失败')).toBeInTheDocument()
    expect(api.uploads.photo.mock.calls.map(([path]) => path)).toEqual(['blob:photo-1', 'blob:photo-2'])
    expect(screen.getAllByTestId('photo-draft').map((d) => d.getAttribute('data-state'))).toEqual(['done', 'error'])
    expect(screen.getByText('2/9')).toBeInTheDocument()
  })
})
