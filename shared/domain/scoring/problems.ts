/** A reason a template, agreement or scenario cannot be scored: where, and what, in Chinese. */
export interface Problem {
  /** Where in the scenario, e.g. `agreements[0].indicators[1].leaves[2].rule.floor`. */
  path: string;
  message: string;
}

/** Joins path segments the way `Problem.path` spells them: `a[0].b`. */
export const pathOf = (segments: readonly PropertyKey[]): string => {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path ? `.${String(segment)}` : String(segment);
  }
  return path;
};
