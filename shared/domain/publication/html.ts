/** Minimal, safe HTML building for the static ranking site: every interpolated value is escaped. */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** A tagged template that escapes interpolations unless they are `raw(...)` fragments. */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string) => new Raw(html);

export const html = (strings: TemplateStringsArray, ...values: unknown[]): Raw =>
  raw(
    strings.reduce((out, part, i) => {
      if (i === 0) return part;
      const value = values[i - 1];
      const rendered = Array.isArray(value)
        ? value.map((v) => (v instanceof Raw ? v.html : escapeHtml(v))).join('')
        : value instanceof Raw
          ? value.html
          : value === undefined || value === null || value === false
            ? ''
            : escapeHtml(value);
      return out + rendered + part;
    }, ''),
  );

export const page = (options: { title: string; css: string; body: Raw; lang?: string }) =>
  `<!doctype html>\n${
    html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="stylesheet" href="${options.css}">
</head>
<body>
${options.body}
</body>
</html>
`.html
  }`;
