/**
 * Sentences and clauses of normalised text, and the stretches under a plan heading.
 *
 * A sentence ends at 。！？；, a line break or their ASCII forms; a clause also at ，、：, ASCII
 * comma and colon — but not at 、, which lists things inside one clause (检测率、筛查率分别达到…).
 * A plan heading is a short line such as "八月份工作计划", "三、下一年工作打算", "十、下半年工作重点"
 * (or a line that is only 【下一步工作】): what follows it, up to the next top-level heading or
 * document title, is what the unit means to do, not what it did.
 */

export interface Span {
  start: number;
  end: number;
}

const SENTENCE_END = /[。！？；;!?\n\r]/u;
const CLAUSE_END = /[，,：:。！？；;!?\n\r]/u;
/** A colon before a figure labels it (全科门诊就诊人次：9246人次): the clause goes on. */
const LABEL_COLON = /[：:]\s*\d/u;

/** Spans of text between separators matched by `separator`, blank ones dropped. */
const spansOf = (text: string, separator: RegExp, keep?: RegExp): Span[] => {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || (separator.test(text[i] as string) && !keep?.test(text.slice(i, i + 3)))) {
      if (text.slice(start, i).trim()) spans.push({ start, end: i });
      start = i + 1;
    }
  }
  return spans;
};

export const sentencesOf = (text: string): Span[] => spansOf(text, SENTENCE_END);
export const clausesOf = (text: string): Span[] => spansOf(text, CLAUSE_END, LABEL_COLON);

const PLAN_HEADING = /计划|打算|思路|设想|工作重点|工作要点|下一步|下步|明年|来年|今后/u;
const TOP_HEADING = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十\d]+[篇章部分]|【)/u;
const TITLE = /总结|第.篇|范文/u;

/** The stretches of `text` that sit under a plan heading. */
export const plannedSections = (text: string): Span[] => {
  const sections: Span[] = [];
  let open: number | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    // A heading is short, ends without a full stop and carries no figure (a year or its number aside).
    const bare = trimmed.replace(/^\d+\s*[、.．]/u, '').replace(/\d{2,4}\s*年/gu, '');
    const heading =
      trimmed.length > 0 && trimmed.length <= 30 && !/[。；]$/u.test(trimmed) && !/\d/.test(bare);
    if (heading) {
      const words = trimmed.replace(/计划免疫|计划生育/gu, '');
      const plan = PLAN_HEADING.test(words) && !TITLE.test(words);
      if (plan && open === undefined) open = offset;
      else if (!plan && open !== undefined && (TOP_HEADING.test(trimmed) || TITLE.test(trimmed))) {
        sections.push({ start: open, end: offset });
        open = undefined;
      }
    }
    offset += line.length + 1;
  }
  if (open !== undefined) sections.push({ start: open, end: text.length });
  return sections;
};

/** Index of the span containing `at` in sorted, disjoint `spans` (binary search); -1 when none. */
export const spanIndexAt = (spans: Span[], at: number): number => {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid] as Span;
    if (at < span.start) high = mid - 1;
    else if (at >= span.end) low = mid + 1;
    else return mid;
  }
  return -1;
};
