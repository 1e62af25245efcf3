// No role name is compared outside domain/authorization.ts: a comparison in a route, a service,
// a store or a page is the policy leaking out (DESIGN.md §6). Ask can(), holds(), reachOf().
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ROLES } from '../../types/org'
import { ROOT, sourceFiles as files } from './support/source-files'

const names = ROLES.join('|')
const COMPARISONS = [
  // `=== 'police'`, `!== 'volunteer'`, `.includes('admin')`
  new RegExp(`(===|!==|includes\\()\\s*'(${names})'`),
  // `'police' === x`
  new RegExp(`'(${names})'\\s*(===|!==)`),
]
// role lists standing in for the policy: `['principal', 'police', 'admin']` (the demo seed's
// list of who is who at a school is data, not a rule)
const ROLE_LIST = new RegExp(`\\[\\s*'(${names})'\\s*,\\s*'(${names})'`)
const PATTERNS = [...COMPARISONS, ROLE_LIST]

it('server/src and src compare no role names (only domain/authorization.ts does)', () => {
  const found: string[] = []
  for (const file of [...files(join(ROOT, 'server', 'src')), ...files(join(ROOT, 'src'))]) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const patterns = file.includes(join('db', 'seed')) ? COMPARISONS : PATTERNS
        if (patterns.some((p) => p.test(line))) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`)
      })
  }
  expect(found).toEqual([])
})

it('the check itself finds a comparison', () => {
  expect(PATTERNS.some((p) => p.test("if (g.role === 'admin') return"))).toBe(true)
  expect(PATTERNS.some((p) => p.test("const MANAGERS = ['principal', 'police', 'admin']"))).toBe(true)
})
