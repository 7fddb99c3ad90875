/**
 * Candidates of one mention: the figures of its clause (and of the clauses that continue it) whose
 * unit fits the indicator's measure, each with its status. See CandidateRule for the four ways.
 */
import type { Measure } from '../../schemas/scenario';
import { type Figure, valueFor } from './figures';
import type { Span } from './segments';
import { spanIndexAt } from './segments';
import { type StatusContext, statusOf } from './status';
import type { Mention } from './terms';
import type { CandidateRule, CandidateStatus } from './types';

/** The text, split and scanned once for all indicators. */
export interface Document {
  text: string;
  figures: Figure[];
  clauses: Span[];
  sentences: Span[];
  planned: Span[];
}

export interface RawCandidate {
  figure: Figure;
  value: number;
  upper?: number;
  unit: string;
  status: CandidateStatus;
  rule: CandidateRule;
  term: string;
  qualifier: string;
  sentence: Span;
}

/** How far a figure may sit from its name, and the longest qualifier a continuing clause may carry. */
const MAX_GAP = 20;
const MAX_CONTINUATION_PREFIX = 6;
/** Words between a name and its figure that are no qualifier. */
const VERBS = /达到|分别|为|是|达|约|共|累计|平均|已|均|了/gu;
const MAX_BEFORE_GAP = 6;

/** Figures whose start lies in [start, end), in order. */
const figuresIn = (doc: Document, start: number, end: number): Figure[] => {
  const out: Figure[] = [];
  let low = 0;
  let high = doc.figures.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((doc.figures[mid] as Figure).start < start) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < doc.figures.length && (doc.figures[i] as Figure).start < end; i++)
    out.push(doc.figures[i] as Figure);
  return out;
};

export interface Fit {
  measure: Measure;
  hint: { base: string; multiplier: number } | undefined;
}

/** Builds the candidate for `figure`, or nothing when its unit does not fit. */
const candidate = (
  doc: Document,
  fit: Fit,
  figure: Figure,
  clause: Span,
  sentence: Span,
  rule: CandidateRule,
  term: string,
  gap: string,
  qualifier: string,
): RawCandidate | undefined => {
  const valued = valueFor(figure, fit.measure, fit.hint);
  if (!valued) return undefined;
  const context: StatusContext = {
    before: doc.text.slice(clause.start, figure.start),
    after: doc.text.slice(figure.end, clause.end),
    sentenceBefore: doc.text.slice(sentence.start, figure.start),
    gap,
    approximate: figure.approximate,
    range: figure.upper !== undefined,
    underPlanHeading: spanIndexAt(doc.planned, figure.start) >= 0,
  };
  return { figure, ...valued, status: statusOf(context), rule, term, qualifier, sentence };
};

/** 检测率、筛查率分别达到97.7%、91.63%: the mention's place in the list picks the figure. */
const respectively = (doc: Document, fit: Fit, mention: Mention, clause: Span, sentence: Span) => {
  const text = doc.text;
  const at = text.indexOf('分别', mention.end);
  if (at < 0 || at >= clause.end) return undefined;
  const labels = text.slice(clause.start, at).split(/、|和|及|与/u);
  let offset = clause.start;
  let position = -1;
  labels.forEach((label, i) => {
    if (mention.start >= offset && mention.start < offset + label.length) position = i;
    offset += label.length + 1;
  });
  const figures = figuresIn(doc, at, clause.end);
  // Only a list and figures that pair one for one; anything else is left alone rather than guessed.
  if (labels.length < 2 || figures.length !== labels.length || position < 0) return [];
  const figure = figures[position] as Figure;
  const found = candidate(
    doc,
    fit,
    figure,
    clause,
    sentence,
    'respectively',
    mention.term,
    '',
    labels[position] ?? '',
  );
  return found ? [found] : [];
};

/** The candidates of one mention. */
export const candidatesOf = (doc: Document, fit: Fit, mention: Mention): RawCandidate[] => {
  const text = doc.text;
  const clauseIndex = spanIndexAt(doc.clauses, mention.start);
  const clause = doc.clauses[clauseIndex];
  const sentence = doc.sentences[spanIndexAt(doc.sentences, mention.start)];
  if (!clause || !sentence) return [];
  const listed = respectively(doc, fit, mention, clause, sentence);
  if (listed) return listed;

  const found: RawCandidate[] = [];
  const leading = text.slice(clause.start, mention.start);
  let from = mention.end;
  for (const figure of figuresIn(doc, mention.end, clause.end)) {
    const gap = text.slice(from, figure.start);
    if (gap.length > (found.length ? 12 : MAX_GAP) || gap.includes('率')) break;
    const made = candidate(
      doc,
      fit,
      figure,
      clause,
      sentence,
      'after-term',
      mention.term,
      gap,
      `${leading}${gap}`,
    );
    if (made) found.push(made);
    from = figure.end;
  }
  if (found.length > 0) {
    // Following clauses of the sentence that only name a qualifier: 城镇居民95%，农村居民71.21%. Only
    // when the first figure had a qualifier of its own (not 罚款2万元，报销费用5亿元: two things).
    const firstGap = text.slice(mention.end, (found[0] as RawCandidate).figure.start);
    if (!/\p{Script=Han}{2,}/u.test(firstGap.replace(VERBS, ''))) return found;
    for (let i = clauseIndex + 1; i < doc.clauses.length; i++) {
      const next = doc.clauses[i] as Span;
      if (next.start >= sentence.end) break;
      const first = figuresIn(doc, next.start, next.end)[0];
      if (!first) break;
      const prefix = text.slice(next.start, first.start).trim();
      if (prefix.length > MAX_CONTINUATION_PREFIX || prefix.includes('率')) break;
      const made = candidate(doc, fit, first, next, sentence, 'continuation', mention.term, prefix, prefix);
      if (!made) break;
      found.push(made);
    }
    return found;
  }
  // The figure just before the name: 为720万市民建立健康档案 for 建立健康档案人数.
  const before = figuresIn(doc, clause.start, mention.start).at(-1);
  if (before) {
    const gap = text.slice(before.end, mention.start);
    if (gap.length <= MAX_BEFORE_GAP && !gap.includes('率')) {
      const made = candidate(doc, fit, before, clause, sentence, 'before-term', mention.term, gap, gap);
      if (made) found.push(made);
    }
  }
  return found;
};
