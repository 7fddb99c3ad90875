/** Values from a unit's work summary (docs/extraction.md). Pure code: text in, proposals out. */
export { extractValues } from './extract';
export { chineseNumeral, type NormalisedText, normaliseText } from './normalise';
export type {
  Candidate,
  CandidateRule,
  CandidateStatus,
  ExtractionIndicator,
  ExtractionResult,
  IndicatorExtraction,
  NoValueReason,
} from './types';
