// The map marker of a hazard (WeChat's <map> needs an image file for markers). Run once:
// node src/packages/hazards/assets/generate.mjs — kept above Taro's 2 KB inline limit so that the
// build emits a file (a data: URL is not a valid marker icon).
import sharp from 'sharp'
import { fileURLToPath } from 'node:url'

const out = fileURLToPath(new URL('./marker.png', import.meta.url))
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="120" viewBox="0 0 96 120">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ff6b4a"/><stop offset="1" stop-color="#d4380d"/></linearGradient></defs>
  <path d="M48 116 C48 116 8 70 8 44 A40 40 0 1 1 88 44 C88 70 48 116 48 116 Z" fill="url(#g)" stroke="#ffffff" stroke-width="5"/>
  <path d="M48 20 L72 62 L24 62 Z" fill="#ffffff"/>
  <rect x="45" y="34" width="6" height="15" rx="3" fill="#d4380d"/>
  <circle cx="48" cy="55" r="3.5" fill="#d4380d"/>
</svg>`
await sharp(Buffer.from(svg)).png({ compressionLevel: 6, palette: false }).toFile(out)
