/** Calendar dates as the bureau reads them (Asia/Shanghai, UTC+8 all year). */

/** The Asia/Shanghai calendar day of an instant, `YYYY-MM-DD`. */
export const shanghaiDate = (instant: Date): string =>
  new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A rectification is overdue when still open after its due day (due today is not overdue). */
export const isOverdue = (r: { state: string; dueDate: string }, today: string): boolean =>
  r.state !== 'closed' && r.dueDate < today;
