// No role name is compared outside domain/authorization.ts: a comparison in a route, a service,
// a store or a page is the policy leaking out (DESIGN.md §6). Ask can(), holds(), reachOf().
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ROLES } from '../../types/org'

const ROOT = join(__dirname, '..', '..')
const names = ROLES.join('|')
const COMPARISONS = [
  // `=== 'police'`, `!== 'volunteer'`, `.includes('admin')`
  new RegExp(`(===|!==|includes\\()\\s*'(${names})'`),
  // `'police' === x`
  new RegExp(`'(${names})'\\s*(===|!==)`),
]
// role lists standing in for the policy: `['principal', 'police', 'admin']`. The demo seed is
// exempt: its lists and lookups by role cast the demo people (who plays the station's officer in
// the term's history), which is data, not a rule about who may do what.
const ROLE_LIST = new RegExp(`\\[\\s*'(${names})'\\s*,\\s*'(${names})'`)
const PATTERNS = [...COMPARISONS, ROLE_LIST]

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

it('server/src and src compare no role names (only domain/authorization.ts does)', () => {
  const found: string[] = []
  for (const file of [...files(join(ROOT, 'server', 'src')), ...files(join(ROOT, 'src'))]) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (file.includes(join('db', 'seed'))) return
        if (PATTERNS.some((p) => p.test(line))) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`)
      })
  }
  expect(found).toEqual([])
})

it('the check itself finds a comparison', () => {
  expect(PATTERNS.some((p) => p.test("if (g.role === 'admin') return"))).toBe(true)
  expect(PATTERNS.some((p) => p.test("const MANAGERS = ['principal', 'police', 'admin']"))).toBe(true)
})
