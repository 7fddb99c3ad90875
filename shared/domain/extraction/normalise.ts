/**
 * Normalises a work summary before matching, keeping a map back to the original characters so that
 * every figure found can be shown (and highlighted) where the unit wrote it.
 *
 * Length-preserving pass (one character in, one out): Traditional → Simplified, full-width digits,
 * letters and signs (９２．９３％ → 92.93%), web cruft lines (小编, 本站, 发布时间, 版权…) blanked
 * to spaces. Rewriting pass (lengths change, the map follows): 百分之九十五点五 → 95.5%, 千分之三 → 3‰,
 * "96、9%" (an enumeration comma typed for the decimal point) → 96.9%, thousands separators
 * (12,345 → 12345), spaces between a number and its % or ‰.
 */
import { simplifyChar } from './simplify';

export interface NormalisedText {
  /** The text matched against. */
  text: string;
  /** `origin[i]` is the index in the original text of normalised character `i`; one more entry for the end. */
  origin: Int32Array;
}

/** Full-width ASCII that carries figures or words: digits, letters and the signs of numbers. */
const fullWidth = (code: number): string | undefined => {
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0); // ０-９
  if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a))
    return String.fromCharCode(code - 0xfee0); // Ａ-Ｚ ａ-ｚ
  switch (code) {
    case 0xff05: // ％
      return '%';
    case 0xff0e: // ．
      return '.';
    case 0xff0b: // ＋
      return '+';
    case 0xff0d: // －
      return '-';
    case 0xff5e: // ～
      return '~';
    case 0x3000: // ideographic space
      return ' ';
    case 0x2030: // ‰ stays
      return undefined;
  }
  return undefined;
};

/**
 * A line that is navigation or publishing residue of a copied web page, never the unit's own words.
 * Short lines only (a paragraph that happens to mention 点击 is kept), except the unmistakable marks.
 */
const CRUFT_ALWAYS = /小编|本站|版权所有|copyright|©|责任编辑|免责声明/i;
const CRUFT_SHORT =
  /发布时间|发布日期|更新时间|来源[:：]|作者[:：]|浏览次数|阅读次数|阅读量|上一篇|下一篇|延伸阅读|相关推荐|相关文章|热门推荐|猜你喜欢|点击|扫一扫|关注|分享到|www\.|https?:|\.com|\.cn\b|返回首页|打印本页|关闭窗口/i;
const isCruft = (line: string) => CRUFT_ALWAYS.test(line) || (line.length <= 120 && CRUFT_SHORT.test(line));

/** Pass 1: same length, so offsets are unchanged. */
const mapCharacters = (source: string): string => {
  let out = '';
  let lineStart = 0;
  const flushLine = (end: number) => {
    let line = '';
    for (let i = lineStart; i < end; i++) {
      const char = source[i] as string;
      line += fullWidth(char.charCodeAt(0)) ?? simplifyChar(char);
    }
    out += isCruft(line) ? ' '.repeat(line.length) : line;
  };
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\n') {
      flushLine(i);
      out += '\n';
      lineStart = i + 1;
    }
  }
  flushLine(source.length);
  return out;
};

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 九十五点五 → "95.5", 百 → "100", 十二 → "12"; undefined when it is not a plain numeral. */
export const chineseNumeral = (numeral: string): string | undefined => {
  if (/^\d+(\.\d+)?$/.test(numeral)) return numeral;
  const [whole = '', fraction] = numeral.split('点');
  let value = 0;
  let digit = 0;
  for (const char of whole) {
    if (char in DIGIT) digit = DIGIT[char] as number;
    else if (char === '十') {
      value += (digit || 1) * 10;
      digit = 0;
    } else if (char === '百') {
      value += (digit || 1) * 100;
      digit = 0;
    } else return undefined;
  }
  value += digit;
  if (fraction === undefined) return String(value);
  let decimals = '';
  for (const char of fraction) {
    if (!(char in DIGIT)) return undefined;
    decimals += String(DIGIT[char]);
  }
  return decimals ? `${value}.${decimals}` : undefined;
};

const NUMERAL = '[零〇一二两三四五六七八九十百点]+|\\d+(?:\\.\\d+)?';
/** The rewrites of pass 2, tried at each position in this order. */
const REWRITE = new RegExp(
  [
    `(百分之|千分之)(${NUMERAL})`, // 1 kind, 2 numeral
    '(\\d)、(\\d{1,2})(?=\\s*(?:%|‰|余|多|万|亿|元))', // 3 whole, 4 decimals: 96、9% → 96.9%
    '(?<![\\d.])(\\d{1,3}(?:,\\d{3})+)(?![\\d])', // 5 thousands separators
    '(\\d)\\s+(?=[%‰])', // 6 a space before the sign
  ].join('|'),
  'gu',
);

const rewrite = (match: string, ...groups: (string | undefined)[]): string => {
  const [kind, numeral, whole, decimals, thousands, spaced] = groups;
  if (kind && numeral) {
    const value = numeral === '百' ? '100' : chineseNumeral(numeral);
    return value === undefined ? match : `${value}${kind === '百分之' ? '%' : '‰'}`;
  }
  if (whole && decimals) return `${whole}.${decimals}`;
  if (thousands) return thousands.replaceAll(',', '');
  if (spaced) return spaced;
  return match;
};

/** Normalises `source` for matching; see the module comment for what changes. */
export const normaliseText = (source: string): NormalisedText => {
  const mapped = mapCharacters(source);
  let text = '';
  const origin: number[] = [];
  let last = 0;
  for (const match of mapped.matchAll(REWRITE)) {
    const start = match.index;
    for (let i = last; i < start; i++) origin.push(i);
    text += mapped.slice(last, start);
    const replaced = rewrite(match[0], ...match.slice(1));
    // Every character of a rewrite points at the start of what it replaced.
    for (let i = 0; i < replaced.length; i++) origin.push(start + Math.min(i, match[0].length - 1));
    text += replaced;
    last = start + match[0].length;
  }
  for (let i = last; i < mapped.length; i++) origin.push(i);
  text += mapped.slice(last);
  origin.push(mapped.length);
  return { text, origin: Int32Array.from(origin) };
};

/** Normalises a short phrase (an indicator name or keyword) the same way, without the offsets. */
export const normalisePhrase = (phrase: string): string => normaliseText(phrase.trim()).text;
