// Regenerates the post marker of the WeChat map on the shift card (a blue pin, 64×64 PNG) by
// drawing SVG in headless Chromium. Usage: node src/assets/map/generate.mjs
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import sharp from 'sharp'

const here = dirname(fileURLToPath(import.meta.url))
const pin = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <path d="M32 4 C20 4 11 13 11 25 C11 40 32 60 32 60 C32 60 53 40 53 25 C53 13 44 4 32 4 Z" fill="#1f6feb" stroke="#fff" stroke-width="3"/>
  <circle cx="32" cy="25" r="8" fill="#fff"/>
</svg>`

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 64, height: 64 }, deviceScaleFactor: 1 })
await page.setContent(`<html><body style="margin:0;background:transparent">${pin}</body></html>`)
const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 64, height: 64 } })
// A palette PNG: it ships in the main package (see tabbar/generate.mjs).
writeFileSync(join(here, 'post-marker.png'), await sharp(png).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toBuffer())
await browser.close()
