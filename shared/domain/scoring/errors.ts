/** Errors of the scoring engine. */
import type { Problem } from './problems';

/** A scenario, template or agreement that cannot be scored; `problems` lists every reason. */
export class InvalidScenarioError extends Error {
  override readonly name = 'InvalidScenarioError';

  constructor(readonly problems: readonly Problem[]) {
    const listed = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
    super(`无法计分，共 ${problems.length} 个问题：${listed.join('；')}${problems.length > 5 ? '……' : ''}`);
  }
}
