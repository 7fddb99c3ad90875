/**
 * What `npm run score -- scenario.json --hash` prints: the SHA-256 of the canonical scenario and of
 * the canonical results. The published page shows this very text, so a citizen compares in one step.
 */
export const SCORE_HASH_COMMAND = 'npm run score -- scenario.json --hash';

/** The two lines the command prints (and the page shows), newline-terminated. */
export const scoreHashLines = (hashes: { scenarioSha256: string; resultsSha256: string }) =>
  `scenario sha256 ${hashes.scenarioSha256}\nresults  sha256 ${hashes.resultsSha256}\n`;
