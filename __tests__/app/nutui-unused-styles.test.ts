/** @jest-environment node */
// config/postcss-drop-unused-nutui.js drops NutUI styles the app never asks for from the WeChat
// build. These tests say what it drops, and fail as soon as the source starts asking for one.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import postcss from 'postcss'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dropUnused = require('../../config/postcss-drop-unused-nutui.js') as (() => postcss.Plugin) & { UNUSED_KEYFRAMES: Set<string> }

const root = path.resolve(__dirname, '../..')
const nutui = path.dirname(require.resolve('@nutui/nutui-react-taro/package.json'))
const icons = path.dirname(require.resolve('@nutui/icons-react-taro/package.json'))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) return sourceFiles(file)
    return /\.(tsx?|scss)$/.test(name) ? [file] : []
  })
}
const sources = sourceFiles(path.join(root, 'src')).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }))

const run = (css: string) => postcss([dropUnused()]).process(css, { from: undefined }).css

describe('NutUI styles dropped from the WeChat build', () => {
  it('keeps every button type and size but info and mini, and drops only those', () => {
    const css = readFileSync(path.join(nutui, 'dist/es/packages/button/style/style.css'), 'utf8')
    const out = run(css)
    for (const kept of ['primary', 'default', 'danger', 'success', 'warning', 'small', 'normal', 'large', 'xlarge', 'outline', 'solid', 'none', 'block', 'loading', 'disabled']) {
      expect({ kept, in: out.includes(`.nut-button-${kept}`) }).toEqual({ kept, in: true })
    }
    expect(css).toMatch(/\.nut-button-info\b/)
    expect(out).not.toMatch(/\.nut-button-(info|mini)\b/)
    expect(out.length).toBeLessThan(css.length)
  })

  it("drops the icon animations and their keyframes, keeps the icons' own rules and the loading spin", () => {
    const css = readFileSync(path.join(icons, 'dist/style_icon.css'), 'utf8')
    const out = run(css)
    expect(css).toMatch(/\.nut-icon-am-jump/)
    expect(out).not.toMatch(/nut-icon-am-/)
    for (const name of dropUnused.UNUSED_KEYFRAMES) expect(out).not.toMatch(new RegExp(`@keyframes ${name}\\b`))
    // what is dropped is used nowhere else in what is kept
    for (const name of dropUnused.UNUSED_KEYFRAMES) expect(out).not.toMatch(new RegExp(`\\b${name}\\b`))
    expect(out).toMatch(/\.nut-icon\s*\{/)
    expect(out).toMatch(/@keyframes rotation/)
  })

  it('the app asks for none of them (a Button of type info or size mini, an icon animation class)', () => {
    const asking = sources.filter(({ text }) => /nut-icon-am-|nut-button-(info|mini)\b|<Button\b[^>]*\b(type=\{?['"]info['"]|size=\{?['"]mini['"])/.test(text)).map((s) => s.file)
    expect(asking).toEqual([])
    // a Button's type or size chosen in an expression names its values as string literals
    const dynamic = sources.flatMap(({ file, text }) => [...text.matchAll(/<Button\b[^>]*?\b(?:type|size)=\{([^}]*)\}/g)].map((m) => ({ file, expr: m[1] })))
    expect(dynamic.filter((d) => /['"](info|mini)['"]/.test(d.expr))).toEqual([])
  })
})
