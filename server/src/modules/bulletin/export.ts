// The bulletin as a Word document (docx: title, period, scope, short paragraphs and tables, ready
// to paste into an official report) and as an Excel sheet, both printed from bulletinReport, so
// they say what the screen says.
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import ExcelJS from 'exceljs'
import { bulletinReport, type ReportTable } from '@/domain/bulletin-report'
import type { Bulletin } from '@/types/bulletin'

const FONT = '仿宋'
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }

function wordTable(t: ReportTable): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, font: FONT, size: 21 })] })],
      borders: { top: border, bottom: border, left: border, right: border },
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: t.headers.map((h) => cell(h, true)) }), ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))],
  })
}

export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const r = bulletinReport(b)
  const text = (s: string) => new Paragraph({ spacing: { line: 360, after: 120 }, indent: { firstLine: 420 }, children: [new TextRun({ text: s, font: FONT, size: 24 })] })
  const doc = new Document({
    creator: '护学岗',
    title: r.title,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: r.title, font: '黑体', size: 36, bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: r.period, font: FONT, size: 24 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: r.scope, font: FONT, size: 24 })] }),
          ...r.sections.flatMap((s) => [
            new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: s.heading, font: '黑体', size: 28 })] }),
            ...s.paragraphs.map(text),
            ...s.tables.flatMap((t) => [wordTable(t), new Paragraph({ children: [] })]),
          ]),
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}

/** One sheet, top to bottom as the Word document: headings, paragraphs, then each table. */
export async function bulletinWorkbook(b: Bulletin): Promise<Buffer> {
  const r = bulletinReport(b)
  const book = new ExcelJS.Workbook()
  book.creator = '护学岗'
  const ws = book.addWorksheet('简报')
  ws.columns = [{ width: 26 }, { width: 14 }, { width: 14 }, { width: 22 }, { width: 16 }, { width: 16 }]
  ws.addRow([r.title]).font = { bold: true, size: 14 }
  ws.addRow([r.period])
  ws.addRow([r.scope])
  for (const s of r.sections) {
    ws.addRow([])
    ws.addRow([s.heading]).font = { bold: true }
    for (const p of s.paragraphs) ws.addRow([p])
    for (const t of s.tables) {
      ws.addRow(t.headers).font = { bold: true }
      for (const row of t.rows) ws.addRow(row)
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
