/**
 * A date typed and shown as 2026-12-06 whatever the browser's language: a text input with the
 * format as placeholder (a native `type="date"` shows 12/06/2026 and English labels on an English
 * browser). The server checks the date itself.
 */
export const DATE_INPUT = {
  type: 'text',
  inputMode: 'numeric',
  pattern: '\\d{4}-\\d{2}-\\d{2}',
  placeholder: '如 2026-12-06',
  maxLength: 10,
  autoComplete: 'off',
} as const;
