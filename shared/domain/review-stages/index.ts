/** Self-assessment (自查自评) and staged review (初审 → 复审 → 审定): the pure rules. */
export * from './distance';
export * from './review';
export * from './self-score';
export * from './settings';
export * from './view';
