/** The shapes extraction reads and answers (docs/extraction.md). */
import type { Measure } from '../../schemas/scenario';

/** What extraction needs of an indicator (a leaf of an agreement or template, or of a scenario). */
export interface ExtractionIndicator {
  code: string;
  name: string;
  measure: Measure;
  /** 别名/关键词: other names the units write for it (参合率 for 新农合参合率). */
  keywords?: string[];
}

/**
 * What a figure is: `achieved` (what was done: 参合率92.93%), `planned` (确保, 力争, 将, 目标, 以上…,
 * or under a plan heading), `approximate` (余, 多, 约, 左右, a range), `change` (上升5.88%, 同比增长8%).
 * Only achieved figures are proposed.
 */
export type CandidateStatus = 'achieved' | 'planned' | 'approximate' | 'change';

/**
 * How the figure was tied to the indicator: `after-term` (the figure follows the name or keyword in
 * its clause), `before-term` (it comes just before: 接待患者120人次 for …), `respectively` (检测率、
 * 筛查率分别达到97.7%、91.63%: by position), `continuation` (a following clause that only names a
 * qualifier: 城镇居民95%，农村居民71.21%).
 */
export type CandidateRule = 'after-term' | 'before-term' | 'respectively' | 'continuation';

export interface Candidate {
  /** In the indicator's terms: % for a rate (‰ when the name asks for ‰), a whole number for a count. */
  value: number;
  /** The upper end of a range (5-8人). */
  upper?: number;
  unit: string;
  status: CandidateStatus;
  rule: CandidateRule;
  /** The name or keyword found. */
  term: string;
  /** Words between the term and the figure (城镇居民), used to pick among several figures. */
  qualifier: string;
  /** The sentence as the unit wrote it, and offsets (UTF-16, in the original text) of it and of the figure. */
  sentence: string;
  sentenceStart: number;
  start: number;
  end: number;
}

/** Why no value is proposed. */
export type NoValueReason = 'none' | 'planned-only' | 'approximate-only' | 'ambiguous';

export interface IndicatorExtraction {
  value: number | null;
  unit: string | null;
  /** Index in `candidates` of the figure proposed. */
  chosen: number | null;
  /** `single` (one achieved value, however often written) or `qualifier` (several, one named by the indicator). */
  decision: 'single' | 'qualifier' | null;
  reason: NoValueReason | null;
  candidates: Candidate[];
}

/** Per indicator code. */
export type ExtractionResult = Record<string, IndicatorExtraction>;
