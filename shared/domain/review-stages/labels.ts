/**
 * The users' words for where a staged review stands (docs/review-stages.md), without zod so the
 * web bundle imports them as values.
 */
export const REVIEW_STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: '自评中',
  first: '待初审',
  second: '待复审',
  final: '待审定',
  done: '已审定',
  returned: '已退回单位',
};

/**
 * The stage sequences a year may set (`reviewStages`: in order, each once, ending with 审定), as
 * the year settings form offers them; the first is the default.
 */
export const REVIEW_STAGE_CHOICES: readonly { stages: readonly string[]; label: string }[] = [
  { stages: ['first', 'second', 'final'], label: '初审 → 复审 → 审定' },
  { stages: ['first', 'final'], label: '初审 → 审定' },
  { stages: ['second', 'final'], label: '复审 → 审定' },
];

/** The label of a year's stage sequence (absent: the default). */
export const reviewStagesText = (stages: readonly string[] | undefined): string =>
  REVIEW_STAGE_CHOICES.find((c) => c.stages.join() === (stages ?? ['first', 'second', 'final']).join())
    ?.label ?? (stages ?? []).join(' → ');
