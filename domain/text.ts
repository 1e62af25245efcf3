// What people type, made safe to store and show: one normaliser for every text field (names,
// titles, descriptions, reasons, notes). Pure; the server applies it while validating input.

/** Invisible characters that only hide or reorder text: bidi controls (RTL overrides) and zero-width spaces. */
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF\u180E]/g
/** Control characters (C0 and C1, NUL included) but tab and line breaks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g
/** Joiners are kept inside emoji, but a text made only of them and spaces is empty. */
const BLANK = /^[\s\u200C\u200D]*$/

export interface TextOptions {
  /** Keeps line breaks (descriptions, notes); otherwise they become spaces (names, titles). */
  multiline?: boolean
}

/** NFC, no control or invisible characters, trimmed; '' when nothing visible is left. */
export function normalizeText(input: string, options: TextOptions = {}): string {
  let text = input.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(INVISIBLE, '')
  text = options.multiline
    ? text
        .replace(/\t/g, ' ')
        .replace(/[ \u3000]+\n/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
    : text.replace(/[\t\n]+/g, ' ')
  text = text.trim()
  return BLANK.test(text) ? '' : text
}
