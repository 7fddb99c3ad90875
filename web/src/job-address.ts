/**
 * The jobs a page follows, kept in its address as one `job=<id>` per job: a page running two jobs
 * at once (an export and 重新计算) shows both again after a reload. Pure functions of the query
 * string, so the rules are tested without a browser.
 */

const PARAM = 'job';

/** The job ids in a query string (`?job=a&job=b`), in the order they were started. */
export const jobIdsIn = (search: string): string[] => {
  const seen = new Set<string>();
  for (const id of new URLSearchParams(search).getAll(PARAM)) if (id) seen.add(id);
  return [...seen];
};

/**
 * The query string with `remove` taken out and `add` put last (a hook's new job replaces its
 * previous one; the other hooks' jobs stay); every other parameter is kept as it was.
 */
export const withJobId = (
  search: string,
  change: { add?: string | null; remove?: string | null },
): string => {
  const query = new URLSearchParams(search);
  const ids = jobIdsIn(search).filter((id) => id !== change.remove && id !== change.add);
  if (change.add) ids.push(change.add);
  query.delete(PARAM);
  for (const id of ids) query.append(PARAM, id);
  const next = query.toString();
  return next ? `?${next}` : '';
};
