/** Vitest global setup, run first: stops with one clear line per missing prerequisite. */
import { prerequisiteProblems } from '../../scripts/lib/prerequisites';

export default function setup() {
  const problems = prerequisiteProblems();
  if (problems.length > 0) throw new Error(`此机器缺少运行测试的前提条件：\n${problems.join('\n')}`);
}
