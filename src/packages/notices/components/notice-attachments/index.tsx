// A notice's attachments: images as thumbnails (tap to see them full size) and PDFs as rows with
// 查看. Opening a PDF is the page's business (a new tab in the browser, openDocument on WeChat).
import { Text, View } from '@tarojs/components'
import type { Notice } from '@/types/notices'
import { AttachmentGrid } from '../attachment-grid'
import { PdfRow } from '../pdf-row'

export type NoticeAttachment = Notice['attachments'][number]

export const PDF_MIME = 'application/pdf'

export function isImageAttachment(a: { mime: string }): boolean {
  return a.mime.startsWith('image/')
}

export function isPdfAttachment(a: { mime: string }): boolean {
  return a.mime === PDF_MIME
}

/** The notice gives no file names: 附件.pdf, or 附件1.pdf, 附件2.pdf… when there are several. */
export function pdfDisplayName(index: number, count: number): string {
  return count > 1 ? `附件${index + 1}.pdf` : '附件.pdf'
}

export function NoticeAttachments({
  attachments,
  openingFileId = null,
  onOpenPdf,
}: {
  attachments: NoticeAttachment[]
  /** The PDF being fetched (WeChat): its row says so. */
  openingFileId?: string | null
  onOpenPdf: (attachment: NoticeAttachment) => void
}) {
  const images = attachments.filter(isImageAttachment)
  const pdfs = attachments.filter(isPdfAttachment)
  if (!images.length && !pdfs.length) return null
  return (
    <View className='notice-attachments'>
      <AttachmentGrid images={images} />
      {pdfs.map((a, i) => (
        // no size: a notice's attachments do not carry it (types/notices.ts)
        <PdfRow key={a.fileId} name={pdfDisplayName(i, pdfs.length)}>
          <Text className='pdf-row__dot'>·</Text>
          <Text
            className={`pdf-row__action${openingFileId === a.fileId ? ' pdf-row__action--busy' : ''}`}
            data-testid='pdf-open'
            onClick={(e) => {
              e.stopPropagation()
              onOpenPdf(a)
            }}
          >
            {openingFileId === a.fileId ? '打开中…' : '查看'}
          </Text>
        </PdfRow>
      ))}
    </View>
  )
}
