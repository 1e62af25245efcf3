/** @jest-environment node */
// The build swaps lodash.kebabcase for src/shims/kebab-case.ts (config/index.ts): NutUI's
// ConfigProvider, its one user, must get the same CSS variable names from it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import kebabCase from '@/shims/kebab-case'

// lodash's own (NutUI's dependency; no type declarations)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lodashKebabCase = require('lodash.kebabcase') as (text: string) => string

const typesFile = path.join(path.dirname(require.resolve('@nutui/nutui-react-taro/package.json')), 'dist/es/packages/configprovider/types.d.ts')
const themeKeys = [...readFileSync(typesFile, 'utf8').matchAll(/'(nutui[A-Za-z0-9]+)'/g)].map((m) => m[1])

describe('kebabCase (stand-in for lodash.kebabcase)', () => {
  it('names every NutUI theme variable as lodash does', () => {
    expect(themeKeys.length).toBeGreaterThan(500)
    // digits, runs of capitals and single letters all occur among them
    expect(themeKeys.some((k) => /\d/.test(k))).toBe(true)
    const differing = themeKeys.filter((k) => kebabCase(k) !== lodashKebabCase(k))
    expect(differing).toEqual([])
  })

  it.each([
    'fooBar',
    'FooBar',
    'XMLHttpRequest',
    'nutuiColorPrimaryStop1',
    'abc2def',
    'a1B2c3',
    'ABC',
    'foo_bar-baz qux',
    '--foo--bar--',
    "it's",
    '',
    'already-kebab',
    'HTML5Parser',
  ])('agrees with lodash on %j', (input) => {
    expect(kebabCase(input)).toBe(lodashKebabCase(input))
  })

  it('treats null and undefined as empty text, as lodash does', () => {
    expect(kebabCase(null)).toBe(lodashKebabCase(null as unknown as string))
    expect(kebabCase(undefined)).toBe('')
  })
})
