#!/usr/bin/env node
// WeChat's package limits, checked on the built mini-program (run after `npm run build:weapp`).
// Main package = every file under dist/weapp not inside a subpackage root; each subpackage =
// the files under its root. Exits 1 when the main package exceeds its budget (WeChat allows 2 MB; the
// main package is what every launch downloads, and README's size table says how it got there) or
// a subpackage exceeds 2 MB. The budget is WeChat readiness's goal, 650 KB (README's size table: from
// 848.6 KB; after the one-click alarm, consent, broadcast and police merges it stood at 656.5 KB).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const MAIN_LIMIT = 650 * 1024
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024

const dist = process.env.OUTPUT_ROOT ? join(process.cwd(), process.env.OUTPUT_ROOT) : join(process.cwd(), 'dist', 'weapp')
const appJsonPath = join(dist, 'app.json')
if (!existsSync(appJsonPath)) {
  console.error(`找不到 ${relative(process.cwd(), appJsonPath)}：请先运行 npm run build:weapp`)
  process.exit(1)
}

const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'))
const roots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) => p.root.replace(/\/+$/, ''))

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path)
    else if (entry.isFile()) yield path
  }
}

const sizes = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
for (const file of files(dist)) {
  const rel = relative(dist, file).split(sep).join('/')
  const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`))
  sizes[root ?? 'main'] += statSync(file).size
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
let failed = false
const line = (name, size, limit) => {
  const over = size > limit
  failed ||= over
  console.log(`${over ? '✖' : '✔'} ${name.padEnd(22)} ${kb(size).padStart(10)}  (limit ${kb(limit)})`)
}

line('main package', sizes.main, MAIN_LIMIT)
for (const root of roots) line(root, sizes[root], SUBPACKAGE_LIMIT)
const total = Object.values(sizes).reduce((a, b) => a + b, 0)
console.log(`  ${'total'.padEnd(22)} ${kb(total).padStart(10)}`)
// After SIZE_MODULES=1 npm run build:weapp: the largest source modules in the main package's files.
const modulesPath = `${dist}-modules.json`
if (existsSync(modulesPath)) {
  const chunks = JSON.parse(readFileSync(modulesPath, 'utf8'))
  // Only chunks written to the main package: code shared by subpackages is a webpack chunk named
  // sub-common/<hash>.js that Taro copies into each subpackage using it (packages/x/sub-common/…) and
  // never writes at the root.
  const inMain = Object.entries(chunks).filter(([file]) => existsSync(join(dist, file)) && !roots.some((r) => file.startsWith(`${r}/`)))
  const rows = inMain.flatMap(([file, modules]) => modules.map((m) => ({ file, ...m })))
  rows.sort((a, b) => b.size - a.size)
  console.log(`\nlargest modules in the main package (before minifying; ${relative(process.cwd(), modulesPath)}):`)
  for (const r of rows.slice(0, 25)) console.log(`  ${kb(r.size).padStart(9)}  ${r.file.padEnd(24)} ${r.module}`)
}
if (failed) {
  console.error('体积超出限制：主包不超过 650 KB，每个分包不超过 2 MB')
  process.exit(1)
}
