// Regenerates the alarm's marker on the WeChat map of the alarm page (a red pin with a white
// exclamation mark, 64×64 palette PNG) from SVG with sharp. Usage: node src/packages/alarm/assets/generate.mjs
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

const here = dirname(fileURLToPath(import.meta.url))
const pin = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <path d="M32 4 C20 4 11 13 11 25 C11 40 32 60 32 60 C32 60 53 40 53 25 C53 13 44 4 32 4 Z" fill="#e5484d" stroke="#fff" stroke-width="3"/>
  <rect x="29" y="13" width="6" height="15" rx="3" fill="#fff"/>
  <circle cx="32" cy="34" r="3.5" fill="#fff"/>
</svg>`
writeFileSync(join(here, 'alarm-marker.png'), await sharp(Buffer.from(pin)).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toBuffer())
