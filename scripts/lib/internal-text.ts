/**
 * Text that should never reach a user: status enums, request paths (`body.x`), ids with '#', bare
 * quarters (Q3 → 第三季度). Used by `scripts/screenshots.ts` and the e2e walk of every role's pages.
 */
export const INTERNAL_TEXT =
  /\b(draft|submitted|returned|resubmitted|accepted|in_progress|setup|publicity|published|pending|finalized|approved|rejected|proposed)\b|body\.\w+|\w+#\d|\bQ[1-4]\b/g;
