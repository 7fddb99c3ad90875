/**
 * Traditional → Simplified Chinese, character by character, from OpenCC's own table (TSCharacters,
 * shipped by opencc-js). OpenCC's phrase pass is left out on purpose: it is ~100 ms per 36 K characters
 * here (the whole budget of an extraction), it may change a text's length (so offsets would drift),
 * and the phrases it fixes (乾隆, 後天…) never carry an indicator name or a figure.
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';

let table: Map<string, string> | undefined;

/** The character table, built on first use (≈4 000 pairs, ~2 ms). */
const simplifiedOf = (): Map<string, string> => {
  if (table) return table;
  table = new Map();
  for (const pair of TSCharacters.split('|')) {
    const [from, to] = pair.split(' ');
    // Only one-for-one BMP characters keep the text's length (and so every offset) unchanged.
    if (from && to && from.length === 1 && to.length === 1 && from !== to) table.set(from, to);
  }
  return table;
};

/** The Simplified form of one character (the character itself when it has none). */
export const simplifyChar = (char: string): string => simplifiedOf().get(char) ?? char;
