// Stands in for lodash.kebabcase in the build (config/index.ts aliases it). NutUI's ConfigProvider is
// its one user: it turns `theme` keys (nutuiColorPrimary, nutuiButtonBorderRadius2 …, ASCII camelCase)
// into CSS variable names. lodash's copy carries Unicode word tables and deburring (3.9 KB minified
// in the main package) for input NutUI never gives it. Same words as lodash for ASCII text: a
// capital starts a word, a run of capitals is one word (its last capital starts the next word
// when a lower-case letter follows), digits are a word of their own.
// __tests__/app/kebab-case.test.ts compares it with lodash over every NutUI theme variable.
const WORD = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g

export default function kebabCase(input: unknown): string {
  const text = input == null ? '' : String(input).replace(/['\u2019]/g, '')
  return (text.match(WORD) ?? []).join('-').toLowerCase()
}
