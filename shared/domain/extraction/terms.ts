/**
 * Where each indicator is named in the text: its name (without a unit in brackets) and its keywords,
 * normalised like the text. A mention inside a longer mention is dropped, whoever it belongs to:
 * "婴儿死亡率" is not a mention of an indicator whose keyword is "死亡率".
 */
import { normalisePhrase } from './normalise';
import type { ExtractionIndicator } from './types';

export interface Mention {
  indicator: number;
  term: string;
  start: number;
  end: number;
}

/** The phrases an indicator is known by, longest first, two characters or more. */
export const termsOf = (indicator: ExtractionIndicator): string[] => {
  const name = indicator.name.replace(/\s*[（(][^（()）]*[)）]\s*$/u, '');
  const phrases = [name, ...(indicator.keywords ?? [])].map(normalisePhrase).filter((p) => p.length >= 2);
  return [...new Set(phrases)].sort((a, b) => b.length - a.length);
};

/** Every mention of every indicator, in text order, contained mentions removed. */
export const findMentions = (text: string, indicators: ExtractionIndicator[]): Mention[] => {
  const all: Mention[] = [];
  indicators.forEach((indicator, index) => {
    for (const term of termsOf(indicator)) {
      for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1))
        all.push({ indicator: index, term, start: at, end: at + term.length });
    }
  });
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  let reach = -1;
  for (const mention of all) {
    // Sorted by start, longest first: a mention ending within the furthest reach so far is inside
    // an earlier (longer or equal) one — kept only when it is the very same span (another indicator's
    // identical keyword).
    const last = kept[kept.length - 1];
    if (mention.end <= reach && !(last && last.start === mention.start && last.end === mention.end)) continue;
    kept.push(mention);
    reach = Math.max(reach, mention.end);
  }
  return kept;
};
