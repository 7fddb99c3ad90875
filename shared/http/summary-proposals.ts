/**
 * The part of POST …/extraction (./routes/extraction.ts) loaded on its first request: the text of the
 * summary (pasted, or read from a stored file) and a proposal per indicator. It imports nothing the
 * API's start-up code holds, so it adds no shared chunk to what loads at start.
 */
import { type ExtractionIndicator, extractValues, type IndicatorExtraction } from '../domain/extraction';
import { NoTextError, readSummaryText } from '../extraction-readers';

/** Proposals per indicator from the text. */
export const proposalsFromText = (leaves: ExtractionIndicator[], text: string) => {
  const result = extractValues(text, leaves);
  const proposals = leaves.map(({ code, name, measure }) => ({
    code,
    name,
    measure,
    // extractValues answers for every indicator it is given.
    ...(result[code] as IndicatorExtraction),
  }));
  return { characters: text.length, proposals };
};

/** Proposals from a stored file, or why it has no text. */
export const proposalsFromFile = async (leaves: ExtractionIndicator[], name: string, bytes: Uint8Array) => {
  try {
    return proposalsFromText(leaves, await readSummaryText(name, bytes));
  } catch (error) {
    if (error instanceof NoTextError) return error.message;
    throw error;
  }
};
