/**
 * Candidates of one mention: the figures of its clause (and of the clauses that continue it) whose
 * unit fits the indicator's measure, each with its status. See CandidateRule for the four ways.
 */
import type { Measure } from '../../schemas/scenario';
import { type Figure, type UnitHint, valueFor } from './figures';
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
const MAX_NEXT_GAP = 12;
const MAX_CONTINUATION_PREFIX = 6;
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
  hint: UnitHint | undefined;
}

/** Where a figure was found for a mention, and what lies between them. */
interface Placement {
  figure: Figure;
  clause: Span;
  sentence: Span;
  rule: CandidateRule;
  term: string;
  gap: string;
  qualifier: string;
}

/** Builds the candidate for a placed figure, or nothing when its unit does not fit. */
const candidate = (doc: Document, fit: Fit, p: Placement): RawCandidate | undefined => {
  const valued = valueFor(p.figure, fit.measure, fit.hint);
  if (!valued) return undefined;
  const context: StatusContext = {
    before: doc.text.slice(p.clause.start, p.figure.start),
    after: doc.text.slice(p.figure.end, p.clause.end),
    sentenceBefore: doc.text.slice(p.sentence.start, p.figure.start),
    gap: p.gap,
    approximate: p.figure.approximate,
    range: p.figure.upper !== undefined,
    underPlanHeading: spanIndexAt(doc.planned, p.figure.start) >= 0,
  };
  const { figure, rule, term, qualifier, sentence } = p;
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
  const qualifier = labels[position] ?? '';
  const found = candidate(doc, fit, {
    figure,
    clause,
    sentence,
    rule: 'respectively',
    term: mention.term,
    gap: '',
    qualifier,
  });
  return found ? [found] : [];
};

/** A qualifier between a name and its figure (城镇居民), not merely a verb (达到, 为). */
const VERBS = /达到|分别|为|是|达|约|共|累计|平均|已|均|了/gu;
const hasQualifier = (gap: string) => /\p{Script=Han}{2,}/u.test(gap.replace(VERBS, ''));

/** The candidates of one mention. */
export const candidatesOf = (doc: Document, fit: Fit, mention: Mention): RawCandidate[] => {
  const text = doc.text;
  const term = mention.term;
  const clauseIndex = spanIndexAt(doc.clauses, mention.start);
  const clause = doc.clauses[clauseIndex];
  const sentence = doc.sentences[spanIndexAt(doc.sentences, mention.start)];
  if (!clause || !sentence) return [];
  const listed = respectively(doc, fit, mention, clause, sentence);
  if (listed) return listed;

  const found: RawCandidate[] = [];
  const leading = text.slice(clause.start, mention.start);
  let from = mention.end;
  // Figures after the first one belong to the name too only when the first had a qualifier of its own
  // (知晓率城镇居民95%、农村居民71.21%) or when nothing names them (97.7%、73.4%); otherwise a new
  // label starts a new thing (手册23622本、宣传单27300张; 就诊人次：9246人次处方量：8139人次).
  let parallel = false;
  for (const figure of figuresIn(doc, mention.end, clause.end)) {
    const gap = text.slice(from, figure.start);
    if (gap.length > (found.length ? MAX_NEXT_GAP : MAX_GAP) || gap.includes('率')) break;
    if (found.length > 0 && !parallel && hasQualifier(gap)) break;
    const qualifier = `${leading}${gap}`;
    const made = candidate(doc, fit, { figure, clause, sentence, rule: 'after-term', term, gap, qualifier });
    if (made) {
      if (found.length === 0) parallel = hasQualifier(gap);
      found.push(made);
    }
    from = figure.end;
  }
  if (found.length > 0) {
    // Following clauses of the sentence that only name a qualifier: 城镇居民95%，农村居民71.21%. Only
    // when the first figure had a qualifier of its own (not 罚款2万元，报销费用5亿元: two things).
    if (!parallel) return found;
    for (let i = clauseIndex + 1; i < doc.clauses.length; i++) {
      const next = doc.clauses[i] as Span;
      if (next.start >= sentence.end) break;
      const figure = figuresIn(doc, next.start, next.end)[0];
      if (!figure) break;
      const prefix = text.slice(next.start, figure.start).trim();
      if (prefix.length > MAX_CONTINUATION_PREFIX || prefix.includes('率')) break;
      const placement = { figure, clause: next, sentence, term, gap: prefix, qualifier: prefix };
      const made = candidate(doc, fit, { ...placement, rule: 'continuation' });
      if (!made) break;
      found.push(made);
    }
    return found;
  }
  // The figure just before the name: 组织31支医疗队 for 医疗队数.
  const figure = figuresIn(doc, clause.start, mention.start).at(-1);
  if (figure) {
    const gap = text.slice(figure.end, mention.start);
    if (gap.length <= MAX_BEFORE_GAP && !gap.includes('率')) {
      const made = candidate(doc, fit, {
        figure,
        clause,
        sentence,
        rule: 'before-term',
        term,
        gap,
        qualifier: gap,
      });
      if (made) found.push(made);
    }
  }
  return found;
};
