// Regenerates the tab-bar icons (81×81 PNG: outline = normal, filled = selected) by drawing SVG
// in headless Chromium. Usage: node src/assets/tabbar/generate.mjs
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import sharp from 'sharp'

const here = dirname(fileURLToPath(import.meta.url))
const GRAY = '#8a8f99'
const BLUE = '#1f6feb'

// shape: the outline (filled when selected); detail: lines drawn on top, white on the filled
// shape when selected unless `detailKeepsColor` (the flag's pole, the bell's clapper: outside the shape).
const ICONS = {
  home: { shape: 'M12 38 L40 14 L68 38 L62 38 L62 68 L18 68 L18 38 Z', detail: 'M33 68 L33 53 L47 53 L47 68' },
  duty: { shape: 'M40 10 L66 19 L66 38 C66 55 55 66 40 72 C25 66 14 55 14 38 L14 19 Z', detail: 'M28 40 L37 49 L53 31' },
  report: { shape: 'M22 12 L62 12 L54 27 L62 42 L22 42 Z', detail: 'M22 12 L22 72', detailKeepsColor: true },
  notices: { shape: 'M40 12 C29 12 22 21 22 33 L22 49 L15 58 L65 58 L58 49 L58 33 C58 21 51 12 40 12 Z', detail: 'M33 67 L47 67', detailKeepsColor: true },
  me: { shape: 'M40 13 A14 14 0 1 1 39.99 13 Z M14 70 C14 53 26 45 40 45 C54 45 66 53 66 70 Z', detail: '' },
}

function svg({ shape, detail, detailKeepsColor }, active) {
  const color = active ? BLUE : GRAY
  const body = `<path d="${shape}" fill="${active ? color : 'none'}" stroke="${color}" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>`
  const lines = detail
    ? `<path d="${detail}" fill="none" stroke="${active && !detailKeepsColor ? '#fff' : color}" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>`
    : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81">${body}${lines}</svg>`
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 })
for (const [name, icon] of Object.entries(ICONS)) {
  for (const active of [false, true]) {
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(icon, active)}</body></html>`)
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
    // A palette PNG: a third of the size of Chromium's RGBA one, and these ship in the main package.
    const small = await sharp(png).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toBuffer()
    writeFileSync(join(here, `${name}${active ? '-active' : ''}.png`), small)
  }
}
await browser.close()
