// Codemod (not part of `npm run lint`): removes the type assertions that the typed columns of
// db/schema.ts made unnecessary (typescript-eslint's no-unnecessary-type-assertion with type
// information, ~3 min), then the type imports that only those assertions used.
// Run from the repository root: node scripts/codemods/unnecessary-casts.mjs   (CHECK=1: report only)
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'

const root = fileURLToPath(new URL('../..', import.meta.url))
const fix = !process.env.CHECK
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  fix,
  overrideConfig: tseslint.config({
    files: ['server/src/**/*.ts', 'scripts/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './server/tsconfig.json', tsconfigRootDir: root } },
    // only this one rule runs, so every other rule's disable comment would look unused and be removed
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'error' },
  }),
})
const results = await eslint.lintFiles(['server/src', 'scripts'])
const count = results.reduce((n, r) => n + r.messages.length + (r.output === undefined ? 0 : 1), 0)
console.log(fix ? `files rewritten: ${results.filter((r) => r.output !== undefined).length}` : `unnecessary assertions: ${count}`)
if (!fix) process.exit(0)
await ESLint.outputFixes(results)

// Imports left unused: tsc names them (TS6133 / TS6196 / TS6192); drop those names from their import line.
let out = ''
try {
  execFileSync('npx', ['tsc', '-p', 'server/tsconfig.json'], { cwd: root, encoding: 'utf8' })
} catch (e) {
  out = e.stdout
}
const byFile = new Map()
for (const m of out.matchAll(/^(.+?)\((\d+),\d+\): error (TS6133|TS6196|TS6192): (?:'(\w+)')?/gm)) {
  if (!byFile.has(m[1])) byFile.set(m[1], [])
  byFile.get(m[1]).push({ line: Number(m[2]), code: m[3], name: m[4] })
}
for (const [file, errors] of byFile) {
  const lines = readFileSync(file, 'utf8').split('\n')
  for (const { line, code, name } of errors.sort((a, b) => b.line - a.line)) {
    const text = lines[line - 1]
    const m = /^(import (?:type )?\{ )(.*)( \} from .*)$/.exec(text ?? '')
    if (!m && code !== 'TS6192') continue
    if (code === 'TS6192') {
      if (text.startsWith('import')) lines[line - 1] = null
      continue
    }
    const names = m[2]
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== name && s !== `type ${name}`)
    lines[line - 1] = names.length ? `${m[1]}${names.join(', ')}${m[3]}` : null
  }
  writeFileSync(file, lines.filter((l) => l !== null).join('\n'))
}
console.log(`unused imports dropped in ${byFile.size} files`)
