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
