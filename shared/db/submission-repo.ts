/**
 * Quarter-end evidence, one file per access pattern: submission items (`submission-item-repo`),
 * evidence files (`evidence-file-repo`), the unit head's period submission (`period-submission-repo`),
 * the rater's review (`item-review-repo`), extensions (`extension-repo`), idempotency records
 * (`idempotency-repo`) and seeding (`submission-seed`). This module only re-exports them, for
 * callers that use several.
 */
export * from './evidence-file-repo';
export * from './extension-repo';
export * from './idempotency-repo';
export * from './item-review-repo';
export * from './period-submission-repo';
export * from './reporting-agreement';
export * from './submission-item-repo';
export * from './submission-seed';
