// Codemod: the server imports types/ and domain/ through the path aliases the app already uses
// (`@/types/…`, `@/domain/…`) instead of `../../../../types/…`. Idempotent: run it again after
// merging a branch that adds relative imports.   node scripts/codemods/server-alias.mjs
// It rewrites the imports of server/src, and makes sure the aliases are declared for tsc
// (server/tsconfig.json) and jest (jest.config.js, server and e2e projects); tsx reads them from
// the root tsconfig.json, which the app shares.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const ALIASED = ['types', 'domain']

function* tsFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* tsFiles(path)
    else if (path.endsWith('.ts')) yield path
  }
}

let files = 0
let imports = 0
for (const file of tsFiles(join(root, 'server', 'src'))) {
  const text = readFileSync(file, 'utf8')
  // static imports/exports (`from '…'`), dynamic imports and jest.mock paths
  const next = text.replace(/(from\s+|import\(\s*|require\(\s*)(['"])(\.\.\/[^'"]+)\2/g, (whole, lead, quote, spec) => {
    const target = relative(root, resolve(dirname(file), spec))
      .split(sep)
      .join('/')
    const top = target.split('/')[0]
    if (!ALIASED.includes(top)) return whole
    imports++
    return `${lead}${quote}@/${target}${quote}`
  })
  if (next !== text) {
    writeFileSync(file, next)
    files++
  }
}

// tsc: the server's own tsconfig
const tsconfigPath = join(root, 'server', 'tsconfig.json')
let tsconfig = readFileSync(tsconfigPath, 'utf8')
if (!tsconfig.includes('"paths"')) {
  const paths = ALIASED.map((d) => `"@/${d}/*": ["../${d}/*"]`).join(', ')
  tsconfig = tsconfig.replace('"compilerOptions": {\n', () => `"compilerOptions": {\n    "paths": { ${paths} },\n`)
  writeFileSync(tsconfigPath, tsconfig)
}

// jest: the projects that load server code
const jestPath = join(root, 'jest.config.js')
let jest = readFileSync(jestPath, 'utf8')
if (!jest.includes('const serverAliases')) {
  const declaration = `// the server imports types/ and domain/ as @/types/… and @/domain/… (as the app does)\nconst serverAliases = { '^@/(${ALIASED.join('|')})/(.*)$': '<rootDir>/$1/$2' }\n\n`
  jest = jest.replace("/** @type {import('jest').Config} */", (marker) => declaration + marker)
  jest = jest.replace(/displayName: '(server|e2e)',\n/g, (line) => `${line}      moduleNameMapper: serverAliases,\n`)
  writeFileSync(jestPath, jest)
}
console.log(`server-alias: ${imports} imports rewritten in ${files} files`)
