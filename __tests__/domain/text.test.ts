import { normalizeText } from '../../domain/text'

describe('normalizeText: what is stored of what people type', () => {
  it.each([
    ['trims spaces, tabs and full-width spaces', '\u3000 王芳 \t', {}, '王芳'],
    ['removes NUL and other control characters', 'a\u0000b\u0007c\u009F', {}, 'abc'],
    ['removes direction overrides and zero-width spaces', '\u202E王\u200B芳\u2066\uFEFF', {}, '王芳'],
    ['nothing visible left is empty', '\u200B\u200D \u202E', {}, ''],
    ['keeps joiners inside an emoji', '👨\u200D👩\u200D👧', {}, '👨\u200D👩\u200D👧'],
    ['a name is one line', '三年级\r\n二班', {}, '三年级 二班'],
    ['a description keeps its lines, at most one blank line between', ' 井盖松动\r\n\r\n\r\n\r\n靠近南门 ', { multiline: true }, '井盖松动\n\n靠近南门'],
    ['composes to NFC', 'e\u0301', {}, 'é'],
  ])('%s', (_name, input, options, expected) => {
    expect(normalizeText(input, options)).toBe(expected)
  })
})
