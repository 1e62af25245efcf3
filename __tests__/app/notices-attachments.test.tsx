import { fireEvent, render, screen, within } from '@testing-library/react'
import { Http, type DownloadRequest } from '@/services/http'
import { createNoticeDeskService } from '@/services/notice-desk'
import { memoryTokenStorage } from '@/services/token-storage'
import { NoticeAttachments } from '@/packages/notices/components/notice-attachments'
import { NoticeStores } from '@/stores/notices'
import { noticeDetailStore } from '@/stores/notices/detail-store'
import { RootStore } from '@/stores/root-store'
import { fakePhone } from './support/duty-fixtures'
import { fakeNoticeApi, notice } from './support/notice-fixtures'

const IMAGE = { fileId: 'img1', mime: 'image/jpeg', url: '/api/files/img1?v=full&exp=1&sig=a', thumbUrl: '/api/files/img1?v=thumb&exp=1&sig=b' }
// for a PDF, thumbUrl is the PDF itself: it must never be drawn as an image
const PDF = { fileId: 'pdf1', mime: 'application/pdf', url: '/api/files/pdf1?v=full&exp=1&sig=c', thumbUrl: '/api/files/pdf1?v=thumb&exp=1&sig=d' }

describe('NoticeAttachments (通知详情的附件)', () => {
  it('a notice with a PDF shows a 📄 row with 查看, not an image tile', () => {
    const onOpenPdf = jest.fn()
    const n = notice({ id: 'n1', attachments: [PDF] })
    const { container } = render(<NoticeAttachments attachments={n.attachments} onOpenPdf={onOpenPdf} />)

    expect(screen.queryAllByTestId('notice-attachment')).toHaveLength(0)
    expect(container.querySelector(`[src*="pdf1"]`)).toBeNull()
    const row = screen.getByTestId('pdf-attachment')
    expect(row).toHaveTextContent('📄附件.pdf·查看')

    fireEvent.click(within(row).getByText('查看'))
    expect(onOpenPdf).toHaveBeenCalledWith(PDF)
  })

  it('images stay in the grid and PDFs are listed below, numbered when there are several', () => {
    const second = { ...PDF, fileId: 'pdf2', url: '/api/files/pdf2?v=full', thumbUrl: '/api/files/pdf2?v=thumb' }
    render(<NoticeAttachments attachments={[PDF, IMAGE, second]} openingFileId='pdf2' onOpenPdf={jest.fn()} />)

    const tiles = screen.getAllByTestId('notice-attachment')
    expect(tiles).toHaveLength(1)
    expect(tiles[0].getAttribute('src') ?? tiles[0].querySelector('img')?.getAttribute('src')).toContain('img1')
    const rows = screen.getAllByTestId('pdf-attachment')
    expect(rows.map((r) => r.textContent)).toEqual(['📄附件1.pdf·查看', '📄附件2.pdf·打开中…'])
  })

  it('shows nothing without attachments', () => {
    const { container } = render(<NoticeAttachments attachments={[]} onOpenPdf={jest.fn()} />)
    expect(container).toBeEmptyDOMElement()
  })
})

describe('opening a PDF attachment on WeChat', () => {
  it('the detail store downloads the PDF from its signed link, one at a time', async () => {
    const api = fakeNoticeApi()
    const root = new RootStore(api, memoryTokenStorage('t'), fakePhone())
    Object.assign(root, { notices: new NoticeStores(api, { badge: jest.fn() }) })
    const detail = root.store(noticeDetailStore)
    const n = notice({ id: 'n1', attachments: [IMAGE, PDF], receipt: { readAt: '2026-12-01T03:00:00.000Z', ackedAt: null, rsvp: null, attendedAt: null } })
    api.notices.get.mockResolvedValue(n)
    await detail.load('n1')

    let finish: (path: string) => void = () => undefined
    api.notices.attachmentFile.mockImplementation(() => new Promise<string>((resolve) => (finish = resolve)))
    const opening = detail.downloadAttachment('pdf1')
    expect(detail.openingFileId).toBe('pdf1')
    await expect(detail.downloadAttachment('pdf1')).rejects.toThrow('正在打开附件，请稍候')
    finish('wxfile://tmp/a.pdf')

    await expect(opening).resolves.toBe('wxfile://tmp/a.pdf')
    expect(api.notices.attachmentFile).toHaveBeenCalledTimes(1)
    expect(api.notices.attachmentFile).toHaveBeenCalledWith(PDF.url)
    expect(detail.openingFileId).toBeNull()
    await expect(detail.downloadAttachment('nope')).rejects.toThrow('附件不存在')
  })

  it('the service downloads the absolute signed link as it is (no second origin in front)', async () => {
    const seen: DownloadRequest[] = []
    const notices = createNoticeDeskService(
      new Http({
        baseUrl: 'https://api.example.com',
        tokens: memoryTokenStorage('t'),
        transport: async () => ({ statusCode: 200, data: notice({ id: 'n1', attachments: [PDF] }) }),
        downloadTransport: async (req) => {
          seen.push(req)
          return { statusCode: 200, data: null, tempFilePath: 'wxfile://tmp/a.pdf' }
        },
      }),
    )
    const n = await notices.get('n1')
    expect(n.attachments[0].url).toBe('https://api.example.com/api/files/pdf1?v=full&exp=1&sig=c')

    await expect(notices.attachmentFile(n.attachments[0].url)).resolves.toBe('wxfile://tmp/a.pdf')
    expect(seen.map((r) => r.url)).toEqual(['https://api.example.com/api/files/pdf1?v=full&exp=1&sig=c'])
  })
})
