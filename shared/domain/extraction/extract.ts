/**
 * Values from a unit's own work summary: for each indicator, the figure the summary states for it, or
 * no value and why. Tuned for precision — a wrong value is worse than no value — so several different
 * achieved figures are reported as ambiguous unless the indicator's name or keywords carry the
 * qualifier of exactly one of them, and planned, approximate and changed figures are never proposed.
 */
import { candidatesOf, type Document, type Fit, type RawCandidate } from './candidates';
import { findFigures, unitHintOf } from './figures';
import { normalisePhrase, normaliseText } from './normalise';
import { clausesOf, plannedSections, sentencesOf } from './segments';
import { findMentions, termsOf } from './terms';
import type { Candidate, ExtractionIndicator, ExtractionResult, IndicatorExtraction } from './types';

/** Two-character pieces of the qualifier's Chinese words that the indicator's own words contain. */
const qualifierScore = (qualifier: string, haystack: string): number => {
  const words = qualifier.replace(/达到|分别|其中|累计|平均|达|为|是|约|共|的|已|均|和|及|与/gu, ' ');
  let score = 0;
  for (const run of words.match(/\p{Script=Han}{2,}/gu) ?? [])
    for (let i = 0; i + 2 <= run.length; i++) if (haystack.includes(run.slice(i, i + 2))) score++;
  return score;
};

const decide = (
  indicator: ExtractionIndicator,
  candidates: RawCandidate[],
): Pick<IndicatorExtraction, 'chosen' | 'decision' | 'reason'> => {
  const achieved = candidates.map((c, i) => ({ c, i })).filter(({ c }) => c.status === 'achieved');
  const values = new Set(achieved.map(({ c }) => c.value));
  if (values.size === 1) return { chosen: achieved[0]?.i ?? null, decision: 'single', reason: null };
  if (values.size > 1) {
    // The indicator's own words, its unit in brackets left out (万元 is no qualifier).
    const haystack = termsOf(indicator).join(' ');
    const scored = achieved.map((a) => ({ ...a, score: qualifierScore(a.c.qualifier, haystack) }));
    const best = Math.max(...scored.map((s) => s.score));
    const top = scored.filter((s) => s.score === best);
    if (best > 0 && new Set(top.map((s) => s.c.value)).size === 1)
      return { chosen: top[0]?.i ?? null, decision: 'qualifier', reason: null };
    return { chosen: null, decision: null, reason: 'ambiguous' };
  }
  if (candidates.some((c) => c.status === 'planned'))
    return { chosen: null, decision: null, reason: 'planned-only' };
  if (candidates.some((c) => c.status === 'approximate'))
    return { chosen: null, decision: null, reason: 'approximate-only' };
  return { chosen: null, decision: null, reason: 'none' };
};

/** Scans `source` once and proposes a value (or none, with the reason) for every indicator. */
export const extractValues = (source: string, indicators: ExtractionIndicator[]): ExtractionResult => {
  const { text, origin } = normaliseText(source);
  const doc: Document = {
    text,
    figures: findFigures(text),
    clauses: clausesOf(text),
    sentences: sentencesOf(text),
    planned: plannedSections(text),
  };
  const at = (i: number) => origin[i] ?? source.length;
  const byIndicator = indicators.map(() => new Map<number, RawCandidate>());
  for (const mention of findMentions(text, indicators)) {
    const indicator = indicators[mention.indicator] as ExtractionIndicator;
    const fit: Fit = { measure: indicator.measure, hint: unitHintOf(normalisePhrase(indicator.name)) };
    const seen = byIndicator[mention.indicator] as Map<number, RawCandidate>;
    for (const found of candidatesOf(doc, fit, mention))
      if (!seen.has(found.figure.start)) seen.set(found.figure.start, found);
  }
  const result: ExtractionResult = {};
  indicators.forEach((indicator, index) => {
    const raw = [...(byIndicator[index] as Map<number, RawCandidate>).values()].sort(
      (a, b) => a.figure.start - b.figure.start,
    );
    const decision = decide(indicator, raw);
    const chosen = decision.chosen === null ? undefined : raw[decision.chosen];
    result[indicator.code] = {
      value: chosen?.value ?? null,
      unit: chosen?.unit ?? null,
      ...decision,
      candidates: raw.map(
        (c): Candidate => ({
          value: c.value,
          ...(c.upper === undefined ? {} : { upper: c.upper }),
          unit: c.unit,
          status: c.status,
          rule: c.rule,
          term: c.term,
          qualifier: c.qualifier,
          sentence: source.slice(at(c.sentence.start), at(c.sentence.end)).trim(),
          sentenceStart: at(c.sentence.start),
          start: at(c.figure.start),
          end: at(c.figure.end),
        }),
      ),
    };
  });
  return result;
};
