// Draws the certificate of service on a 2D canvas context (the browser's or WeChat's canvas 2d,
// which share this API). Coordinates are in a 750 × 1060 sheet (A4's proportions); the caller
// scales the context to the canvas' pixels.
import type { Certificate } from '@/types/attendance'
import { formatLocal } from '@/domain/time'

export const SHEET = { width: 750, height: 1060 }

const RED = '#a8281e'
const INK = '#1f2329'
const GREY = '#646a73'
const FONT = "'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif"

/** The minimum a context must do (both platforms' 2D contexts do). */
export type Ctx2D = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'fillRect'
  | 'strokeRect'
  | 'fillText'
  | 'measureText'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
>

function date(iso: string): string {
  return formatLocal(iso, 'YYYY年M月D日')
}

function localDate(d: string): string {
  const [y, m, day] = d.split('-').map(Number)
  return `${y}年${m}月${day}日`
}

function hours(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

/** The paragraph of the certificate, as people read it. */
export function certificateText(c: Certificate): string {
  return `兹证明 ${c.personName} 于 ${c.termName}（${localDate(c.termStart)}至${localDate(c.termEnd)}）在${c.schoolName}参加校门护学岗志愿服务，累计有效值守 ${c.shifts} 次，志愿服务时长 ${hours(c.hours)} 小时。`
}

/** Breaks Chinese (and mixed) text into lines no wider than `width`. */
function wrap(ctx: Ctx2D, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of Array.from(text)) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line)
      line = ch
    } else {
      line += ch
    }
  }
  if (line) lines.push(line)
  return lines
}

export function drawCertificate(ctx: Ctx2D, c: Certificate): void {
  const { width: W, height: H } = SHEET
  ctx.fillStyle = '#fffdf8'
  ctx.fillRect(0, 0, W, H)

  // a double frame
  ctx.strokeStyle = RED
  ctx.lineWidth = 6
  ctx.strokeRect(28, 28, W - 56, H - 56)
  ctx.lineWidth = 1.5
  ctx.strokeRect(44, 44, W - 88, H - 88)

  ctx.textBaseline = 'alphabetic'
  ctx.textAlign = 'center'
  ctx.fillStyle = RED
  ctx.font = `bold 60px ${FONT}`
  ctx.fillText('志愿服务证明', W / 2, 170)
  ctx.fillStyle = GREY
  ctx.font = `24px ${FONT}`
  ctx.fillText('校门护学岗 · 公安 学校 家长 社会共护平安', W / 2, 218)

  ctx.strokeStyle = RED
  ctx.lineWidth = 1
  ctx.beginPath()
  ctx.moveTo(120, 250)
  ctx.lineTo(W - 120, 250)
  ctx.stroke()

  // the paragraph, indented by two characters as Chinese documents are
  ctx.textAlign = 'left'
  ctx.fillStyle = INK
  ctx.font = `32px ${FONT}`
  const left = 96
  const textWidth = W - left * 2
  const lines = wrap(ctx, `\u3000\u3000${certificateText(c)}`, textWidth)
  let y = 340
  for (const line of lines) {
    ctx.fillText(line, left, y)
    y += 56
  }
  ctx.fillText('\u3000\u3000特此证明。', left, y + 16)

  // the figures, large
  const figuresY = Math.max(y + 130, 700)
  ctx.textAlign = 'center'
  ctx.fillStyle = RED
  ctx.font = `bold 56px ${FONT}`
  ctx.fillText(String(c.shifts), W / 3, figuresY)
  ctx.fillText(hours(c.hours), (W * 2) / 3, figuresY)
  ctx.fillStyle = GREY
  ctx.font = `24px ${FONT}`
  ctx.fillText('值守次数', W / 3, figuresY + 40)
  ctx.fillText('服务时长（小时）', (W * 2) / 3, figuresY + 40)

  // issuers and date, bottom right
  ctx.textAlign = 'right'
  ctx.fillStyle = INK
  ctx.font = `28px ${FONT}`
  const right = W - 96
  ctx.fillText(`出具学校：${c.schoolName}`, right, H - 210)
  ctx.fillText(`${c.districtName}${c.stationName}`, right, H - 166)
  ctx.fillText(date(c.issuedAt), right, H - 122)

  // serial, bottom left
  ctx.textAlign = 'left'
  ctx.fillStyle = GREY
  ctx.font = `20px ${FONT}`
  ctx.fillText(`证明编号：${c.serial}`, 72, H - 72)
  ctx.textAlign = 'right'
  ctx.fillText('依据护学岗签到、签退记录生成', W - 72, H - 72)
}
